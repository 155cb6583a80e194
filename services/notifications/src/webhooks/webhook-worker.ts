import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Inject, Injectable, type LoggerService, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { DataSource, type EntityManager } from 'typeorm';
import { contentMayLeave, recipientVisibilityOver } from '@liaison/auth';
import { errorMessage } from '@liaison/messaging';
import { ServiceLog } from '@liaison/http';
import { NotificationsConfig } from '../config';
import { backoffMs, DeliveryFailures, WorkLoop } from '../deliveries/delivery-failures';
import { reachColumns } from '../fan-out/recipient-visibility';
import { HIDDEN_REFERENCE_PARAMS, hiddenReferences, neverSent, withoutHidden } from './hidden-references';
import { SecretBox, WEBHOOK_SECRET_BOX } from './secret-box';
import { TargetGuard, WEBHOOK_TARGET_GUARD } from './target-guard';

interface ClaimedDelivery {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  payload: unknown;
  attempts: number;
  url: string;
  /** sealed (SecretBox) */
  secret: string;
  /** sealed; the secret before a rotation, while its overlap lasts */
  previous_secret: string | null;
  organization_id: string;
  retraction: boolean;
  /** whether the endpoint's organization may see the record now (record_reach), or the event was never a record's */
  may_see: boolean;
  /** the record's level now; null for an event about no classified record */
  classification_now: string | null;
  /** its parent record's level now (a milestone's programme…); null where it has none */
  parent_classification_now: string | null;
  record_link: string | null;
  /** the payload's fields naming another record (RECORD_REFERENCES) the organization may not see now, or that is unknown here */
  hidden_references: string[];
}

/** The record a delivery is about, as it is now. */
const RECORD_NOW = reachColumns('r');
/** Its parent record as it is now (a milestone's programme, a recommendation's dialogue), which must allow it too. */
const PARENT_NOW = reachColumns('p');
/** An endpoint stands for its organization (its id is no officer's). */
const ENDPOINT = { officerId: 'e.id', organizationId: 'e.organization_id' };

const LEASE = '2 minutes';

const ADDRESS = /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b|\[?(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}\]?|\[?[0-9a-f]{0,4}::[0-9a-f:]*\]?/gi;

/**
 * What a delivery's error says to the organization's admins: never the address a host resolved
 * to (an internal one would map the network), only what happened.
 */
export function publicError(error: unknown): string {
  const code = (error as { code?: string })?.code;
  const known: Record<string, string> = {
    ECONNREFUSED: 'the receiver refused the connection',
    ECONNRESET: 'the receiver closed the connection',
    ENOTFOUND: 'the host name does not resolve',
    EAI_AGAIN: 'the host name could not be resolved just now',
    ETIMEDOUT: 'the connection timed out',
    EHOSTUNREACH: 'the host is unreachable',
  };
  if (code && known[code]) return known[code];
  const message = errorMessage(error);
  if (/is not allowed/i.test(message)) return 'the host resolves to a private, loopback or link-local address';
  return message.replace(ADDRESS, '[address]');
}
/** deliveries on the wire at once, per replica */
const BATCH = 20;
/** deliveries of one endpoint on the wire at once, per replica: a slow receiver holds no more */
export const PER_ENDPOINT = 4;


/**
 * Sends webhook deliveries after their fan-out committed, signed after Standard Webhooks
 * (`webhook-id` is the delivery id, the same on every retry, so receivers can drop repeats).
 * Retries with exponential back-off; after the last attempt the delivery fails and
 * delivery.failed is published; after WEBHOOK_DISABLE_AFTER_FAILURES failed attempts in a row
 * the endpoint is disabled and its waiting deliveries cancelled.
 */
