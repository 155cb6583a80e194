import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';
import { canSee } from '@liaison/auth';
import { DEAD_LETTER_STREAM } from '@liaison/messaging';
import { type DrillLiaison, SERVICES } from './liaison';
import type { AcknowledgedWrite } from './load';
import { type DrillNetwork, EMAIL_EVENT_TYPES } from './network';
import type { DrillMailbox, DrillWebhookReceiver } from './receivers';

export const EVENTS_STREAM = 'LIAISON_EVENTS';


export interface Accounting {
  acknowledged: number;
  /** acknowledged writes whose event never reached the stream or notifications, or an entitled inbox, mailbox or endpoint */
  lost: number;
  /** events in the stream more than once, applied more than once, or more than one item, e-mail or webhook delivery per recipient */
  duplicates: number;
  /** inbox items, e-mails or webhook deliveries for recipients the record's classification does not allow */
  leaks: number;
  /** inbox items, e-mails and webhook deliveries checked (entitled ones) */
  deliveries: { items: number; emails: number; webhooks: number };
  /** the same e-mail or webhook delivery (same Message-ID or webhook-id) sent again: at least once, harmless to a receiver that dedupes */
  resends: number;
  details: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function rows<T>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    return (await db.query(sql, params)).rows as T[];
  } finally {
    await db.end();
  }
}

async function count(databaseUrl: string, sql: string): Promise<number> {
  const [row] = await rows<{ n: string }>(databaseUrl, sql);
  return Number(row.n);
}

/** Events the services' durable consumers have not settled yet: not delivered, or delivered and not acknowledged. */
async function unsettledEvents(natsUrl: string): Promise<number> {
  const connection = await connect({ servers: natsUrl });
  try {
    const jsm = await jetstreamManager(connection);
    let unsettled = 0;
    for await (const consumer of jsm.consumers.list(EVENTS_STREAM)) {
      // the checker's own reader of the stream is no service's
      if (consumer.config.durable_name) unsettled += consumer.num_pending + consumer.num_ack_pending;
    }
    return unsettled;
  } finally {
    await connection.close();
  }
}

/** How many events the dead-letter stream holds. */
export async function deadLetterCount(natsUrl: string): Promise<number> {
  const connection = await connect({ servers: natsUrl });
  try {
    return (await (await jetstreamManager(connection)).streams.info(DEAD_LETTER_STREAM)).state.messages;
  } finally {
    await connection.close();
  }
}

/** The stream's last sequence: a drill's events come after it. */
export async function streamEnd(natsUrl: string): Promise<number> {
  const connection = await connect({ servers: natsUrl });
  try {
    return (await (await jetstreamManager(connection)).streams.info(EVENTS_STREAM)).state.last_seq;
  } finally {
    await connection.close();
  }
}

/**
 * Waits until nothing moves: every writing service's outbox is sent, every durable consumer has
 * settled every event, notifications' e-mails and webhook deliveries are out, the receivers got
 * them, and notifications' inbox items stopped changing for a few seconds. Returns how long it took.
 */
export async function quiescence(liaison: DrillLiaison, receivers: { mailbox: DrillMailbox; webhooks: DrillWebhookReceiver }, timeoutMs = 600_000): Promise<number> {
  const started = Date.now();
  let last = '';
  let stableSince = Date.now();
  const writers = SERVICES.filter((name) => name !== 'notifications');
  while (Date.now() - started < timeoutMs) {
    const unsent = await Promise.all(writers.map((name) => count(liaison.databaseUrl(name), 'SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL'))).catch(() => [1]);
    const notifications = liaison.databaseUrl('notifications');
    const items = await count(notifications, 'SELECT count(*) AS n FROM notification_items').catch(() => -1);
    const undelivered = await count(
      notifications,
      `SELECT (SELECT count(*) FROM email_deliveries WHERE status IN ('pending', 'sending')) + (SELECT count(*) FROM webhook_deliveries WHERE status IN ('pending', 'sending')) AS n`,
    ).catch(() => 1);
    const unsettled = await unsettledEvents(liaison.nats.url).catch(() => 1);
    const state = `${items}/${receivers.mailbox.received.size}/${receivers.webhooks.received.length}`;
    if (state !== last || unsent.some((n) => n > 0) || undelivered > 0 || unsettled > 0) {
      last = state;
      stableSince = Date.now();
    } else if (Date.now() - stableSince > 3_000) {
      return Date.now() - started;
    }
    await sleep(250);
  }
  throw new Error(`drill: no quiescence after ${timeoutMs} ms`);
}

