import { Injectable, UnauthorizedException } from '@nestjs/common';
import { hash, verify } from 'argon2';
import { DataSource } from 'typeorm';
import { TokenIssuer } from '@liaison/auth';
import { normalizedEmail } from '../officer/officer-email';
import { Officer } from '../officer/officer.entity';
import { TokenRequestDto } from './dto/token-request.dto';
import { LoginBackOff } from './login-back-off';

export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/**
 * The built-in issuer for the standalone mode and demos. An unknown address costs the same
 * argon2 work as a wrong password, so the answer time does not tell which addresses exist.
 */
@Injectable()
export class AuthTokenService {
  private readonly decoy = hash('decoy password, never matches');

  constructor(
    private readonly dataSource: DataSource,
    private readonly issuer: TokenIssuer,
    private readonly backOff: LoginBackOff,
  ) {}

  async issue(request: TokenRequestDto): Promise<IssuedToken> {
    const email = normalizedEmail(request.email);
    await this.backOff.assertMayTry(email);
    // The address exactly as stored, so only spellings the back-off counts as this account sign
    // in to it (Postgres' lower() and JavaScript's differ: İ is i to one, i + U+0307 to the other);
    // lower() finds it by the unique index.
    const officer = await this.dataSource
      .getRepository(Officer)
      .createQueryBuilder('officer')
      .addSelect('officer.passwordHash')
      .where('lower(officer.email) = lower(:email) AND officer.email = :email', { email })
      .andWhere('officer.left_at IS NULL')
      .getOne();
    const passwordHash = officer?.passwordHash ?? (await this.decoy);
    const matches = await verify(passwordHash, request.password).catch(() => false);
    if (!officer || !officer.passwordHash || !matches) {
      await this.backOff.failed(email);
      throw new UnauthorizedException('The e-mail address or the password is wrong.');
    }
    await this.backOff.succeeded(email);
    const { accessToken, expiresIn } = await this.issuer.issue({
      officerId: officer.id,
      organizationId: officer.organizationId,
      roles: officer.roles,
    });
    return { accessToken, tokenType: 'Bearer', expiresIn };
  }
}
