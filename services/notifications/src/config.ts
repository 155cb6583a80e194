import { Expose, Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
import { ServiceConfig, toInt } from '@liaison/http';

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
