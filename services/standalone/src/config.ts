import { Expose, Transform } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { toInt } from '@liaison/http';

/**
 * What the standalone host reads itself. Every other variable (SMTP_URL, WEB_ORIGIN, LOG_LEVEL, …)
 * reaches the services' own config classes as when they run apart; DATABASE_URL, PORT and the
 * NATS names are the host's to set.
 */
export class StandaloneConfig {
  @Expose({ name: 'PORT' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  port = 3000;

  /** 127.0.0.1 by default: the demo world's password is printed on the console */
  @Expose({ name: 'HOST' })
  @IsString()
  host = '127.0.0.1';

  @Expose({ name: 'LIAISON_DATA_DIR' })
  @IsString()
  dataDir = './data';

  /** when set, events are also published to this NATS JetStream, for partner systems to read */
  @Expose({ name: 'NATS_URL' })
  @IsOptional()
  @IsString()
  natsUrl?: string;

  /** the mirror's subject and stream prefixes (isolate a deployment on a shared NATS) */
  @Expose({ name: 'NATS_SUBJECT_PREFIX' })
  @IsString()
  natsSubjectPrefix = '';

  @Expose({ name: 'NATS_STREAM_PREFIX' })
  @IsString()
  natsStreamPrefix = '';

  /** secret; without it one is made at the first start and kept in the data directory */
  @Expose({ name: 'AUTH_JWT_SECRET' })
  @IsOptional()
  @MinLength(32, { message: 'AUTH_JWT_SECRET must be at least 32 characters' })
  jwtSecret?: string;

  /** secret: the key webhook secrets are sealed with; without it one is made at the first start and kept */
  @Expose({ name: 'LIAISON_SECRET_KEY' })
  @IsOptional()
  @IsString()
  secretKey?: string;

  /** the UN administrator; without them, admin@un.example.org and a password made at the first start */
  @Expose({ name: 'LIAISON_ADMIN_EMAIL' })
  @IsOptional()
  @IsEmail()
  adminEmail?: string;

  /** secret: also every demo officer's password */
  @Expose({ name: 'LIAISON_ADMIN_PASSWORD' })
  @IsOptional()
  @MinLength(12, { message: 'LIAISON_ADMIN_PASSWORD must be at least 12 characters' })
  adminPassword?: string;

  /** the console's built files, served at / when they exist */
  @Expose({ name: 'LIAISON_CONSOLE_DIR' })
  @IsString()
  consoleDir = 'apps/console/dist';

  /**
   * writes to a service are refused (503, Retry-After) while its oldest event not yet delivered
   * to every consumer has waited longer than this; 0 never refuses
   */
  @Expose({ name: 'LIAISON_MAX_DELIVERY_LAG_MS' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  maxDeliveryLagMs = 1000;

  @Expose({ name: 'LOG_LEVEL' })
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  logLevel = 'warn';
}
