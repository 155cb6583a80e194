import { connect } from '@nats-io/transport-node';
import { createEvent, BriefPublishedEvent } from '@liaison/contracts';
import type { DrillLiaison } from './liaison';
import type { DrillNetwork } from './network';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface DrillPlan {
  name: string;
  /** what is done to Liaison while the load runs */
  fault: (liaison: DrillLiaison, options: { outageMs: number }) => Promise<void>;
}

/** The faults, one drill each, injected a third of the way into the load. */
export const DRILLS: DrillPlan[] = [
  {
    name: 'SIGKILL dialogues (writer) mid-load',
    fault: async (liaison) => {
      await liaison.kill('dialogues');
      await liaison.startService('dialogues');
    },
  },
  {
    name: 'SIGKILL notifications mid-fan-out',
    fault: async (liaison) => {
      await liaison.kill('notifications');
      await liaison.startService('notifications');
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
    name: 'Postgres outage longer than the retry budget',
    fault: async (liaison, { outageMs }) => {
      await liaison.postgres.stop();
      await sleep(outageMs);
      await liaison.postgres.start();
    },
  },
  {
    name: 'SIGTERM of every service in turn (rolling restart)',
    fault: async (liaison) => {
      for (const name of ['notifications', 'dialogues', 'organizations'] as const) {
        await liaison.terminate(name);
        await liaison.startService(name);
      }
    },
  },
];

/**
 * A poison event for notifications: a brief.published whose payload does not validate, published
 * straight on the stream. It must land in notifications' dead letters, listed to a UN admin
 * through the API, while the rest flows; the admin discards it with a reason.
 */
export async function poisonDrill(liaison: DrillLiaison, network: DrillNetwork): Promise<{ listed: boolean; discarded: boolean }> {
  const event = createEvent(BriefPublishedEvent, {
    subject: crypto.randomUUID(),
    classification: 'green',
    originorg: network.organizations[1],
    sequence: 1,
    data: { briefId: 'not-a-uuid' } as never,
  });
  const connection = await connect({ servers: liaison.nats.url });
  await connection.publish(BriefPublishedEvent.subject, JSON.stringify(event));
  await connection.flush();
  await connection.close();
  const registry = liaison.url('organizations');
  const issued = (await (await fetch(`${registry}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(liaison.admin) })).json()) as { accessToken: string };
  const token = issued.accessToken;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  let letter: { id: string; eventId: string } | undefined;
  for (let i = 0; i < 100 && !letter; i++) {
    const list = (await (await fetch(`${liaison.url('notifications')}/api/v1/notifications/dead-letters`, { headers })).json()) as { items?: Array<{ id: string; eventId: string }> };
    letter = list.items?.find((item: { eventId: string }) => item.eventId === event.id);
    if (!letter) await sleep(200);
  }
  if (!letter) return { listed: false, discarded: false };
  const discard = await fetch(`${liaison.url('notifications')}/api/v1/notifications/dead-letters/${letter.id}/discard`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ reason: 'drill: a poison event' }),
  });
  return { listed: true, discarded: discard.status === 204 };
}
