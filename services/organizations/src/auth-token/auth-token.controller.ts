import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { Public } from '@liaison/auth';
import { AuthTokenService, IssuedToken } from './auth-token.service';
import { TokenRequestDto } from './dto/token-request.dto';
import { TokenView } from './token.view';

@ApiTags('auth')
@Controller('auth')
export class AuthTokenController {
  constructor(private readonly tokens: AuthTokenService) {}

  /**
   * Guessing passwords is slowed to a few tries a minute per client (its address, from
   * X-Forwarded-For behind TRUSTED_PROXIES) and backs off per account (LoginBackOff).
   */
  @Public()
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @Post('token')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenView })
  issue(@Body() request: TokenRequestDto): Promise<IssuedToken> {
    return this.tokens.issue(request);
  }
}
