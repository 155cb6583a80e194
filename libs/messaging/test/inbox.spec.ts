// Real: Postgres (a database of this file's own). The inbox's group commit under concurrent calls.
import type { EntityManager } from 'typeorm';
import { BriefPublishedEvent, currentTraceparent, newTraceparent, runWithTraceparent, type LiaisonEvent } from '@liaison/contracts';
import { Inbox, type InboxOutcome, type InboxStep, joinStep } from '../src/inbox/inbox';
import { briefPublished, messagingDatabase } from './support';

const CONSUMER = 'notifications__liaison.dialogues.brief.published';

describe('inbox', () => {
  let database: Awaited<ReturnType<typeof messagingDatabase>>;
  const inbox = new Inbox();

  beforeAll(async () => {
    database = await messagingDatabase('inbox');
  });
  afterAll(async () => {
    await database.drop();
  });

  /** What the effects did, as a handler's would: a row in the service's own table, in the inbox's transaction. */
  let effects: Array<{ eventId: string; transaction: string; traceparent: string | undefined }>;
  beforeEach(() => {
    effects = [];
  });

  async function copyBrief(manager: EntityManager, event: LiaisonEvent): Promise<void> {
    const [{ transaction }] = await manager.query(`SELECT txid_current()::text AS transaction`);
    effects.push({ eventId: event.id, transaction, traceparent: currentTraceparent() });
    await manager.query(`INSERT INTO briefs (id, title) VALUES ($1, $2)`, [event.id, 'copied']);
  }

  const handle = (event: LiaisonEvent, consumer = CONSUMER) =>
    inbox.handleOnce(database.dataSource, consumer, event, (manager) => copyBrief(manager, event));

  const copied = async (events: LiaisonEvent[]) =>
    ((await database.dataSource.query(`SELECT id FROM briefs WHERE id = ANY($1::uuid[])`, [events.map((e) => e.id)])) as unknown[]).length;

  const recorded = async (events: LiaisonEvent[], consumer = CONSUMER) =>
    (
      (await database.dataSource.query(`SELECT event_id FROM inbox WHERE consumer = $1 AND event_id = ANY($2::uuid[])`, [
        consumer,
        events.map((e) => e.id),
      ])) as unknown[]
    ).length;

  it('handles many concurrent calls, each effect once and committed, sharing transactions', async () => {
    const events = Array.from({ length: 250 }, () => briefPublished());

    const outcomes = await Promise.all(events.map((event) => handle(event)));

    expect(outcomes.every((outcome) => outcome === 'handled')).toBe(true);
    expect(await copied(events)).toBe(events.length);
    expect(await recorded(events)).toBe(events.length);
    expect(effects.map((effect) => effect.eventId).sort()).toEqual(events.map((event) => event.id).sort());
    // Group commit: the calls that waited while a batch committed went in together.
    expect(new Set(effects.map((effect) => effect.transaction)).size).toBeLessThan(events.length / 10);
  });

  it('handles an event delivered twice at once one time: the first call handles it, the other is a duplicate', async () => {
    const event = briefPublished();
    // The first call of a burst goes alone; the twins then share the next transaction.
    const outcomes = await Promise.all([handle(briefPublished()), handle(event), handle(briefPublished()), handle(event)]);

    expect(outcomes).toEqual(['handled', 'handled', 'handled', 'duplicate']);
    expect(effects.filter((effect) => effect.eventId === event.id)).toHaveLength(1);
    expect(await copied([event])).toBe(1);
    expect(await recorded([event])).toBe(1);
  });

  it('records one event once per consumer, in the same batch', async () => {
    const event = briefPublished();
    const other = 'training__liaison.dialogues.brief.published';
    const outcomes = await Promise.all([
      handle(briefPublished()),
      handle(event),
      inbox.handleOnce(database.dataSource, other, event, async () => undefined),
    ]);
    expect(outcomes).toEqual(['handled', 'handled', 'handled']);
    expect(await recorded([event])).toBe(1);
    expect(await recorded([event], other)).toBe(1);
  });

  it('finds a redelivery after the commit a duplicate, and does not run its effect', async () => {
    const event = briefPublished();
    expect(await handle(event)).toBe('handled');
    expect(await Promise.all([handle(briefPublished()), handle(event)])).toEqual(['handled', 'duplicate']);
    expect(effects.filter((effect) => effect.eventId === event.id)).toHaveLength(1);
    expect(await copied([event])).toBe(1);
  });

  it('fails only the call whose effect throws; the others are handled, each in its caller’s trace', async () => {
    const events = Array.from({ length: 20 }, () => briefPublished());
    const failing = events[10];
    const traceparents = new Map(events.map((event) => [event.id, newTraceparent()]));

    const settled = await Promise.allSettled(
      events.map((event) =>
        runWithTraceparent(traceparents.get(event.id), () =>
          inbox.handleOnce(database.dataSource, CONSUMER, event, async (manager) => {
            await copyBrief(manager, event);
            if (event === failing) throw new Error('the read model refused this brief');
          }),
        ),
      ),
    );

    settled.forEach((outcome, index) => {
      if (events[index] === failing) {
        expect(outcome).toEqual({ status: 'rejected', reason: new Error('the read model refused this brief') });
      } else {
        expect(outcome).toEqual({ status: 'fulfilled', value: 'handled' });
      }
    });
    const healthy = events.filter((event) => event !== failing);
    expect(await copied(healthy)).toBe(healthy.length);
    expect(await recorded(healthy)).toBe(healthy.length);
    expect(await copied([failing])).toBe(0);
    expect(await recorded([failing])).toBe(0);
    // In the rolled-back batch and again alone, every effect saw its own caller's trace.
    expect(effects.every((effect) => effect.traceparent === traceparents.get(effect.eventId))).toBe(true);
  });

  it('runs each effect in its caller’s trace context when the calls share a transaction', async () => {
    const events = Array.from({ length: 30 }, () => briefPublished());
    const traceparents = new Map(events.map((event) => [event.id, newTraceparent()]));

    const outcomes = await Promise.all(events.map((event) => runWithTraceparent(traceparents.get(event.id), () => handle(event))));

    expect(outcomes.every((outcome) => outcome === 'handled')).toBe(true);
    expect(new Set(effects.map((effect) => effect.transaction)).size).toBeLessThan(events.length);
    for (const effect of effects) expect(effect.traceparent).toBe(traceparents.get(effect.eventId));
  });

  it('does not lose the batch to an effect that swallows a database error, and fails only that call', async () => {
    const events = Array.from({ length: 10 }, () => briefPublished());
    const careless = events[events.length - 1]; // last in its batch: no later effect trips over the aborted transaction

    const settled = await Promise.allSettled(
      events.map((event) =>
        inbox.handleOnce(database.dataSource, CONSUMER, event, async (manager) => {
          await copyBrief(manager, event);
          // A failed statement aborts the transaction; catching the error does not undo that.
          if (event === careless) await manager.query(`SELECT * FROM no_such_table`).catch(() => undefined);
        }),
      ),
    );

    const others = events.filter((event) => event !== careless);
    settled.forEach((outcome, index) =>
      expect(outcome.status).toBe(events[index] === careless ? 'rejected' : 'fulfilled'),
    );
    expect(await copied(others)).toBe(others.length);
    expect(await recorded(others)).toBe(others.length);
    expect(await recorded([careless])).toBe(0);
  });

  it('writes the events effects publish for later in their transaction, and none of a call that failed', async () => {
    const events = Array.from({ length: 20 }, () => briefPublished());
    const failing = events[7];
    const traceparents = new Map(events.map((event) => [event.id, newTraceparent()]));
    // What a handler announces in reply: an event of its own per event handled.
    const reply = (event: LiaisonEvent) => briefPublished(undefined, `reply to ${event.id}`);
    const replies = new Map<string, LiaisonEvent>();

    const settled = await Promise.allSettled(
      events.map((event) =>
        runWithTraceparent(traceparents.get(event.id), () =>
          inbox.handleOnce(database.dataSource, CONSUMER, event, async (manager, transaction) => {
            await copyBrief(manager, event);
            const answer = reply(event);
            replies.set(event.id, answer);
            transaction.publish(BriefPublishedEvent, answer);
            if (event === failing) throw new Error('refused after publishing');
          }),
        ),
      ),
    );

    expect(settled.filter((outcome) => outcome.status === 'rejected')).toHaveLength(1);
    const rows: Array<{ id: string; traceparent: string; xmin: string }> = await database.dataSource.query(
      `SELECT id, traceparent, xmin::text AS xmin FROM outbox WHERE event::jsonb -> 'data' ->> 'title' LIKE 'reply to %'`,
    );
    const written = new Map(rows.map((row) => [row.id, row]));
    for (const event of events) {
      const answer = replies.get(event.id)!;
      if (event === failing) {
        expect(written.has(answer.id)).toBe(false);
      } else {
        // each in its caller's trace, committed with that caller's inbox row
        expect(written.get(answer.id)?.traceparent).toBe(traceparents.get(event.id));
        const [inboxRow] = await database.dataSource.query(`SELECT xmin::text AS xmin FROM inbox WHERE event_id = $1`, [event.id]);
        expect(written.get(answer.id)?.xmin).toBe(inboxRow.xmin);
      }
    }
    expect(rows).toHaveLength(events.length - 1);
  });

  it('does not call a lone event handled when its effect swallowed a database error: it fails, to be delivered again', async () => {
    const event = briefPublished();

    const outcome = inbox.handleOnce(database.dataSource, CONSUMER, event, async (manager) => {
      await copyBrief(manager, event);
      await manager.query(`SELECT * FROM no_such_table`).catch(() => undefined);
    });

    await expect(outcome).rejects.toThrow(/current transaction is aborted/);
    expect(await recorded([event])).toBe(0);
    // Delivered again, it is handled.
    await expect(handle(event)).resolves.toBe('handled');
    expect(await copied([event])).toBe(1);
  });

  describe('a step joined by several events', () => {
    /** Copies every brief of its call in one statement, and says which calls it got. */
    class CopyBriefs implements InboxStep<LiaisonEvent> {
      readonly calls: string[][] = [];
      failWhen: (events: readonly LiaisonEvent[]) => boolean = () => false;

      async run(manager: EntityManager, events: readonly LiaisonEvent[]): Promise<void> {
        this.calls.push(events.map((event) => event.id));
        await manager.query(`INSERT INTO briefs (id, title) SELECT unnest($1::uuid[]), 'copied together'`, [events.map((event) => event.id)]);
        if (this.failWhen(events)) throw new Error('the step failed');
      }
    }
    const join = (step: CopyBriefs, event: LiaisonEvent) => inbox.handleOnce(database.dataSource, CONSUMER, event, joinStep(step, event));

    it('runs consecutive events of a batch in one call, in order, and each duplicate not at all', async () => {
      const step = new CopyBriefs();
      const events = Array.from({ length: 30 }, () => briefPublished());
      const twice = events[7];

      const outcomes = await Promise.all([...events.map((event) => join(step, event)), join(step, twice)]);

      expect(outcomes.filter((outcome) => outcome === 'duplicate')).toHaveLength(1);
      expect(await copied(events)).toBe(events.length);
      expect(await recorded(events)).toBe(events.length);
      expect(step.calls.flat()).toEqual(events.map((event) => event.id));
      expect(step.calls.length).toBeLessThan(events.length / 3);
    });

    it('runs an effect between its events after the earlier ones and before the later ones', async () => {
      const step = new CopyBriefs();
      const [first, second, third, fourth] = Array.from({ length: 4 }, () => briefPublished());
      const seen: number[] = [];
      const between = briefPublished();

      const outcomes = await Promise.all([
        handle(briefPublished()), // alone: the next ones wait, and share the next batch
        join(step, first),
        join(step, second),
        inbox.handleOnce(database.dataSource, CONSUMER, between, async (manager) => {
          const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM briefs WHERE id = ANY($1::uuid[])`, [[first, second, third, fourth].map((e) => e.id)]);
          seen.push(n);
        }),
        join(step, third),
        join(step, fourth),
      ]);

      expect(outcomes.every((outcome) => outcome === 'handled')).toBe(true);
      expect(seen).toEqual([2]);
      expect(step.calls).toEqual([[first.id, second.id], [third.id, fourth.id]]);
    });

    it('fails only the event whose share breaks the call: the others are handled again, each alone', async () => {
      const step = new CopyBriefs();
      const events = Array.from({ length: 6 }, () => briefPublished());
      const broken = events[3];
      step.failWhen = (batch) => batch.some((event) => event.id === broken.id);

      const outcomes = await Promise.allSettled([handle(briefPublished()), ...events.map((event) => join(step, event))]);

      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect(await copied(events)).toBe(events.length - 1);
      expect(await recorded([broken])).toBe(0);
      // the batch's call, then each event alone
      expect(step.calls.slice(1).every((call) => call.length === 1)).toBe(true);
    });
  });

  it('sees a consumer that handled nothing as empty, and one that handled an event as not', async () => {
    const consumer = 'fresh__liaison.dialogues.brief.published';
    expect(await inbox.isEmpty(database.dataSource, consumer)).toBe(true);
    const outcome: InboxOutcome = await handle(briefPublished(), consumer);
    expect(outcome).toBe('handled');
    expect(await inbox.isEmpty(database.dataSource, consumer)).toBe(false);
  });
});
