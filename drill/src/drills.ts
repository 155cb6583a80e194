import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, nanos } from '@nats-io/transport-node';
import { Client } from 'pg';
import { BriefPublishedEvent, createEvent, EXAMPLE_DATA } from '@liaison/contracts';
import { EVENTS_STREAM } from './checker';
import type { DrillLiaison, ServiceName } from './liaison';
import type { AcknowledgedWrite } from './load';
import type { DrillNetwork } from './network';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface DrillOptions {
  outageMs: number;
  ackWaitMs: number;
}

export interface DrillPlan {
  name: string;
  /** what is done to Liaison while the load runs */
  fault: (liaison: DrillLiaison, options: DrillOptions) => Promise<void>;
  /** undone once the load stopped, before the drill waits for quiescence */
  after?: (liaison: DrillLiaison) => Promise<void>;
}

/** The ack wait the services give their consumers (JetStreamBus's default). */
const SERVICE_ACK_WAIT_MS = 30_000;

/** The faults, one drill each, injected a third of the way into the load; the longest outage first. */
export const DRILLS: DrillPlan[] = [
  {
    name: 'Postgres outage longer than the retry budget',
    fault: async (liaison, { outageMs }) => {
      await liaison.postgres.stop();
      await sleep(outageMs);
      await liaison.postgres.start();
    },
  },
  {
    name: 'SIGKILL notifications mid-fan-out',
    fault: async (liaison) => {
      await liaison.kill('notifications');
      await liaison.startService('notifications', 'live');
    },
  },
  {
    name: 'Duplicate deliveries (short ack wait)',
    // every durable consumer's ack wait cut short: what a handler has not acked in time is delivered again
    fault: async (liaison, { ackWaitMs }) => {
      await setAckWait(liaison, ackWaitMs);
      // handlers quicker than the ack wait (a quiet machine) would be redelivered nothing: notifications' inbox is held past it once
      await holdInbox(liaison, ackWaitMs * 4);
    },
    after: (liaison) => setAckWait(liaison, SERVICE_ACK_WAIT_MS),
  },
  {
    name: 'SIGKILL dialogues (writer) mid-load',
    fault: async (liaison) => {
      await liaison.kill('dialogues');
      await liaison.startService('dialogues', 'live');
    },
  },
  {
    name: 'SIGKILL and restart nats-server',
    fault: async (liaison) => {
      await liaison.nats.kill();
      await sleep(2_000);
      await liaison.nats.start();
    },
  },
  {
    name: 'Postgres crash and restart',
    fault: async (liaison) => {
      await liaison.postgres.crashRestart();
    },
  },
  {
    name: 'SIGKILL capacity-building and training (writers) mid-load',
    fault: async (liaison) => {
      await Promise.all([liaison.kill('capacity-building'), liaison.kill('training')]);
      await Promise.all([liaison.startService('capacity-building', 'live'), liaison.startService('training', 'live')]);
    },
  },
  {
    name: 'SIGTERM of every service in turn (rolling restart)',
    fault: async (liaison) => {
      for (const name of ['notifications', 'dialogues', 'capacity-building', 'training', 'organizations'] as const) {
        await liaison.terminate(name);
        await liaison.startService(name, 'live');
      }
    },
  },
];

