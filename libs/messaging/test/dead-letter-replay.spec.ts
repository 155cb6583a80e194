// Real: Postgres (a database of this file's own, with the inbox) and NATS JetStream (streams of
// this file's own). A replayed dead letter goes through its consumer's handler and inbox: it
// takes effect once however often it is replayed, at once or raced with a redelivery; the
// in-process bus's dead letters live in the service's database and outlast a restart.
import type { LiaisonEvent } from '@liaison/contracts';
import { type DeadLetterPosition, type Delivery, type EventBus, UnprocessableEvent } from '../src/event-bus';
import { PostgresDeadLetters } from '../src/in-process/postgres-dead-letters';
import { InProcessBus } from '../src/in-process/in-process-bus';
import { Inbox } from '../src/inbox/inbox';
import { JetStreamBus } from '../src/jetstream/jetstream-bus';
import { durableConsumerName, eventsStreamName } from '../src/wire-names';
import { CONTRACT_RETRY } from './event-bus.contract';
import { briefPublished, eventually, messagingDatabase, testStreams } from './support';

const SUBJECT = 'liaison.dialogues.brief.published';
const CONSUMER = durableConsumerName('notifications', SUBJECT);

describe('replaying a dead letter', () => {
  let database: Awaited<ReturnType<typeof messagingDatabase>>;
  const inbox = new Inbox();
  /** events whose handler fails, as before a fix */
  const failing = new Set<string>();

  beforeAll(async () => {
    database = await messagingDatabase('dead_letter_replay');
    // no key: a second effect of one event would be a second row
    await database.dataSource.query(`CREATE TABLE copies (event_id uuid NOT NULL, title text NOT NULL)`);
  });
  afterAll(() => database.drop());
  beforeEach(() => failing.clear());

  /** A notifications-like handler: one row per event, recorded through the inbox. */
  const copyOnce = async ({ event, consumer }: Delivery): Promise<void> => {
    if (failing.has(event.id)) throw new UnprocessableEvent('cannot copy this brief yet');
    await inbox.handleOnce(database.dataSource, consumer, event, async (manager) => {
      await manager.query(`INSERT INTO copies (event_id, title) VALUES ($1, $2)`, [event.id, (event.data as { title: string }).title]);
    });
  };
  const copiesOf = async (event: LiaisonEvent) => Number((await database.dataSource.query(`SELECT count(*) AS n FROM copies WHERE event_id = $1`, [event.id]))[0].n);

  /** Publishes an event its handler fails on and waits for its dead letter; the handler is fixed then. */
  async function deadLetterOf(bus: EventBus, title: string): Promise<{ event: LiaisonEvent; id: string }> {
    const event = briefPublished(undefined, title);
    failing.add(event.id);
    await bus.publish(SUBJECT, event);
    const letter = await eventually(async () => {
      const found = (await bus.listDeadLetters({ consumer: CONSUMER })).find((candidate) => candidate.event?.id === event.id);
      expect(found).toBeDefined();
      return found!;
    });
    failing.delete(event.id);
    return { event, id: letter.id };
  }

  async function replayTwiceAtOnceThenAgain(bus: EventBus, title: string): Promise<void> {
    const { event, id } = await deadLetterOf(bus, title);
    const outcomes = await Promise.allSettled([bus.replayDeadLetter(id), bus.replayDeadLetter(id)]);
    expect(outcomes.some((outcome) => outcome.status === 'fulfilled')).toBe(true);
    for (const outcome of outcomes) if (outcome.status === 'rejected') expect(String(outcome.reason)).toMatch(/No dead letter/);
    expect(await copiesOf(event)).toBe(1);
    expect((await bus.listDeadLetters()).filter((letter) => letter.event?.id === event.id)).toEqual([]);
    await expect(bus.replayDeadLetter(id)).rejects.toThrow(/No dead letter/);
    expect(await copiesOf(event)).toBe(1);
  }

  describe('over JetStream', () => {
    let streams: Awaited<ReturnType<typeof testStreams>>;
    let bus: JetStreamBus;

    beforeAll(async () => {
      streams = await testStreams();
      bus = await JetStreamBus.connect(streams.names.natsUrl, 'dead-letter-replay', { ...streams.names, retry: CONTRACT_RETRY });
      await bus.subscribe(CONSUMER, SUBJECT, copyOnce);
    });
    afterAll(async () => {
      await bus?.close();
      await streams.remove();
    });

    it('takes effect once, replayed twice at once and once more', () => replayTwiceAtOnceThenAgain(bus, 'Great Lakes dialogue'));

    it('takes effect once when a redelivery of the event races the replay', async () => {
      const { event, id } = await deadLetterOf(bus, 'Horn of Africa retreat');
      // the same event on its subject again under another message id, as a late redelivery would bring it
      const again = { id: `${event.id}:again`, json: JSON.stringify(event) };
      await Promise.all([bus.replayDeadLetter(id), bus.publishSerialized(SUBJECT, again)]);
      await eventually(async () => {
        const { num_pending, num_ack_pending } = await streams.jsm.consumers.info(eventsStreamName(streams.names), CONSUMER);
        expect({ num_pending, num_ack_pending }).toEqual({ num_pending: 0, num_ack_pending: 0 });
      });
      expect(await copiesOf(event)).toBe(1);
      expect((await bus.listDeadLetters()).filter((letter) => letter.event?.id === event.id)).toEqual([]);
    });
  });

  describe('over the in-process bus, its dead letters in the service database', () => {
    /** The bus of one run of the standalone host: its dead letters in the service's database. */
    const open = async () => {
      const store = new PostgresDeadLetters(new Map([['notifications', database.url]]));
      const bus = new InProcessBus({ retry: CONTRACT_RETRY, deadLetters: store });
      await bus.subscribe(CONSUMER, SUBJECT, copyOnce);
      const close = async () => {
        await bus.close();
        await store.close();
      };
      return { bus, close };
    };

    it('takes effect once, replayed twice at once and once more', async () => {
      const { bus, close } = await open();
      try {
        await replayTwiceAtOnceThenAgain(bus, 'Sahel situation update');
      } finally {
        await close();
      }
    });

    it('pages through letters set aside in the same millisecond, each once, in id order', async () => {
      const { bus, close } = await open();
      try {
        const letters = [await deadLetterOf(bus, 'First'), await deadLetterOf(bus, 'Second'), await deadLetterOf(bus, 'Third')];
        // microseconds apart: a position is kept to the millisecond
        await database.dataSource.query(
          `UPDATE dead_letters SET dead_at = '2026-12-01T10:00:00.123Z'::timestamptz + (random() * interval '900 microseconds') WHERE id = ANY($1::uuid[])`,
          [letters.map((letter) => letter.id)],
        );
        const seen: string[] = [];
        let after: DeadLetterPosition | undefined;
        for (let page = await bus.listDeadLetters({ service: 'notifications', limit: 1 }); page.length > 0 && seen.length < 10; page = await bus.listDeadLetters({ service: 'notifications', after, limit: 1 })) {
          seen.push(page[0].id);
          after = page[0];
        }
        expect(seen).toEqual(letters.map((letter) => letter.id).sort());
        for (const letter of letters) await bus.discardDeadLetter(letter.id);
      } finally {
        await close();
      }
    });

    it('lists, replays and discards after a restart what was set aside before it', async () => {
      const before = await open();
      let toReplay: { event: LiaisonEvent; id: string };
      let toDiscard: { event: LiaisonEvent; id: string };
      try {
        toReplay = await deadLetterOf(before.bus, 'Joint training on mediation');
        toDiscard = await deadLetterOf(before.bus, 'A test brief');
      } finally {
        await before.close();
      }
      expect(await database.dataSource.query(`SELECT id FROM dead_letters ORDER BY dead_at`)).toEqual([{ id: toReplay.id }, { id: toDiscard.id }]);

      const after = await open();
      try {
        const listed = await after.bus.listDeadLetters({ consumer: CONSUMER });
        expect(listed.map((letter) => [letter.id, letter.event?.id, letter.error])).toEqual([
          [toReplay.id, toReplay.event.id, 'UnprocessableEvent: cannot copy this brief yet'],
          [toDiscard.id, toDiscard.event.id, 'UnprocessableEvent: cannot copy this brief yet'],
        ]);
        await after.bus.replayDeadLetter(toReplay.id);
        await expect(after.bus.replayDeadLetter(toReplay.id)).rejects.toThrow(/No dead letter/);
        await after.bus.discardDeadLetter(toDiscard.id);
        expect(await copiesOf(toReplay.event)).toBe(1);
        expect(await copiesOf(toDiscard.event)).toBe(0);
        expect(await after.bus.listDeadLetters()).toEqual([]);
      } finally {
        await after.close();
      }
      expect(await database.dataSource.query(`SELECT id FROM dead_letters`)).toEqual([]);
    });
  });
});