/**
 * Every event of the stream after `from`: (type, subject) → the ids of its copies (a republished
 * event is a second copy; a replay is none); and how many messages each NATS subject got.
 */
export async function eventsInStream(natsUrl: string, from: number): Promise<{ copies: Map<string, string[]>; bySubject: Map<string, number> }> {
  const connection = await connect({ servers: natsUrl });
  const copies = new Map<string, string[]>();
  const bySubject = new Map<string, number>();
  try {
    const last = (await (await jetstreamManager(connection)).streams.info(EVENTS_STREAM)).state.last_seq;
    if (last <= from) return { copies, bySubject };
    const reader = await jetstream(connection).consumers.get(EVENTS_STREAM, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: from + 1 });
    const messages = await reader.consume({ max_messages: 1_000 });
    for await (const message of messages) {
      bySubject.set(message.subject, (bySubject.get(message.subject) ?? 0) + 1);
      // an operator's replay of a dead letter is a copy under a message id of its own, not a second publish
      if (!message.headers?.get('Nats-Msg-Id').includes(':replay:') && parseEvent(message.string())) {
        const event = parseEvent(message.string())!;
        const key = `${event.type} ${event.subject}`;
        copies.set(key, [...(copies.get(key) ?? []), event.id]);
      }
      if (message.seq >= last) break;
    }
    await messages.close();
  } finally {
    await connection.close();
  }
  return { copies, bySubject };
}

/**
 * Accounts for every acknowledged write of a drill (its events after stream sequence `from`):
 * the event is in the stream once; notifications (the consumer of every domain event) applied
 * it once (its inbox); every officer the record's classification allows, who did not make the
 * change, has exactly one inbox item of it, and exactly one e-mail where they asked for e-mail;
 * every organization's endpoint it allows has exactly one webhook delivery; nobody else has any.
 */
