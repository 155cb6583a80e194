import { Expose, Transform } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { ServiceConfig, toInt } from '@liaison/http';

/** The longest lifetime AUTH_TOKEN_TTL_SECONDS may give a token: 24 hours. */
export const MAX_TOKEN_TTL_SECONDS = 24 * 60 * 60;

/**
 * Every variable the organizations service reads: the common ones of ServiceConfig and its
 * own. Secrets are marked: they are never logged. Nothing else in the service reads process.env.
 */
export class OrganizationsConfig extends ServiceConfig {
  override port = 3001;

  /**
   * At most a day: the registry decides on every request whether a token still holds, but a
   * token is also a bearer credential that may be copied, so it should not outlive a working day.
   */
  @Expose({ name: 'AUTH_TOKEN_TTL_SECONDS' })
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(MAX_TOKEN_TTL_SECONDS, { message: `must be at most ${MAX_TOKEN_TTL_SECONDS} (24 hours): tokens are bearer credentials` })
  tokenTtlSeconds = 3600;

  @Expose({ name: 'LIAISON_ADMIN_EMAIL' })
  @IsOptional()
  @IsEmail()
  adminEmail?: string;

  /** secret */
  @Expose({ name: 'LIAISON_ADMIN_PASSWORD' })
  @ValidateIf((config: OrganizationsConfig) => Boolean(config.adminEmail))
  @IsString({ message: 'LIAISON_ADMIN_PASSWORD must be set with LIAISON_ADMIN_EMAIL' })
  @MinLength(12, { message: 'LIAISON_ADMIN_PASSWORD must be at least 12 characters' })
  adminPassword?: string;
}
