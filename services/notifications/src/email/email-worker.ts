import { Inject, Injectable, type LoggerService, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { canSee, contentMayLeave, type Viewer } from '@liaison/auth';
import { errorMessage } from '@liaison/messaging';
import { LANGUAGES, type Language } from '@liaison/contracts';
import { ServiceLog } from '@liaison/http';
import { NotificationsConfig } from '../config';
import { backoffMs, DeliveryFailures, WorkLoop } from '../deliveries/delivery-failures';
import type { MessageParams } from '../events/event-facts';
import { inReaderZone } from '../messages/render';
import { digestMail, itemMail, type MailContent, type MailItem } from './email-content';
import { Mailer } from './mailer';

interface ClaimedEmail {
  id: string;
  officer_id: string;
  kind: 'item' | 'digest';
  item_id: string | null;
  event_id: string | null;
  event_type: string | null;
  message_id: string;
  attempts: number;
}

interface ItemRow extends MailItem {
  officer_id: string;
  event_type: string;
  /** what its title and summary were rendered from, where they show a time (inReaderZone) */
  message_params: MessageParams | null;
  origin_organization_id: string;
  author_id: string;
  audience_organizations: string[];
  audience_officers: string[];
  withdrawn_at: Date | null;
  /** the parent record's reach now (a milestone's programme…), null where there is none */
  parent_classification: string | null;
  parent_origin_organization_id: string | null;
  parent_author_id: string | null;
  parent_audience_organizations: string[] | null;
  parent_audience_officers: string[] | null;
}

interface Recipient {
  email: string | null;
  organization_id: string;
  language: string;
  left: boolean;
  roles: string[];
  /** the zone the officer chose, null for none */
  timezone: string | null;
}

/** A claimed row not finished within this time (the process died mid-send) is claimed again. */
const LEASE = '2 minutes';
const BATCH = 20;

/**
 * Sends the e-mail rows after their fan-out committed: claims a batch FOR UPDATE SKIP LOCKED
 * (replicas share the work), sends each with its row's Message-ID, marks it sent. A row is only
 * ever sent again if the process died between the SMTP reply and the mark, and then with the
 * same Message-ID. Before sending, the rule is applied again against the current registry.
 */
@Injectable()
export class EmailWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger: LoggerService;
  private readonly loop: WorkLoop;

  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly failures: DeliveryFailures,
    @Inject(NotificationsConfig) private readonly config: NotificationsConfig,
    log: ServiceLog,
  ) {
    this.logger = log.for(EmailWorker.name);
    this.loop = new WorkLoop(() => this.drain(), config.deliveryPollMs, (error) => this.logger.error(errorMessage(error)));
  }

  /** Said here, where sending starts or not: once per service, not once per application that holds a mailer. */
  onApplicationBootstrap(): void {
    if (this.mailer.enabled) this.loop.start();
    else this.logger.warn('SMTP_URL is not set: e-mails are kept and not sent');
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  wake(): void {
    this.loop.wake();
  }

  /** Sends what is due, batch after batch, until nothing is. */
  async drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = await this.claim();
      if (batch.length === 0) return sent;
      for (const row of batch) sent += (await this.deliver(row)) ? 1 : 0;
    }
  }

  private claim(): Promise<ClaimedEmail[]> {
    return this.dataSource.query(
      // (a bare UPDATE … RETURNING comes back from TypeORM as [rows, count]: selected from a CTE instead)
      `WITH claimed AS (
         UPDATE email_deliveries SET status = 'sending', attempts = attempts + 1, locked_until = now() + interval '${LEASE}'
          WHERE id IN (
            SELECT id FROM email_deliveries
             WHERE (status = 'pending' AND next_attempt_at <= now()) OR (status = 'sending' AND locked_until < now())
             ORDER BY next_attempt_at
             LIMIT ${BATCH}
             FOR UPDATE SKIP LOCKED)
          RETURNING id, officer_id, kind, item_id, event_id, event_type, message_id, attempts
       )
       SELECT * FROM claimed`,
    );
  }

  private async deliver(row: ClaimedEmail): Promise<boolean> {
    const [recipient]: Recipient[] = await this.dataSource.query(
      `SELECT o.email, o.organization_id, o.language, o."left", o.roles, p.timezone
         FROM registry_officers o LEFT JOIN notification_preferences p ON p.officer_id = o.id
        WHERE o.id = $1`,
      [row.officer_id],
    );
    if (!recipient || recipient.left || !recipient.email) return this.finish(row, 'cancelled', 'the officer left or has no e-mail address');
    const language: Language = (LANGUAGES as readonly string[]).includes(recipient.language) ? (recipient.language as Language) : 'en';
    const viewer: Viewer = { officerId: row.officer_id, organizationId: recipient.organization_id, roles: recipient.roles as Viewer['roles'] };
    const seen = (await this.itemsOf(row))
      .filter((item) => !item.withdrawn_at && canSee(viewer, toResource(item)) && (!item.parent_classification || canSee(viewer, parentOf(item))))
      .map(asParentAllows);
    if (seen.length === 0) return this.finish(row, 'cancelled', 'nothing left that the officer may see');

    try {
      // an e-mail that cannot be written fails alone, as a refused send does, not the batch behind it
      const items = seen.map((item) => inReaderZone(item, item.event_type, language, item.message_params, recipient.timezone));
      const content: MailContent = row.kind === 'item' ? itemMail(language, items[0], this.config.webOrigin) : digestMail(language, items, this.config.webOrigin);
      await this.mailer.send({ ...content, to: recipient.email, messageId: row.message_id, language });
    } catch (error) {
      await this.failed(row, recipient, errorMessage(error));
      return false;
    }
    return this.finish(row, 'sent');
  }

  private itemsOf(row: ClaimedEmail): Promise<ItemRow[]> {
    const where = row.kind === 'item' ? 'id = $1' : 'digest_id = $1';
    return this.dataSource.query(
      `SELECT v.officer_id, v.event_type, v.message_params, v.title, v.summary, v.link, v.classification, v.origin_organization_id,
              v.author_id, v.audience_organizations, v.audience_officers, v.withdrawn_at, v.parent_classification,
              v.parent_origin_organization_id, v.parent_author_id, v.parent_audience_organizations, v.parent_audience_officers
         FROM notification_inbox v
        WHERE v.${where} ORDER BY v.position`,
      [row.kind === 'item' ? row.item_id : row.id],
    );
  }

  private async finish(row: ClaimedEmail, status: 'sent' | 'cancelled', reason?: string): Promise<boolean> {
    await this.dataSource.query(
      `UPDATE email_deliveries SET status = $2, locked_until = NULL, sent_at = CASE WHEN $2 = 'sent' THEN now() END, last_error = $3
        WHERE id = $1 AND status = 'sending'`,
      [row.id, status, reason ?? null],
    );
    return status === 'sent';
  }

  private async failed(row: ClaimedEmail, recipient: Recipient, error: string): Promise<void> {
    const final = row.attempts >= this.config.emailMaxAttempts;
    await this.dataSource.transaction(async (manager) => {
      const updated: unknown[] = await manager.query(
        `WITH updated AS (
           UPDATE email_deliveries SET status = $2, locked_until = NULL, last_error = $3,
                  next_attempt_at = now() + ($4::int * interval '1 millisecond')
            WHERE id = $1 AND status = 'sending' RETURNING id
         )
         SELECT id FROM updated`,
        [row.id, final ? 'failed' : 'pending', error.slice(0, 1000), backoffMs(this.config.emailRetryBaseMs, row.attempts)],
      );
      if (final && updated.length > 0) {
        await this.failures.record(manager, {
          deliveryId: row.id,
          channel: 'email',
          eventId: row.event_id ?? row.id,
          eventType: row.event_type ?? 'liaison.notification.digest.v1',
          organizationId: recipient.organization_id,
          officerId: row.officer_id,
          attempts: row.attempts,
          error,
        });
      }
    });
    this.logger.warn(`e-mail ${row.id} attempt ${row.attempts} failed${final ? ' for good' : ''}: ${error}`);
  }
}

function toResource(item: ItemRow) {
  return {
    classification: item.classification as never,
    originOrganizationId: item.origin_organization_id,
    authorId: item.author_id,
    audience: { organizations: item.audience_organizations, officers: item.audience_officers },
  };
}

/** The parent record's reach, as toResource has the item's. */
function parentOf(item: ItemRow) {
  return {
    classification: item.parent_classification as never,
    originOrganizationId: item.parent_origin_organization_id!,
    authorId: item.parent_author_id!,
    audience: { organizations: item.parent_audience_organizations ?? [], officers: item.parent_audience_officers ?? [] },
  };
}

/** The item at its parent's level where that lets no content leave (a milestone of an amber-strict programme leaves as a link). */
function asParentAllows(item: ItemRow): ItemRow {
  return item.parent_classification && !contentMayLeave(item.parent_classification) ? { ...item, classification: item.parent_classification } : item;
}
