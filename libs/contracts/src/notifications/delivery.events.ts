import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { EVENT_TYPE_PATTERN, defineEvent } from '../envelope';
import { DELIVERY_CHANNELS, DeliveryChannel } from '../vocabulary/domain';
import { IsTimestamp } from '../vocabulary/temporal';

/**
 * A delivery (e-mail or webhook) gave up after its last attempt. It names the recipient but never
 * repeats the content, which may be restricted. It concerns the organization that owns the
 * endpoint or employs the officer: sent as amber-strict with that organization as `originorg`.
 */
export class DeliveryFailed {
  @IsUUID()
  deliveryId: string;

  @IsIn(DELIVERY_CHANNELS)
  channel: DeliveryChannel;

  /** The event that was being delivered. */
  @IsUUID()
  eventId: string;

  @Matches(EVENT_TYPE_PATTERN)
  eventType: string;

  /** The organization owning the webhook endpoint, or the officer's organization for e-mail. */
  @IsUUID()
  organizationId: string;

  /** For e-mail. */
  @IsOptional()
  @IsUUID()
  officerId?: string;

  /** For webhooks. */
  @IsOptional()
  @IsUUID()
  webhookId?: string;

  @IsInt()
  @Min(1)
  attempts: number;

  /** The last error, e.g. `HTTP 503` or an SMTP reply; no secrets, no content. */
  @IsString()
  @MaxLength(1000)
  error: string;

  @IsTimestamp()
  failedAt: string;
}

export const DeliveryFailedEvent = defineEvent({
  service: 'notifications',
  aggregate: 'delivery',
  verb: 'failed',
  payload: DeliveryFailed,
  description: 'An e-mail or webhook delivery failed for good after its retries.',
});
