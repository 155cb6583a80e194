import { Expose, Transform } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value);

/**
 * Every variable the organizations service reads, with its default. Secrets are marked: they
 * are never logged. Nothing else in the service reads process.env.
 */
export class OrganizationsConfig {
  @Expose({ name: 'PORT' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  port = 3001;

  @Expose({ name: 'DATABASE_URL' })
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  databaseUrl: string;

  @Expose({ name: 'DATABASE_POOL_SIZE' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  databasePoolSize = 10;

  @Expose({ name: 'NATS_URL' })
  @IsString()
  natsUrl = 'nats://127.0.0.1:4222';

  /** Isolates one deployment's subjects on a shared NATS (tests, staging); empty in production. */
  @Expose({ name: 'NATS_SUBJECT_PREFIX' })
  @IsString()
  subjectPrefix = '';

  @Expose({ name: 'NATS_STREAM_PREFIX' })
  @IsString()
  streamPrefix = '';

  /** secret */
  @Expose({ name: 'AUTH_JWT_SECRET' })
  @ValidateIf((config: OrganizationsConfig) => !config.jwksUrl)
  @IsString({ message: 'AUTH_JWT_SECRET or AUTH_JWKS_URL must be set' })
  @MinLength(32, { message: 'AUTH_JWT_SECRET must be at least 32 characters' })
  jwtSecret?: string;

  @Expose({ name: 'AUTH_JWKS_URL' })
  @IsOptional()
  @IsUrl({ require_tld: false })
  jwksUrl?: string;

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

  @Expose({ name: 'LOG_LEVEL' })
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  logLevel = 'info';

  @Expose({ name: 'RATE_LIMIT_PER_MINUTE' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  rateLimitPerMinute = 6000;
}