@Injectable()
export class WebhookWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger: LoggerService;
  private readonly loop: WorkLoop;
  /** requests on the wire, cut short at shutdown so it never waits on a slow receiver */
  private readonly inFlight = new Set<{ destroy(error: Error): void }>();
  /** deliveries between their claim and their recorded outcome */
  private readonly sending = new Set<Promise<void>>();
  /** endpoint → its deliveries in `sending`: at PER_ENDPOINT, it is not claimed again meanwhile */
  private readonly busyEndpoints = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly failures: DeliveryFailures,
    @Inject(WEBHOOK_TARGET_GUARD) private readonly guard: TargetGuard,
    @Inject(NotificationsConfig) private readonly config: NotificationsConfig,
    @Inject(WEBHOOK_SECRET_BOX) private readonly box: SecretBox,
    log: ServiceLog,
  ) {
    this.logger = log.for(WebhookWorker.name);
    this.loop = new WorkLoop(() => this.drain(), config.deliveryPollMs, (error) => this.logger.error(errorMessage(error)));
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    const stopped = this.loop.stop();
    for (const request of this.inFlight) request.destroy(new Error('the service stopped before the receiver answered'));
    await stopped;
    await this.settled();
  }

  wake(): void {
    this.loop.wake();
  }

  /**
   * Claims what is due and sends it without waiting for the answers: a slow receiver holds only
   * its own deliveries, at most PER_ENDPOINT of them, and at most BATCH deliveries are on the wire
   * at once. Returns how many it started.
   */
  async drain(): Promise<number> {
    let started = 0;
    for (;;) {
      const room = BATCH - this.sending.size;
      if (room <= 0) return started;
      const batch = await this.claim(room);
      for (const row of batch) this.send(row);
      started += batch.length;
      if (batch.length === 0) return started;
    }
  }

  /** Resolves when every delivery on the wire has its outcome recorded (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.sending.size > 0) await Promise.allSettled([...this.sending]);
  }

  private send(row: ClaimedDelivery): void {
    this.busyEndpoints.set(row.endpoint_id, (this.busyEndpoints.get(row.endpoint_id) ?? 0) + 1);
    const sending: Promise<void> = this.deliver(row)
      .then(
        () => undefined,
        (error: unknown) => this.logger.error(`webhook delivery ${row.id}: ${errorMessage(error)}`),
      )
      .finally(() => {
        this.sending.delete(sending);
        const left = (this.busyEndpoints.get(row.endpoint_id) ?? 1) - 1;
        if (left > 0) this.busyEndpoints.set(row.endpoint_id, left);
        else this.busyEndpoints.delete(row.endpoint_id);
        // room for more, and the endpoint may have more waiting
        this.loop.wake();
      });
    this.sending.add(sending);
  }

  private claim(limit: number): Promise<ClaimedDelivery[]> {
    return this.dataSource.query(
      `WITH busy AS (
         SELECT * FROM unnest($1::uuid[], $2::int[]) AS b(endpoint_id, sending)
       ), due AS (
         SELECT d.id, d.endpoint_id, d.next_attempt_at FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
          WHERE e.enabled AND NOT EXISTS (SELECT 1 FROM busy b WHERE b.endpoint_id = d.endpoint_id AND b.sending >= $4)
            AND ((d.status = 'pending' AND d.next_attempt_at <= now()) OR (d.status = 'sending' AND d.locked_until < now()))
          ORDER BY d.next_attempt_at
          LIMIT $3 * 10
          FOR UPDATE OF d SKIP LOCKED
       ), chosen AS (
         -- an endpoint's deliveries never take more than PER_ENDPOINT places on the wire
         SELECT id FROM (
           SELECT due.id, due.next_attempt_at,
                  coalesce(b.sending, 0) + row_number() OVER (PARTITION BY due.endpoint_id ORDER BY due.next_attempt_at) AS place
             FROM due LEFT JOIN busy b ON b.endpoint_id = due.endpoint_id) ranked
          WHERE place <= $4
          ORDER BY next_attempt_at LIMIT $3
       ), claimed AS (
         UPDATE webhook_deliveries SET status = 'sending', attempts = attempts + 1, locked_until = now() + interval '${LEASE}', updated_at = now()
          WHERE id IN (SELECT id FROM chosen)
          RETURNING id, endpoint_id, event_id, event_type, payload, attempts, retraction
       )
       SELECT c.*, e.url, e.secret, CASE WHEN e.previous_secret_expires_at > now() THEN e.previous_secret END AS previous_secret,
              e.organization_id, r.classification AS classification_now, r.link AS record_link,
              p.classification AS parent_classification_now, ${hiddenReferences('c.event_type', 'c.payload', ENDPOINT, 5)} AS hidden_references,
              (c.retraction OR r.aggregate_id IS NULL
                OR (${recipientVisibilityOver(RECORD_NOW, ENDPOINT)}
                    AND (p.aggregate_id IS NULL OR ${recipientVisibilityOver(PARENT_NOW, ENDPOINT)}))) AS may_see
         FROM claimed c
         JOIN webhook_endpoints e ON e.id = c.endpoint_id
         LEFT JOIN record_reach r ON r.aggregate_id = c.payload ->> 'subject'
         LEFT JOIN record_reach p ON p.aggregate_id = r.parent_id`,
      [[...this.busyEndpoints.keys()], [...this.busyEndpoints.values()], limit, PER_ENDPOINT, ...HIDDEN_REFERENCE_PARAMS],
    );
  }

  private async deliver(row: ClaimedDelivery): Promise<boolean> {
    // Follows the record (and its parent), not the event: not sent to an organization that may no
    // longer see it, and without content where its level now lets none leave.
    if (!row.may_see) return this.cancel(row, 'the organization may no longer see the record');
    const body = JSON.stringify(this.asNow(row));
    let status: number | null = null;
    let error: string | null = null;
    try {
      status = await this.post(row, body);
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (e) {
      error = publicError(e);
    }
    if (error === null) {
      await this.dataSource.transaction(async (manager) => {
        await manager.query(
          `UPDATE webhook_deliveries SET status = 'delivered', delivered_at = now(), locked_until = NULL, last_status_code = $2,
                  last_error = NULL, updated_at = now()
            WHERE id = $1`,
          [row.id, status],
        );
        await manager.query(`UPDATE webhook_endpoints SET consecutive_failures = 0 WHERE id = $1`, [row.endpoint_id]);
      });
      return true;
    }
    await this.failed(row, status, error);
    return false;
  }

  /**
   * The payload as the record's level now allows: the stored one (without the ids of records the
   * organization may not see now, nor what no endpoint gets), or its envelope and link only.
   */
  private asNow(row: ClaimedDelivery): unknown {
    const contentLeaves = (level: string | null) => level === null || contentMayLeave(level);
    if (row.retraction || (contentLeaves(row.classification_now) && contentLeaves(row.parent_classification_now))) {
      return withoutHidden(row.payload, [...row.hidden_references, ...neverSent(row.event_type)]);
    }
    const { data, ...envelope } = row.payload as { data?: { link?: unknown; restricted?: boolean } };
    if (data?.restricted) return row.payload;
    const link = row.record_link ? new URL(row.record_link, this.config.webOrigin).toString() : undefined;
    return { ...envelope, data: { ...(link ? { link } : {}), restricted: true } };
  }

  private async cancel(row: ClaimedDelivery, reason: string): Promise<boolean> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET status = 'cancelled', locked_until = NULL, last_error = $2, updated_at = now()
        WHERE id = $1 AND status = 'sending'`,
      [row.id, reason],
    );
    return false;
  }

  /**
   * A failed attempt: back off and retry, or give up after the last attempt. Failed attempts in a
   * row (any delivery of the endpoint) disable it; then its waiting deliveries give up too. Every
   * delivery that gives up is told as delivery.failed, in the transaction that records it.
   */
  private async failed(row: ClaimedDelivery, status: number | null, error: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [endpoint] = await manager.query(
        `WITH counted AS (
           UPDATE webhook_endpoints SET consecutive_failures = consecutive_failures + 1 WHERE id = $1
           RETURNING consecutive_failures, enabled
         )
         SELECT * FROM counted`,
        [row.endpoint_id],
      );
      const disableNow = endpoint?.enabled && endpoint.consecutive_failures >= this.config.webhookDisableAfterFailures;
      const giveUp = row.attempts >= this.config.webhookMaxAttempts || disableNow || !endpoint?.enabled;
      // Only while it is still this attempt's: a delivery cancelled meanwhile (its brief withdrawn
      // while it was on the wire) stays cancelled, never pending again.
      const recorded: unknown[] = await manager.query(
        `WITH recorded AS (
           UPDATE webhook_deliveries SET status = $2, locked_until = NULL, last_status_code = $3, last_error = $4,
                  next_attempt_at = now() + ($5::int * interval '1 millisecond'), updated_at = now()
            WHERE id = $1 AND status = 'sending' RETURNING id
         )
         SELECT id FROM recorded`,
        [row.id, giveUp ? 'failed' : 'pending', status, error.slice(0, 1000), backoffMs(this.config.webhookRetryBaseMs, row.attempts)],
      );
      if (giveUp && recorded.length > 0) await this.gaveUp(manager, row, row.attempts, error);
      if (!disableNow) return;
      const reason = `${endpoint.consecutive_failures} failed attempts in a row; last: ${error}`.slice(0, 1000);
      await manager.query(
        `UPDATE webhook_endpoints SET enabled = false, disabled_at = now(), disabled_reason = $2, updated_at = now() WHERE id = $1`,
        [row.endpoint_id, reason],
      );
      const waiting: Array<{ id: string; event_id: string; event_type: string; attempts: number }> = await manager.query(
        `WITH given_up AS (
           UPDATE webhook_deliveries SET status = 'failed', locked_until = NULL, last_error = 'endpoint disabled', updated_at = now()
            WHERE endpoint_id = $1 AND status = 'pending'
            RETURNING id, event_id, event_type, attempts
         )
         SELECT * FROM given_up`,
        [row.endpoint_id],
      );
      for (const other of waiting) await this.gaveUp(manager, { ...row, ...other }, Math.max(other.attempts, 1), 'endpoint disabled');
      this.logger.warn(`webhook endpoint ${row.endpoint_id} disabled: ${reason}`);
    });
  }

  private gaveUp(manager: EntityManager, row: ClaimedDelivery, attempts: number, error: string): Promise<void> {
    return this.failures.record(manager, {
      deliveryId: row.id,
      channel: 'webhook',
      eventId: row.event_id,
      eventType: row.event_type,
      organizationId: row.organization_id,
      webhookId: row.endpoint_id,
      attempts,
      error,
    });
  }

  private post(row: ClaimedDelivery, body: string): Promise<number> {
    const url = new URL(row.url);
    const timestamp = new Date();
    // During a rotation's overlap both secrets sign (Standard Webhooks: space-separated signatures).
    const secrets = [row.secret, ...(row.previous_secret ? [row.previous_secret] : [])];
    const signature = secrets.map((sealed) => new Webhook(this.box.open(sealed)).sign(row.id, timestamp, body)).join(' ');
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<number>((resolve, reject) => {
      const request = send(
        url,
        {
          method: 'POST',
          agent: this.guard.agentFor(url),
          timeout: this.config.webhookTimeoutMs,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'user-agent': 'Liaison-Webhooks/1',
            'webhook-id': row.id,
            'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
            'webhook-signature': signature,
          },
        },
        (response) => {
          // Redirects are not followed: a 3xx is a failure, like any non-2xx.
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
          response.on('error', reject);
        },
      );
      // One deadline for the whole exchange (connect, headers, body): a receiver trickling a byte
      // at a time would reset the socket's idle timeout forever.
      const deadline = setTimeout(
        () => request.destroy(new Error(`no complete answer within ${this.config.webhookTimeoutMs} ms`)),
        this.config.webhookTimeoutMs,
      );
      this.inFlight.add(request);
      request.on('close', () => {
        clearTimeout(deadline);
        this.inFlight.delete(request);
      });
      request.on('timeout', () => request.destroy(new Error(`no answer within ${this.config.webhookTimeoutMs} ms`)));
      request.on('error', reject);
      request.end(body);
    });
  }
}

