import { Inject, Injectable, type LoggerService, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { errorMessage } from '@liaison/messaging';
import { ServiceLog } from '@liaison/http';
import { NotificationsConfig } from '../config';
import { WorkLoop } from '../deliveries/delivery-failures';
import { EmailWorker } from './email-worker';

/** Defaults for officers without preferences, or who chose no time zone (see NotificationPreferences). */
export const DEFAULT_TIMEZONE = 'UTC';
export const DEFAULT_DIGEST_HOUR = 8;

/**
 * Once the officer's local digest hour has come (in their time zone), gathers their waiting
 * daily items into one digest e-mail row for that local day. The row is unique per (officer,
 * local day), so replicas and repeated runs make one; items that arrive after it wait for the
 * next day's.
 */
@Injectable()
export class DigestScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger: LoggerService;
  private readonly loop: WorkLoop;

  constructor(
    private readonly dataSource: DataSource,
    private readonly emails: EmailWorker,
    @Inject(NotificationsConfig) private readonly config: NotificationsConfig,
    log: ServiceLog,
  ) {
    this.logger = log.for(DigestScheduler.name);
    this.loop = new WorkLoop(() => this.prepare(), config.digestCheckMs, (error) => this.logger.error(errorMessage(error)));
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Prepares the digests due at `now`; returns how many. */
  async prepare(now: Date = new Date()): Promise<number> {
    const created: Array<{ id: string }> = await this.dataSource.transaction((manager) =>
      manager.query(
        `WITH waiting AS (
           SELECT i.officer_id, COALESCE(p.timezone, $3) AS timezone, COALESCE(p.digest_hour, $4) AS digest_hour
             FROM notification_items i
             LEFT JOIN notification_preferences p ON p.officer_id = i.officer_id
            WHERE i.email = 'daily' AND i.digest_id IS NULL AND i.withdrawn_at IS NULL AND i.created_at <= $1
            GROUP BY 1, 2, 3
         ),
         due AS (
           SELECT officer_id, ($1::timestamptz AT TIME ZONE timezone)::date AS local_day
             FROM waiting
            WHERE extract(hour FROM $1::timestamptz AT TIME ZONE timezone) >= digest_hour
         ),
         created AS (
           INSERT INTO email_deliveries (id, officer_id, kind, digest_date, message_id)
           SELECT notifications_uuid_v7(), officer_id, 'digest', local_day,
                  '<digest.' || officer_id || '.' || to_char(local_day, 'YYYY-MM-DD') || '@' || $2 || '>'
             FROM due
           ON CONFLICT (officer_id, digest_date) DO NOTHING
           RETURNING id, officer_id
         ),
         gathered AS (
           UPDATE notification_items i SET digest_id = c.id
             FROM created c
            WHERE i.officer_id = c.officer_id AND i.email = 'daily' AND i.digest_id IS NULL
              AND i.withdrawn_at IS NULL AND i.created_at <= $1
           RETURNING i.id
         )
         SELECT id FROM created`,
        [now.toISOString(), this.config.messageIdDomain, DEFAULT_TIMEZONE, DEFAULT_DIGEST_HOUR],
      ),
    );
    if (created.length > 0) this.emails.wake();
    return created.length;
  }
}
