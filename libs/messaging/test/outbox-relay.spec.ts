// Real: Postgres (a database of this file's own) and NATS JetStream (streams of this file's own).
import { CloudEvent } from 'cloudevents';
import { jetstream } from '@nats-io/jetstream';
import { BriefPublishedEvent, BriefWithdrawnEvent, type LiaisonEvent, runWithTraceparent } from '@liaison/contracts';
import { storedMessages as readStream } from '@liaison/testing';
import { DataSource } from 'typeorm';
import { OneStatementWrite } from '@liaison/persistence';
import { DEFAULT_RETRY_POLICY } from '../src/event-bus';
import { JetStreamBus } from '../src/jetstream/jetstream-bus';
import { messagingEntities } from '../src/migrations';
import { Outbox } from '../src/outbox/outbox';
import { OutboxRelay } from '../src/outbox/outbox-relay';
import { newTraceparent } from '@liaison/contracts';
import { eventsStreamName } from '../src/wire-names';
import { briefPublished, eventually, messagingDatabase, testStreams } from './support';

describe('outbox and relay', () => {
  let database: Awaited<ReturnType<typeof messagingDatabase>>;
  let streams: Awaited<ReturnType<typeof testStreams>>;
  let bus: JetStreamBus;
  const outbox = new Outbox();

  beforeAll(async () => {
    database = await messagingDatabase('outbox_relay');
    streams = await testStreams();
    bus = new JetStreamBus(streams.connection, streams.jsm, { ...streams.names, retry: DEFAULT_RETRY_POLICY });
  });
  afterAll(async () => {
    await bus.close();
    await streams.remove();
    await database.drop();
  });

  /** A service's write: the domain row and the event in one transaction. */
  async function recordBrief(event: LiaisonEvent, options: { failAfterwards?: boolean } = {}): Promise<void> {
    await database.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO briefs (id, title) VALUES ($1, $2)`, [event.id, 'Sahel']);
      await outbox.publish(manager, BriefPublishedEvent, event);
      if (options.failAfterwards) throw new Error('the write failed after the outbox row');
    });
  }

  const storedMessages = async () => (await streams.jsm.streams.info(eventsStreamName(streams.names))).state.messages;

  it('publishes a committed event once, as a valid CloudEvent with its subject, Nats-Msg-Id and traceparent', async () => {
    // A poll far longer than the test: only the commit's NOTIFY can wake the relay in time.
    const relay = new OutboxRelay(database.dataSource, bus, { pollIntervalMs: 60_000 });
    relay.start();
    try {
      await eventually(() => expect(relay.isListening()).toBe(true));
      const traceparent = newTraceparent();
      const event = briefPublished(traceparent);
      const committedAt = Date.now();
      await recordBrief(event);

      const reader = await jetstream(streams.connection).consumers.get(eventsStreamName(streams.names));
      const message = await reader.next({ expires: 5_000 });
      expect(message).not.toBeNull();
      expect(Date.now() - committedAt).toBeLessThan(2_000);
      expect(message!.subject).toBe(`${streams.names.subjectPrefix}${BriefPublishedEvent.subject}`);
      expect(message!.headers?.get('Nats-Msg-Id')).toBe(event.id);
      expect(message!.headers?.get('traceparent')).toBe(traceparent);
      const cloudEvent = new CloudEvent(message!.json<Record<string, unknown>>(), true);
      expect(cloudEvent.validate()).toBe(true);
      expect(cloudEvent).toMatchObject({ id: event.id, type: BriefPublishedEvent.type, source: '/liaison/dialogues', traceparent });

      await eventually(async () => {
        const [row] = await database.dataSource.query(`SELECT sent_at FROM outbox WHERE id = $1`, [event.id]);
        expect(row.sent_at).not.toBeNull();
      });
      expect(await storedMessages()).toBe(1);
    } finally {
      await relay.stop();
    }
  });

  it('refuses to record an event outside a transaction', async () => {
    await expect(outbox.publish(database.dataSource.manager, BriefPublishedEvent, briefPublished())).rejects.toThrow(
      /active transaction/,
    );
  });

  it('publishes nothing for a transaction that rolled back', async () => {
    const before = await storedMessages();
    const event = briefPublished();
    await expect(recordBrief(event, { failAfterwards: true })).rejects.toThrow(/failed after/);
    const relay = new OutboxRelay(database.dataSource, bus);
    expect(await relay.publishBatch()).toBe(0);
    await relay.stop();
    expect(await database.dataSource.query(`SELECT id FROM outbox WHERE id = $1`, [event.id])).toEqual([]);
    expect(await storedMessages()).toBe(before);
  });

  it('retries an event it could not publish in its next round', async () => {
    const [refused, accepted] = [briefPublished(), briefPublished()];
    await recordBrief(refused);
    await recordBrief(accepted);
    const publish = jest.spyOn(bus, 'publishSerialized');
    publish.mockImplementationOnce(async (subject, event) => {
      // The batch is published in the outbox's order: the first call is the first event.
      expect(event.id).toBe(refused.id);
      throw new Error('NATS is unreachable');
    });
    const relay = new OutboxRelay(database.dataSource, bus);
    try {
      const sent = async (event: LiaisonEvent) =>
        (await database.dataSource.query(`SELECT sent_at IS NOT NULL AS sent FROM outbox WHERE id = $1`, [event.id]))[0].sent;
      expect(await relay.publishBatch()).toBe(1);
      expect([await sent(refused), await sent(accepted)]).toEqual([false, true]);

      expect(await relay.publishBatch()).toBe(1);
      expect(await sent(refused)).toBe(true);
      expect(publish.mock.calls.map(([, event]) => event.id)).toEqual([refused.id, accepted.id, refused.id]);
    } finally {
      publish.mockRestore();
      await relay.stop();
    }
  });

  it('keeps no more claims than those of the batch under way (a lock per row would run out of lock memory)', async () => {
    await database.dataSource.transaction((manager) =>
      outbox.publishMany(manager, BriefPublishedEvent, Array.from({ length: 15 }, () => briefPublished())),
    );
    const relay = new OutboxRelay(database.dataSource, bus, { batchSize: 5 });
    const claims = async () =>
      (
        await database.dataSource.query(
          `SELECT count(*)::int AS n FROM pg_locks
            WHERE locktype = 'advisory' AND classid = $1 AND objsubid = 2
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          [0x6f757462],
        )
      )[0].n;
    try {
      expect([await relay.publishBatch(), await relay.publishBatch(), await relay.publishBatch()]).toEqual([5, 5, 5]);
      expect(await claims()).toBe(5);
      expect(await relay.publishBatch()).toBe(0);
      expect(await claims()).toBe(0);
    } finally {
      await relay.stop();
    }
  });

  it('leaves an event to the relay that claimed it until that relay lets go', async () => {
    const event = briefPublished();
    await recordBrief(event);
    // Another relay's claim: the advisory lock its connection holds on the event.
    const other = await database.dataSource.createQueryRunner();
    await other.connect();
    const lock = [0x6f757462, event.id];
    await other.query(`SELECT pg_advisory_lock($1, ('x' || right($2::text, 8))::bit(32)::int)`, lock);
    const relay = new OutboxRelay(database.dataSource, bus);
    try {
      expect(await relay.publishBatch()).toBe(0);
      await other.query(`SELECT pg_advisory_unlock($1, ('x' || right($2::text, 8))::bit(32)::int)`, lock);
      expect(await relay.publishBatch()).toBe(1);
      const [row] = await database.dataSource.query(`SELECT sent_at FROM outbox WHERE id = $1`, [event.id]);
      expect(row.sent_at).not.toBeNull();
    } finally {
      await other.release();
      await relay.stop();
    }
  });

  it('publishes each event exactly once in effect with several relays running at once', async () => {
    const events = Array.from({ length: 60 }, () => briefPublished());

    // Replicas: a connection pool and a NATS connection each, small batches so they interleave.
    const replicas = await Promise.all(
      [1, 2, 3, 4].map(async () => {
        const dataSource = await new DataSource({ type: 'postgres', url: database.url, entities: messagingEntities }).initialize();
        const replicaStreams = await JetStreamBus.connect(streams.names.natsUrl, 'relay-replica', { ...streams.names, retry: DEFAULT_RETRY_POLICY });
        const publish = jest.spyOn(replicaStreams, 'publishSerialized');
        return { dataSource, bus: replicaStreams, publish, relay: new OutboxRelay(dataSource, replicaStreams, { batchSize: 5, pollIntervalMs: 50 }) };
      }),
    );
    try {
      replicas.forEach(({ relay }) => relay.start());
      await eventually(() => expect(replicas.every(({ relay }) => relay.isListening())).toBe(true));
      // One commit of them all: its notification wakes every relay at once, to claim against each other.
      await database.dataSource.transaction((manager) => outbox.publishMany(manager, BriefPublishedEvent, events));
      await eventually(async () => {
        const [{ unsent }] = await database.dataSource.query(`SELECT count(*)::int AS unsent FROM outbox WHERE sent_at IS NULL`);
        expect(unsent).toBe(0);
      }, 15_000);
      // Exactly once in effect: each event is stored once, and a publish that repeats one is
      // dropped by JetStream. A repeat can happen, rarely: a relay whose claim read the outbox
      // just before another relay's mark committed may lock a row that relay has just let go.
      const published = replicas.flatMap(({ publish }) =>
        publish.mock.calls.map((call, index) => ({ id: (call[1] as { id: string }).id, result: publish.mock.results[index].value })),
      );
      const firsts = [];
      for (const { id, result } of published) if (!(await result).duplicate) firsts.push(id);
      expect(firsts.sort()).toEqual(events.map((event) => event.id).sort());
      const stored = (await readStream(streams.names.natsUrl, eventsStreamName(streams.names))).filter((message) =>
        events.some((event) => event.id === message.messageId),
      );
      expect(stored).toHaveLength(events.length);
      expect(replicas.filter(({ publish }) => publish.mock.calls.length > 0).length).toBeGreaterThan(1);
    } finally {
      for (const replica of replicas) {
        await replica.relay.stop();
        await replica.bus.close();
        await replica.dataSource.destroy();
      }
    }
  });

  describe('publishMany', () => {
    it('records several events in one statement; the relay, woken by the commit, publishes each once', async () => {
      const relay = new OutboxRelay(database.dataSource, bus, { pollIntervalMs: 60_000 });
      relay.start();
      try {
        await eventually(() => expect(relay.isListening()).toBe(true));
        const own = newTraceparent();
        const current = newTraceparent();
        const events = [briefPublished(own), ...Array.from({ length: 24 }, () => briefPublished())];
        await runWithTraceparent(current, () =>
          database.dataSource.transaction(async (manager) => {
            for (const event of events) await manager.query(`INSERT INTO briefs (id, title) VALUES ($1, $2)`, [event.id, 'Sahel']);
            await outbox.publishMany(manager, BriefPublishedEvent, events);
          }),
        );

        const rows: Array<{ id: string; subject: string; event: LiaisonEvent; traceparent: string }> = await database.dataSource.query(
          `SELECT id, subject, event::jsonb AS event, traceparent FROM outbox WHERE id = ANY($1::uuid[])`,
          [events.map((event) => event.id)],
        );
        expect(rows).toHaveLength(events.length);
        for (const event of events) {
          expect(rows.find((row) => row.id === event.id)).toEqual({
            id: event.id,
            subject: BriefPublishedEvent.subject,
            event,
            // an event's own traceparent, else the one of the work that recorded it
            traceparent: event === events[0] ? own : current,
          });
        }

        // Only the commit's NOTIFY can wake a relay polling once a minute.
        await eventually(async () => {
          const [{ unsent }] = await database.dataSource.query(
            `SELECT count(*)::int AS unsent FROM outbox WHERE id = ANY($1::uuid[]) AND sent_at IS NULL`,
            [events.map((event) => event.id)],
          );
          expect(unsent).toBe(0);
        });
        const published = (await readStream(streams.names.natsUrl, eventsStreamName(streams.names))).filter((message) =>
          events.some((event) => event.id === message.messageId),
        );
        expect(published.map((message) => message.messageId).sort()).toEqual(events.map((event) => event.id).sort());
        expect(published.every((message) => message.subject === `${streams.names.subjectPrefix}${BriefPublishedEvent.subject}`)).toBe(true);
        expect(published.find((message) => message.messageId === events[0].id)?.headers.traceparent).toBe(own);
      } finally {
        await relay.stop();
      }
    });

    it('records more events than one statement takes, each once, with its text as it was', async () => {
      // the title holds characters an array literal or a SQL string would have to escape
      const events = Array.from({ length: 2_345 }, (_, index) =>
        briefPublished(undefined, index === 1_500 ? 'Quote " backslash \\ brace { comma , apostrophe \' newline \n' : undefined),
      );
      await database.dataSource.transaction((manager) => outbox.publishMany(manager, BriefPublishedEvent, events));
      const rows: Array<{ id: string; event: string }> = await database.dataSource.query(
        `SELECT id, event::text AS event FROM outbox WHERE id = ANY($1::uuid[])`,
        [events.map((event) => event.id)],
      );
      expect(rows).toHaveLength(events.length);
      const stored = new Map(rows.map((row) => [row.id, JSON.parse(row.event) as LiaisonEvent]));
      for (const event of events) expect(stored.get(event.id)).toEqual(event);
    });

    it('records nothing for an empty list', async () => {
      const [{ before }] = await database.dataSource.query(`SELECT count(*)::int AS before FROM outbox`);
      await database.dataSource.transaction((manager) => outbox.publishMany(manager, BriefPublishedEvent, []));
      const [{ after }] = await database.dataSource.query(`SELECT count(*)::int AS after FROM outbox`);
      expect(after).toBe(before);
    });

    it('records none of the events of a transaction that rolled back', async () => {
      const events = [briefPublished(), briefPublished()];
      await expect(
        database.dataSource.transaction(async (manager) => {
          await outbox.publishMany(manager, BriefPublishedEvent, events);
          throw new Error('the write failed after the outbox rows');
        }),
      ).rejects.toThrow(/failed after/);
      expect(await database.dataSource.query(`SELECT id FROM outbox WHERE id = ANY($1::uuid[])`, [events.map((e) => e.id)])).toEqual([]);
    });

    it('refuses events outside a transaction, or of another type than the definition', async () => {
      await expect(outbox.publishMany(database.dataSource.manager, BriefPublishedEvent, [briefPublished()])).rejects.toThrow(
        /active transaction/,
      );
      const events = [briefPublished(), briefPublished()];
      await expect(
        database.dataSource.transaction((manager) => outbox.publishMany(manager, BriefWithdrawnEvent, events as never)),
      ).rejects.toThrow(/does not match the definition liaison\.brief\.withdrawn\.v1/);
      expect(await database.dataSource.query(`SELECT id FROM outbox WHERE id = ANY($1::uuid[])`, [events.map((e) => e.id)])).toEqual([]);
    });
  });

  describe('recordIn (one statement with the change, no transaction around it)', () => {
    /** The domain rows and their events as one statement, as a batch of briefs is written. */
    function briefsWrite(events: readonly LiaisonEvent[], titles: readonly (string | null)[]): OneStatementWrite {
      const write = new OneStatementWrite();
      write.part(`INSERT INTO briefs (id, title) SELECT * FROM unnest(${write.param(events.map((e) => e.id))}::uuid[], ${write.param(titles)}::text[]) RETURNING id`);
      outbox.recordIn(write, BriefPublishedEvent, events);
      return write;
    }

    it('records the events with the change, and the commit of that one statement wakes the relay', async () => {
      const relay = new OutboxRelay(database.dataSource, bus, { pollIntervalMs: 60_000 });
      relay.start();
      try {
        await eventually(() => expect(relay.isListening()).toBe(true));
        const current = newTraceparent();
        const events = Array.from({ length: 12 }, () => briefPublished());
        await runWithTraceparent(current, () => briefsWrite(events, events.map(() => 'Sahel')).run(database.dataSource.manager));

        const rows: Array<{ id: string; event: LiaisonEvent; traceparent: string; title: string }> = await database.dataSource.query(
          `SELECT o.id, o.event::jsonb AS event, o.traceparent, b.title FROM outbox o JOIN briefs b ON b.id = o.id WHERE o.id = ANY($1::uuid[])`,
          [events.map((event) => event.id)],
        );
        expect(rows).toHaveLength(events.length);
        for (const row of rows) expect(row).toEqual({ id: row.id, event: events.find((e) => e.id === row.id), traceparent: current, title: 'Sahel' });
        // Polling once a minute, the relay can only have been woken by the statement's NOTIFY.
        await eventually(async () => {
          const published = (await readStream(streams.names.natsUrl, eventsStreamName(streams.names))).filter((message) =>
            events.some((event) => event.id === message.messageId),
          );
          expect(published.map((message) => message.messageId).sort()).toEqual(events.map((event) => event.id).sort());
        });
      } finally {
        await relay.stop();
      }
    });

    it('records none of the events, and none of the change, when any part of the statement fails', async () => {
      const events = [briefPublished(), briefPublished(), briefPublished()];
      // briefs.title is NOT NULL: the third brief breaks the statement after the rows before it.
      await expect(briefsWrite(events, ['Sahel', 'Sahel', null]).run(database.dataSource.manager)).rejects.toThrow(/null value/);
      const ids = events.map((event) => event.id);
      expect(await database.dataSource.query(`SELECT id FROM outbox WHERE id = ANY($1::uuid[])`, [ids])).toEqual([]);
      expect(await database.dataSource.query(`SELECT id FROM briefs WHERE id = ANY($1::uuid[])`, [ids])).toEqual([]);
    });

    it('records more events than one insert takes, each once, in the one statement', async () => {
      const events = Array.from({ length: 1_234 }, () => briefPublished());
      const write = new OneStatementWrite();
      outbox.recordIn(write, BriefPublishedEvent, events);
      await write.run(database.dataSource.manager);
      const [{ stored }] = await database.dataSource.query(`SELECT count(*)::int AS stored FROM outbox WHERE id = ANY($1::uuid[])`, [events.map((e) => e.id)]);
      expect(stored).toBe(events.length);
    });

    it('refuses events of another type than the definition, before anything is sent', () => {
      expect(() => outbox.recordIn(new OneStatementWrite(), BriefWithdrawnEvent, [briefPublished()] as never)).toThrow(/does not match the definition/);
    });
  });
});
