import { Expose, Transform } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, Min, MinLength, ValidateIf } from 'class-validator';
import { ServiceConfig, toInt } from '@liaison/http';

/**
 * Every variable the organizations service reads: the common ones of ServiceConfig and its
 * own. Secrets are marked: they are never logged. Nothing else in the service reads process.env.
 */
export class OrganizationsConfig extends ServiceConfig {
  override port = 3001;

  @Expose({ name: 'AUTH_TOKEN_TTL_SECONDS' })
  @Transform(toInt)
  @IsInt()
  @Min(60)
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