export async function account(
  liaison: DrillLiaison,
  network: DrillNetwork,
  receivers: { mailbox: DrillMailbox; webhooks: DrillWebhookReceiver },
  writes: AcknowledgedWrite[],
  from: number,
): Promise<Accounting> {
  const result: Accounting = { acknowledged: writes.length, lost: 0, duplicates: 0, leaks: 0, deliveries: { items: 0, emails: 0, webhooks: 0 }, resends: 0, details: [] };
  const note = (line: string) => {
    if (result.details.length < 20) result.details.push(line);
  };
  const inStream = (await eventsInStream(liaison.nats.url, from)).copies;
  const eventIds = new Map<AcknowledgedWrite, string>();
  for (const write of writes) {
    const ids = inStream.get(`${write.eventType} ${write.subject}`) ?? [];
    if (ids.length === 0) {
      result.lost += 1;
      note(`${write.eventType} ${write.subject}: acknowledged by ${write.service}, not in the stream`);
      continue;
    }
    if (ids.length > 1) {
      result.duplicates += ids.length - 1;
      note(`${write.eventType} ${write.subject}: ${ids.length} times in the stream`);
    }
    eventIds.set(write, ids[0]);
  }
  const ids = [...eventIds.values()];
  const notifications = liaison.databaseUrl('notifications');
  const applied = tally(await rows<{ key: string; n: string }>(notifications, `SELECT event_id::text AS key, count(*) AS n FROM inbox WHERE event_id = ANY($1::uuid[]) AND consumer NOT LIKE '%+fan-out' GROUP BY event_id`, [ids]));
  const items = tally(await rows<{ key: string; n: string }>(notifications, `SELECT event_id || '/' || officer_id AS key, count(*) AS n FROM notification_items WHERE event_id = ANY($1::uuid[]) GROUP BY event_id, officer_id`, [ids]));
  // officers outside the drill's network (the first UN admin) asked for nothing
  const members = network.officers.map((officer) => officer.id);
  const strangers = await rows<{ key: string }>(
    notifications,
    `SELECT event_id || '/' || officer_id AS key FROM notification_items WHERE event_id = ANY($1::uuid[]) AND officer_id <> ALL($2::uuid[])
     UNION ALL SELECT event_id || '/' || officer_id FROM email_deliveries WHERE event_id = ANY($1::uuid[]) AND officer_id <> ALL($2::uuid[])`,
    [ids, members],
  );
  result.leaks += strangers.length;
  for (const stranger of strangers) note(`${stranger.key}: an item or e-mail for an officer outside the network`);
  // the e-mails the mailbox got, by (event, officer) through their Message-ID
  const emailRows = await rows<{ key: string; message_id: string }>(notifications, `SELECT event_id || '/' || officer_id AS key, message_id FROM email_deliveries WHERE event_id = ANY($1::uuid[])`, [ids]);
  const mailed = new Map<string, number>();
  for (const row of emailRows) {
    const arrivals = receivers.mailbox.received.get(row.message_id) ?? 0;
    if (arrivals > 0) mailed.set(row.key, (mailed.get(row.key) ?? 0) + 1);
    if (arrivals > 1) result.resends += arrivals - 1;
  }
  const hooked = new Map<string, Set<string>>();
  const hookArrivals = new Map<string, number>();
  for (const hook of receivers.webhooks.received) {
    const key = `${hook.eventId}${hook.path}`;
    hooked.set(key, (hooked.get(key) ?? new Set()).add(hook.deliveryId));
    hookArrivals.set(hook.deliveryId, (hookArrivals.get(hook.deliveryId) ?? 0) + 1);
  }
  for (const arrivals of hookArrivals.values()) if (arrivals > 1) result.resends += arrivals - 1;

  for (const [write, eventId] of eventIds) {
    const what = `${write.eventType} ${write.subject} (${write.record.classification})`;
    const inboxRows = applied.get(eventId) ?? 0;
    if (inboxRows === 0) {
      result.lost += 1;
      note(`${what}: notifications never applied it`);
    }
    if (inboxRows > 1) result.duplicates += inboxRows - 1;
    for (const officer of network.officers) {
      const entitled = officer.id !== write.changedBy && canSee({ officerId: officer.id, organizationId: officer.organizationId, roles: officer.roles }, write.record);
      const pair = `${eventId}/${officer.id}`;
      const held = items.get(pair) ?? 0;
      const mails = mailed.get(pair) ?? 0;
      if (entitled) {
        result.deliveries.items += 1;
        if (held === 0) {
          result.lost += 1;
          note(`${what}: no inbox item for entitled officer ${officer.id}`);
        }
        if (officer.email && EMAIL_EVENT_TYPES.includes(write.eventType)) {
          result.deliveries.emails += 1;
          if (mails === 0) {
            result.lost += 1;
            note(`${what}: no e-mail for entitled officer ${officer.id}`);
          }
        }
      } else if (held + mails > 0) {
        result.leaks += 1;
        note(`${what}: ${held} inbox items, ${mails} e-mails for officer ${officer.id}, who may not have them`);
      }
      if (held > 1) result.duplicates += held - 1;
      if (mails > 1) {
        result.duplicates += mails - 1;
        note(`${what}: ${mails} different e-mails for officer ${officer.id}`);
      }
    }
    for (const [organizationId, endpointId] of network.webhooks) {
      const entitled = canSee({ officerId: endpointId, organizationId, roles: ['officer'] }, write.record);
      const deliveries = hooked.get(`${eventId}/${organizationId}`)?.size ?? 0;
      if (entitled) {
        result.deliveries.webhooks += 1;
        if (deliveries === 0) {
          result.lost += 1;
          note(`${what}: no webhook delivery for entitled organization ${organizationId}`);
        }
      } else if (deliveries > 0) {
        result.leaks += 1;
        note(`${what}: webhook delivery for organization ${organizationId}, which may not have it`);
      }
      if (deliveries > 1) {
        result.duplicates += deliveries - 1;
        note(`${what}: ${deliveries} different webhook deliveries for organization ${organizationId}`);
      }
    }
  }
  return result;
}

function parseEvent(text: string): { id: string; type: string; subject: string } | undefined {
  try {
    return JSON.parse(text) as { id: string; type: string; subject: string };
  } catch {
    return undefined;
  }
}

function tally(found: Array<{ key: string; n: string }>): Map<string, number> {
  return new Map(found.map((row) => [row.key, Number(row.n)]));
}