/** Holds notifications' inbox table for `ms`: its handlers wait on their inbox row meanwhile. */
async function holdInbox(liaison: DrillLiaison, ms: number): Promise<void> {
  const client = new Client({ connectionString: liaison.databaseUrl('notifications') });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('LOCK TABLE inbox IN EXCLUSIVE MODE');
    await sleep(ms);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

async function setAckWait(liaison: DrillLiaison, ackWaitMs: number): Promise<void> {
  const connection = await connect({ servers: liaison.nats.url });
  try {
    const jsm = await jetstreamManager(connection);
    for await (const consumer of jsm.consumers.list(EVENTS_STREAM)) {
      if (consumer.config.durable_name) await jsm.consumers.update(EVENTS_STREAM, consumer.name, { ack_wait: nanos(ackWaitMs) });
    }
  } finally {
    await connection.close();
  }
}

/** Per durable consumer (by its subject), how many deliveries it made so far, redeliveries included. */
export async function deliveriesMade(natsUrl: string): Promise<Map<string, number>> {
  const connection = await connect({ servers: natsUrl });
  try {
    const jsm = await jetstreamManager(connection);
    const made = new Map<string, number>();
    for await (const consumer of jsm.consumers.list(EVENTS_STREAM)) {
      const subject = consumer.config.filter_subject;
      if (consumer.config.durable_name && subject) made.set(subject, (made.get(subject) ?? 0) + consumer.delivered.consumer_seq);
    }
    return made;
  } finally {
    await connection.close();
  }
}

/**
 * Deliveries made again between two counts (an ack wait ran out, a nak, a restart): the
 * deliveries made, less one per consumer for each event on its subject that came meanwhile.
 */
export function redeliveries(before: Map<string, number>, after: Map<string, number>, eventsBySubject: Map<string, number>): number {
  let again = 0;
  for (const [subject, made] of after) again += made - (before.get(subject) ?? 0) - (eventsBySubject.get(subject) ?? 0);
  return again;
}

async function adminHeaders(liaison: DrillLiaison): Promise<Record<string, string>> {
  const response = await fetch(`${liaison.url('organizations')}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(liaison.admin),
  });
  const { accessToken } = (await response.json()) as { accessToken: string };
  return { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
}

interface DeadLetterView {
  id: string;
  eventId: string;
  error?: string;
  deliveries?: number;
}

async function findDeadLetter(liaison: DrillLiaison, service: ServiceName, eventId: string, timeoutMs: number): Promise<DeadLetterView | undefined> {
  const headers = await adminHeaders(liaison);
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(250)) {
    const response = await fetch(`${liaison.url(service)}/api/v1/${service}/dead-letters`, { headers }).catch(() => undefined);
    if (!response?.ok) continue;
    const list = (await response.json()) as { items?: DeadLetterView[] };
    const letter = list.items?.find((item) => item.eventId === eventId);
    if (letter) return letter;
  }
  return undefined;
}

async function publishRaw(liaison: DrillLiaison, subject: string, payload: string): Promise<void> {
  const connection = await connect({ servers: liaison.nats.url });
  try {
    await connection.publish(subject, payload);
    await connection.flush();
  } finally {
    await connection.close();
  }
}

/**
 * A malformed event for notifications: a brief.published whose payload does not validate,
 * published straight on the stream. It must land in notifications' dead letters, listed to a UN
 * admin through the API while the rest flows; the admin discards it with a reason.
 */
export async function malformedEventDrill(liaison: DrillLiaison, network: DrillNetwork): Promise<{ listed: boolean; discarded: boolean }> {
  const event = createEvent(BriefPublishedEvent, {
    subject: crypto.randomUUID(),
    classification: 'green',
    originorg: network.organizations[1],
    sequence: 1,
    data: { briefId: 'not-a-uuid' } as never,
  });
  await publishRaw(liaison, BriefPublishedEvent.subject, JSON.stringify(event));
  const letter = await findDeadLetter(liaison, 'notifications', event.id, 20_000);
  if (!letter) return { listed: false, discarded: false };
  const discard = await fetch(`${liaison.url('notifications')}/api/v1/notifications/dead-letters/${letter.id}/discard`, {
    method: 'POST',
    headers: await adminHeaders(liaison),
    body: JSON.stringify({ reason: 'drill: a malformed event' }),
  });
  return { listed: true, discarded: discard.status === 204 };
}

export interface PoisonOutcome {
  /** in the dead letters after its deliveries, listed to a UN admin with its error */
  deadLettered: boolean;
  deliveries: number;
  error: string;
  /** the admin's replay after the fix was accepted; a second replay of the same letter was refused */
  replayed: boolean;
  replayedTwiceRefused: boolean;
  /** the write the checker accounts for once the replay settled */
  write: AcknowledgedWrite;
}

/**
 * A valid event that notifications' handler fails on (a bug, not an outage: the database is up):
 * the drill installs a trigger in notifications' database that refuses this event's inbox row,
 * publishes the event as dialogues' relay would, and waits for it in the dead letters. (The
 * consumer's delivery budget is cut to two for it, so the drill does not wait out the back-off
 * of five.) Then the "fix": the trigger goes and notifications is restarted (the fixed release,
 * which also restores its consumers' settings); a UN admin replays the dead letter through the
 * operator route. The checker then finds it taken into effect once.
 */
export async function poisonEventDrill(liaison: DrillLiaison, network: DrillNetwork): Promise<PoisonOutcome> {
  const author = network.officers[network.officers.length - 1];
  const briefId = crypto.randomUUID();
  const record = { classification: 'green' as const, originOrganizationId: author.organizationId, authorId: author.id, audience: { organizations: [], officers: [] } };
  const data = { ...EXAMPLE_DATA['liaison.brief.published.v1'], briefId, title: 'Drill brief a handler bug failed on', ...record };
  const event = createEvent(BriefPublishedEvent, { subject: briefId, classification: 'green', originorg: author.organizationId, sequence: 1, data });
  const write: AcknowledgedWrite = { service: 'dialogues', eventType: BriefPublishedEvent.type, subject: briefId, record, changedBy: author.id };
  const failed = { deadLettered: false, deliveries: 0, error: '', replayed: false, replayedTwiceRefused: false, write };
  const db = new Client({ connectionString: liaison.databaseUrl('notifications') });
  await db.connect();
  let letter: DeadLetterView | undefined;
  try {
    await db.query(`
      CREATE OR REPLACE FUNCTION drill_handler_bug() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.event_id = '${event.id}' THEN RAISE EXCEPTION 'drill: a handler bug for event %', NEW.event_id; END IF;
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER drill_handler_bug BEFORE INSERT ON inbox FOR EACH ROW EXECUTE FUNCTION drill_handler_bug()`);
    await setMaxDeliver(liaison, BriefPublishedEvent.subject, 2);
    await publishEvent(liaison, BriefPublishedEvent.subject, event.id, JSON.stringify(event));
    letter = await findDeadLetter(liaison, 'notifications', event.id, 60_000);
  } finally {
    // the fix
    await db.query(`DROP TRIGGER IF EXISTS drill_handler_bug ON inbox`);
    await db.query(`DROP FUNCTION IF EXISTS drill_handler_bug()`);
    await db.end();
  }
  await liaison.terminate('notifications');
  await liaison.startService('notifications');
  if (!letter) return failed;
  const { authorization } = await adminHeaders(liaison);
  const replay = () => fetch(`${liaison.url('notifications')}/api/v1/notifications/dead-letters/${letter.id}/replay`, { method: 'POST', headers: { authorization } });
  const first = await replay();
  const second = await replay();
  return {
    deadLettered: true,
    deliveries: letter.deliveries ?? 0,
    error: letter.error ?? '',
    replayed: first.status === 204,
    replayedTwiceRefused: second.status >= 400 && second.status < 500,
    write,
  };
}

async function setMaxDeliver(liaison: DrillLiaison, subject: string, maxDeliver: number): Promise<void> {
  const connection = await connect({ servers: liaison.nats.url });
  try {
    const jsm = await jetstreamManager(connection);
    for await (const consumer of jsm.consumers.list(EVENTS_STREAM)) {
      if (consumer.config.filter_subject === subject) await jsm.consumers.update(EVENTS_STREAM, consumer.name, { max_deliver: maxDeliver });
    }
  } finally {
    await connection.close();
  }
}

/** Publishes on the stream with the event id as message id, as a service's relay does. */
async function publishEvent(liaison: DrillLiaison, subject: string, id: string, payload: string): Promise<void> {
  const connection = await connect({ servers: liaison.nats.url });
  try {
    await jetstream(connection).publish(subject, payload, { msgID: id });
  } finally {
    await connection.close();
  }
}
