// Real: Postgres (a database of this file's own: the outbox, the dead letters) and the in-process
// bus in its durable mode, fed by the relay, as the standalone host runs them. An outbox row no
// handler can read (not JSON, or JSON that is no event: written by another version, or edited by
// hand) must neither end the process nor hold up its subject.
import type { LoggerService } from '@nestjs/common';
import { DeadLetterNotReplayable } from '../src/event-bus';
import { InProcessBus } from '../src/in-process/in-process-bus';
import { PostgresDeadLetters } from '../src/in-process/postgres-dead-letters';
import { OutboxRelay } from '../src/outbox/outbox-relay';
import { durableConsumerName } from '../src/wire-names';
import { briefPublished, eventually, messagingDatabase } from './support';

const SUBJECT = 'liaison.dialogues.brief.published';
const CONSUMERS = [durableConsumerName('notifications', SUBJECT), durableConsumerName('search', SUBJECT)];

describe('InProcessBus fed an outbox row that is no event', () => {
  it('makes it a dead letter for each consumer at once, and says so; the process lives on, the other events go through and the row is marked sent', async () => {
    // the outbox of a publishing service; each consuming service keeps its dead letters in its own database
    const database = await messagingDatabase('in_process_unreadable');
    const searchDatabase = await messagingDatabase('in_process_unreadable_search');
    const deadLetters = new PostgresDeadLetters(new Map([['notifications', database.url], ['search', searchDatabase.url]]));
    const lines: string[] = [];
    const logger: LoggerService = { log: () => undefined, error: (line: string) => lines.push(line), warn: (line: string) => lines.push(line) };
    const bus = new InProcessBus({ retry: { maxDeliver: 3, backoffMs: [50] }, history: { read: async function* () {} }, deadLetters, logger });
    const relay = new OutboxRelay(database.dataSource, bus, { pollIntervalMs: 50, logger });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const handled: string[] = [];
      for (const consumer of CONSUMERS) await bus.subscribe(consumer, SUBJECT, async ({ event }) => void handled.push(`${consumer} ${event.id}`));
      // older rows first: the event after them must not wait for them
      const unreadable = ['{"specversion": "1.0", "id": "', 'null', '["not", "an", "event"]'];
      const event = briefPublished();
      const rows: Array<{ id: string }> = await database.dataSource.query(
        `INSERT INTO outbox (id, subject, event, created_at)
         SELECT gen_random_uuid(), $1, text, now() - make_interval(secs => 10 - position)
           FROM unnest($2::text[]) WITH ORDINALITY AS row(text, position)
         RETURNING id`,
        [SUBJECT, unreadable],
      );
      await database.dataSource.query(`INSERT INTO outbox (id, subject, event) VALUES ($1, $2, $3)`, [event.id, SUBJECT, JSON.stringify(event)]);
      relay.start();

      await eventually(async () =>
        expect(await database.dataSource.query(`SELECT count(*)::int AS unsent FROM outbox WHERE sent_at IS NULL`)).toEqual([{ unsent: 0 }]),
      );
      expect(handled.sort()).toEqual(CONSUMERS.map((consumer) => `${consumer} ${event.id}`).sort());
      for (const consumer of CONSUMERS) {
        const letters = await bus.listDeadLetters({ consumer });
        expect(letters.map(({ subject, event, deliveries, error }) => ({ subject, event, deliveries, error }))).toEqual(
          unreadable.map(() => ({ subject: SUBJECT, event: undefined, deliveries: 1, error: 'not a JSON CloudEvent' })),
        );
        await expect(bus.replayDeadLetter(letters[0].id)).rejects.toThrow(DeadLetterNotReplayable);
      }
      // kept as the row had it, under the row's id, for whoever looks into it
      const byId = (a: { event_id: string }, b: { event_id: string }) => (a.event_id < b.event_id ? -1 : 1);
      const expected = rows.map(({ id }, index) => ({ event_id: id, event: unreadable[index] })).sort(byId);
      for (const { dataSource } of [database, searchDatabase]) {
        expect((await dataSource.query(`SELECT event_id, event FROM dead_letters`)).sort(byId)).toEqual(expected);
      }
      for (const { id } of rows) {
        for (const consumer of CONSUMERS) expect(lines).toContain(`Event ${id} on ${SUBJECT} is a dead letter for ${consumer}: not a JSON CloudEvent`);
      }
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      // the bus first: a publish still waiting is let go, and the relay's round ends
      await bus.close();
      await relay.stop();
      await deadLetters.close();
      await database.drop();
      await searchDatabase.drop();
    }
  });
});
