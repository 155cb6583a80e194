import { Expose, Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, ValidateBy, ValidateIf } from 'class-validator';
import { ServiceConfig, toInt } from '@liaison/http';
import { parseSecretKey } from './webhooks/secret-box';

const isSecretKey = (value: unknown) => typeof value === 'string' && parseSecretKey(value) !== undefined;

/** the longest overlap of an old and a new webhook secret: a week */
export const MAX_SECRET_OVERLAP_SECONDS = 7 * 24 * 60 * 60;

const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean)
    : value;

/**
 * Every variable the notifications service reads: the common ones of ServiceConfig and its own.
 * Secrets are marked: never logged. Nothing else in the service reads process.env.
 */
export class NotificationsConfig extends ServiceConfig {
  override port = 3005;

  /** secret (may hold a password): `smtp://user:pass@host:587`, `smtps://…`. Without it e-mails wait. */
  @Expose({ name: 'SMTP_URL' })
  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  smtpUrl?: string;

  @Expose({ name: 'MAIL_FROM' })
  @IsString()
  mailFrom = 'Liaison <notifications@liaison.example.org>';

  /** the right-hand side of every Message-ID this service writes */
  @Expose({ name: 'MAIL_MESSAGE_ID_DOMAIN' })
  @Matches(/^[A-Za-z0-9.-]+$/, { message: 'MAIL_MESSAGE_ID_DOMAIN must be a domain name' })
  messageIdDomain = 'notifications.liaison.example.org';

  /** where links in e-mails point: the web application's origin */
  @Expose({ name: 'WEB_ORIGIN' })
  @IsUrl({ require_tld: false, require_protocol: true })
  webOrigin = 'http://localhost:8080';

  /**
   * Hosts (names or addresses, comma-separated) that webhooks may reach although they are
   * private, loopback or link-local; everything else of that kind is refused.
   */
  @Expose({ name: 'WEBHOOK_ALLOWED_HOSTS' })
  @Transform(toList)
  @IsString({ each: true })
  webhookAllowedHosts: string[] = [];

  /** `production` makes LIAISON_SECRET_KEY required */
  @Expose({ name: 'NODE_ENV' })
  @IsOptional()
  @IsString()
  nodeEnv?: string;

  /**
   * secret: the key that encrypts webhook secrets at rest, 32 random bytes as base64 or hex
   * (`openssl rand -base64 32`). Required in production; elsewhere a well-known development key
   * stands in, and the log says so.
   */
  @Expose({ name: 'LIAISON_SECRET_KEY' })
  @ValidateIf((config: NotificationsConfig) => config.nodeEnv === 'production' || config.secretKey !== undefined)
  @ValidateBy(
    { name: 'isSecretKey', validator: { validate: isSecretKey } },
    { message: 'LIAISON_SECRET_KEY must be set (NODE_ENV is production) to 32 random bytes as base64 or hex, e.g. `openssl rand -base64 32`: it encrypts webhook secrets at rest' },
  )
  secretKey?: string;

  /**
   * secret: the key being replaced, while a new LIAISON_SECRET_KEY is rolled out. At start the
   * service seals again, under the new key, every webhook secret still under this one; then it
   * can be removed.
   */
  @Expose({ name: 'LIAISON_SECRET_KEY_PREVIOUS' })
  @IsOptional()
  @ValidateBy({ name: 'isSecretKey', validator: { validate: isSecretKey } }, { message: 'LIAISON_SECRET_KEY_PREVIOUS must be 32 bytes as base64 or hex' })
  secretKeyPrevious?: string;

  /** after a secret's rotation, how long deliveries are also signed with the old one (the default for `POST /webhooks/{id}/secret`) */
  @Expose({ name: 'WEBHOOK_SECRET_OVERLAP_SECONDS' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(MAX_SECRET_OVERLAP_SECONDS)
  webhookSecretOverlapSeconds = 24 * 60 * 60;

  /** attempts per webhook delivery, the first included */
  @Expose({ name: 'WEBHOOK_MAX_ATTEMPTS' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(30)
  webhookMaxAttempts = 8;

  /** back-off before attempt n+1 is this × 2^(n-1) */
  @Expose({ name: 'WEBHOOK_RETRY_BASE_MS' })
  @Transform(toInt)
  @IsInt()
  @Min(10)
  webhookRetryBaseMs = 10_000;

  /** failed attempts in a row (across deliveries, any success resets) after which an endpoint is disabled */
  @Expose({ name: 'WEBHOOK_DISABLE_AFTER_FAILURES' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  webhookDisableAfterFailures = 20;

  @Expose({ name: 'WEBHOOK_TIMEOUT_MS' })
  @Transform(toInt)
  @IsInt()
  @Min(100)
  webhookTimeoutMs = 10_000;

  @Expose({ name: 'EMAIL_MAX_ATTEMPTS' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  emailMaxAttempts = 6;

  @Expose({ name: 'EMAIL_RETRY_BASE_MS' })
  @Transform(toInt)
  @IsInt()
  @Min(10)
  emailRetryBaseMs = 30_000;

  /** how often the delivery workers look for work besides being woken after a fan-out */
  @Expose({ name: 'DELIVERY_POLL_MS' })
  @Transform(toInt)
  @IsInt()
  @Min(10)
  deliveryPollMs = 1_000;

  /** how often daily digests that are due are prepared */
  @Expose({ name: 'DIGEST_CHECK_MS' })
  @Transform(toInt)
  @IsInt()
  @Min(100)
  digestCheckMs = 60_000;

  /**
   * Also publish notification.created version 1, one event per inbox item, besides version 3
   * (one per event). Only for consumers that have not moved on: a brief to 100 subscribers then
   * costs 100 more publishes.
   */
  @Expose({ name: 'NOTIFICATION_CREATED_V1' })
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'NOTIFICATION_CREATED_V1 must be true or false' })
  notificationCreatedV1 = false;

  /**
   * Also publish notification.created version 2 (titles and summaries repeated for each item)
   * besides version 3, for consumers not yet on version 3: about four times the bytes.
   */
  @Expose({ name: 'NOTIFICATION_CREATED_V2' })
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'NOTIFICATION_CREATED_V2 must be true or false' })
  notificationCreatedV2 = false;

  /** lifetime of a `POST /notifications/stream-tickets` ticket */
  @Expose({ name: 'STREAM_TICKET_TTL_SECONDS' })
  @Transform(toInt)
  @IsInt()
  @Min(5)
  streamTicketTtlSeconds = 60;
}
