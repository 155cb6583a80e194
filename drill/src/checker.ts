import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';
import { canSee } from '@liaison/auth';
import { BriefPublishedEvent } from '@liaison/contracts';
import type { DrillLiaison } from './liaison';
import type { AcknowledgedBrief, DrillNetwork } from './network';

export interface Accounting {
  acknowledged: number;
  /** acknowledged briefs whose event never reached the stream, or an entitled officer's inbox */
  lost: number;
  /** events in the stream more than once, or inbox items more than one per (event, officer) */
  duplicates: number;
  /** inbox items of officers the brief's classification does not allow */
  leaks: number;
  /** (officer, item) pairs checked */
  pairs: number;
  details: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function rows<T>(databaseUrl: string, sql: string): Promise<T[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    return (await db.query(sql)).rows as T[];
  } finally {
    await db.end();
  }
}

/** Events the services' durable consumers have not settled yet: not delivered, or delivered and not acknowledged. */
async function unsettledEvents(natsUrl: string): Promise<number> {
  const connection = await connect({ servers: natsUrl });
  try {
    const jsm = await jetstreamManager(connection);
    let unsettled = 0;
    for await (const consumer of jsm.consumers.list('LIAISON_EVENTS')) unsettled += consumer.num_pending + consumer.num_ack_pending;
    return unsettled;
  } finally {
    await connection.close();
  }
}

/**
 * Waits until nothing moves: dialogues' outbox is sent, every durable consumer has settled every
 * event (a message a stopped process had taken comes back after its ack wait), and notifications'
 * inbox items stopped changing for a few seconds. Returns how long it took.
 */
export async function quiescence(liaison: DrillLiaison, timeoutMs = 180_000): Promise<number> {
  const started = Date.now();
  let last = -1;
  let stableSince = Date.now();
  while (Date.now() - started < timeoutMs) {
    const [unsent] = await rows<{ n: string }>(liaison.databaseUrl('dialogues'), 'SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL').catch(() => [{ n: '1' }]);
    const [items] = await rows<{ n: string }>(liaison.databaseUrl('notifications'), 'SELECT count(*) AS n FROM notification_items').catch(() => [{ n: '-1' }]);
    const count = Number(items.n);
    const unsettled = await unsettledEvents(liaison.nats.url).catch(() => 1);
    if (count !== last || Number(unsent.n) > 0 || unsettled > 0) {
      last = count;
      stableSince = Date.now();
    } else if (Date.now() - stableSince > 3_000) {
      return Date.now() - started;
    }
    await sleep(250);
  }
  throw new Error(`drill: no quiescence after ${timeoutMs} ms`);
}

/** How many times each brief's published event is in the stream. */
async function eventsInStream(natsUrl: string): Promise<Map<string, number>> {
  const connection = await connect({ servers: natsUrl });
  const counts = new Map<string, number>();
  try {
    const jsm = await jetstreamManager(connection);
    const { state } = await jsm.streams.info('LIAISON_EVENTS');
    for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
      const message = await jsm.streams.getMessage('LIAISON_EVENTS', { seq }).catch(() => null);
      if (!message || message.subject !== BriefPublishedEvent.subject) continue;
      const briefId = (message.json<{ data: { briefId: string } }>()).data.briefId;
      counts.set(briefId, (counts.get(briefId) ?? 0) + 1);
    }
  } finally {
    await connection.close();
  }
  return counts;
}

/**
 * Accounts for every acknowledged brief: its event is in the stream once; every officer the
 * classification rule allows (the author aside) has exactly one inbox item of it, and nobody else.
 */
export async function account(liaison: DrillLiaison, network: DrillNetwork, briefs: AcknowledgedBrief[]): Promise<Accounting> {
  const result: Accounting = { acknowledged: briefs.length, lost: 0, duplicates: 0, leaks: 0, pairs: 0, details: [] };
  const note = (line: string) => {
    if (result.details.length < 20) result.details.push(line);
  };
  const inStream = await eventsInStream(liaison.nats.url);
  const items = await rows<{ aggregate_id: string; officer_id: string; n: string }>(
    liaison.databaseUrl('notifications'),
    `SELECT e.aggregate_id, i.officer_id, count(*) AS n
       FROM notification_items i JOIN notification_events e ON e.event_id = i.event_id
      WHERE e.event_type = 'liaison.brief.published.v1'
      GROUP BY e.aggregate_id, i.officer_id`,
  );
  const held = new Map<string, number>();
  for (const item of items) held.set(`${item.aggregate_id}/${item.officer_id}`, Number(item.n));
  for (const brief of briefs) {
    const copies = inStream.get(brief.id) ?? 0;
    if (copies === 0) {
      result.lost += 1;
      note(`brief ${brief.id}: acknowledged, not in the stream`);
    }
    if (copies > 1) {
      result.duplicates += copies - 1;
      note(`brief ${brief.id}: ${copies} times in the stream`);
    }
    for (const officer of network.officers) {
      if (officer.id === brief.authorId) continue;
      result.pairs += 1;
      const entitled = canSee({ officerId: officer.id, organizationId: officer.organizationId, roles: ['officer'] }, brief);
      const count = held.get(`${brief.id}/${officer.id}`) ?? 0;
      if (entitled && count === 0) {
        result.lost += 1;
        note(`brief ${brief.id} (${brief.classification}): no inbox item for entitled officer ${officer.id}`);
      }
      if (count > 1) result.duplicates += count - 1;
      if (!entitled && count > 0) {
        result.leaks += 1;
        note(`brief ${brief.id} (${brief.classification}): inbox item for officer ${officer.id}, who may not see it`);
      }
    }
  }
  return result;
}
