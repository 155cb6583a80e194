import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { MAX_SECRET_OVERLAP_SECONDS } from '../../config';
import { SECRET_FORMAT, SECRET_FORMAT_MESSAGE } from './create-webhook.dto';

export class RotateSecretDto {
  /** the new secret, as at creation; generated when absent. Returned once. */
  @ApiPropertyOptional({ writeOnly: true, description: '`whsec_` and base64 of 24 to 64 random bytes; generated when absent. Returned once.' })
  @IsOptional()
  @Matches(SECRET_FORMAT, { message: SECRET_FORMAT_MESSAGE })
  secret?: string;

  /**
   * how long deliveries are still signed with the old secret too, so receivers can move at their
   * pace; 0 ends it at once (a secret that leaked). Default: WEBHOOK_SECRET_OVERLAP_SECONDS.
   */
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_SECRET_OVERLAP_SECONDS, example: 86400 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_SECRET_OVERLAP_SECONDS)
  overlapSeconds?: number;
}
