import { AsyncResource } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventDefinition, LiaisonEvent } from '@liaison/contracts';
import { GroupCommit, type Outcome, type Queued } from '@liaison/persistence';
import { Outbox } from '../outbox/outbox';

export type InboxOutcome = 'handled' | 'duplicate';

/** What an effect can leave to the end of its transaction. */
export interface InboxTransaction {
  /**
   * Records `event` in the outbox in this transaction, with every event the batch's effects
   * publish so: one statement for them all, just before the commit, instead of one per call of
   * `Outbox.publish`. Rolled back with the batch like any other write.
   */
  publish<T>(definition: EventDefinition<T>, event: LiaisonEvent<T>): void;
}

export type InboxEffect = (manager: EntityManager, transaction: InboxTransaction) => Promise<void>;

/**
 * Work that the events of a batch do with one call instead of one each (e.g. one statement for
 * all of them). A handler joins it with `inbox.handleOnce(…, joinStep(step, input))`.
 *
 * Order: a batch runs its entries in arrival order, and consecutive entries that joined the same
 * step run as one call, at the place of the first of them; any other effect (or another step)
 * waits until they ran. So an effect never sees the batch's later events done before it, nor its
 * earlier ones undone. The step runs in the batch's async context, not in each caller's: what it
 * needs of a caller's context (its trace) must be in its input.
 */
export interface InboxStep<I> {
  run(manager: EntityManager, inputs: readonly I[], transaction: InboxTransaction): Promise<void>;
}

/** An entry's share of a step: its input, run with the inputs of the batch's neighbouring entries. */
export interface StepShare<I> {
  readonly step: InboxStep<I>;
  readonly input: I;
}

export function joinStep<I>(step: InboxStep<I>, input: I): StepShare<I> {
  return { step, input };
}

type InboxWork = InboxEffect | StepShare<unknown>;

/** Calls that share one transaction at most; a batch this size is still one quick statement. */
const MAX_BATCH = 100;

interface Delivery {
  consumer: string;
  event: LiaisonEvent;
  work: InboxWork;
}

/** Per DataSource, whichever Inbox instance is called: the batch is the DataSource's. */
const queues = new WeakMap<DataSource, GroupCommit<Delivery, InboxOutcome>>();

/**
 * Made at import, outside any caller's context: a queue made inside it would run its batches in
 * the trace of the call that happened to make it.
 */
const outsideCallers = new AsyncResource('inbox-queues');

/**
 * Makes handling exactly-once over an at-least-once transport: the event id is recorded in the
 * same transaction as the handler's effects, so a redelivery (or a late ack landing on a later
 * delivery) finds it and does nothing. The transport acks after `handleOnce` resolves.
 *
 * Group commit (libs/persistence GroupCommit): one event per transaction costs a commit (an
 * fsync) and several round trips per event, which bounds how many events a second a service
 * can take. So calls made while another batch is committing wait, and the next batch takes them
 * all (up to 100, in arrival order) into ONE transaction: one statement for their inbox rows,
 * their effects one after another on the same manager, one commit. Each call resolves only after
 * that commit. If an effect throws (or the commit fails) the batch rolls back and each of its
 * calls runs again alone, in its own transaction, so a failing event fails its own call only.
 *
 * The rule this imposes on effects: touch the database only through the given manager (nothing
 * else sees the transaction), and be safe to run more than once, since a rolled-back batch runs
 * them again. So no external side effects (e-mail, HTTP, NATS, in-memory state others read)
 * inside an effect: do those after `handleOnce` resolved 'handled', as the notifications
 * FanOutHandler does. An effect must also not wait for another `handleOnce` call on the same
 * DataSource (it would wait for its own batch), nor swallow a database error (the transaction
 * is aborted then; the batch detects it and runs each call alone).
 *
 * Each effect runs in its caller's async context: `currentTraceparent()` inside it is the
 * caller's, not the batch's first caller's.
 *
 * Where the effects of many events would each cost a statement, a handler can join an
 * `InboxStep` instead of passing an effect (see InboxStep): consecutive events of the batch that
 * joined it are then handled by one call of the step, with the same rules.
 *
 * An effect that publishes events in reply (through the outbox, in the same transaction) can
 * leave them to `transaction.publish`: the batch writes all of them with one statement before
 * the commit, where `Outbox.publish` would cost a statement per effect.
 */
@Injectable()
export class Inbox {
  constructor(private readonly outbox: Outbox = new Outbox()) {}

  handleOnce<I>(dataSource: DataSource, consumer: string, event: LiaisonEvent, work: InboxEffect | StepShare<I>): Promise<InboxOutcome> {
    let queue = queues.get(dataSource);
    if (!queue) {
      const outbox = this.outbox;
      queue = outsideCallers.runInAsyncScope(
        () =>
          new GroupCommit<Delivery, InboxOutcome>(
            async (batch): Promise<Outcome<InboxOutcome>[]> =>
              batch.length === 1
                ? [{ value: await handleAlone(dataSource, outbox, batch[0]) }]
                : (await handleTogether(dataSource, outbox, batch)).map((value) => ({ value })),
            { maxBatch: MAX_BATCH },
          ),
      );
      queues.set(dataSource, queue);
    }
    return queue.submit({ consumer, event, work: work as InboxWork });
  }

  /**
   * True when `consumer` has handled nothing yet in this database: a new or rebuilt database,
   * whose durable consumer (if it survived) must start again from the first event.
   */
  async isEmpty(dataSource: DataSource, consumer: string): Promise<boolean> {
    const rows: unknown[] = await dataSource.query(`SELECT 1 FROM inbox WHERE consumer = $1 LIMIT 1`, [consumer]);
    return rows.length === 0;
  }
}

/**
 * One transaction for the whole batch; returns each entry's outcome once it committed. A throw
 * (an effect's, or the commit's) rolls it all back, and GroupCommit then runs each call alone.
 */
function handleTogether(dataSource: DataSource, outbox: Outbox, batch: readonly Queued<Delivery>[]): Promise<InboxOutcome[]> {
  // The first of a (consumer, event) pair in the batch handles it; later ones are repeats.
  const firsts = new Map<string, Queued<Delivery>>();
  for (const entry of batch) {
    const key = inboxKey(entry.job.consumer, entry.job.event.id);
    if (!firsts.has(key)) firsts.set(key, entry);
  }
  const unique = [...firsts.values()];
  return dataSource.transaction(async (manager) => {
    // Concurrent deliveries of these events elsewhere wait on the rows' locks, then insert nothing.
    const inserted: Array<{ consumer: string; event_id: string }> = await manager.query(
      `INSERT INTO inbox (consumer, event_id)
       SELECT * FROM unnest($1::text[], $2::uuid[])
       ON CONFLICT DO NOTHING
       RETURNING consumer, event_id`,
      [unique.map((entry) => entry.job.consumer), unique.map((entry) => entry.job.event.id)],
    );
    const recorded = new Set(inserted.map((row) => inboxKey(row.consumer, row.event_id)));
    const handled = new Set(unique.filter((entry) => recorded.has(inboxKey(entry.job.consumer, entry.job.event.id))));
    const later = new LaterEvents();
    // Consecutive shares of one step wait here and run as one call before anything else runs.
    let pending: { step: InboxStep<unknown>; inputs: unknown[] } | undefined;
    const runPending = async () => {
      if (pending) await pending.step.run(manager, pending.inputs, later);
      pending = undefined;
    };
    for (const entry of batch) {
      if (!handled.has(entry)) continue;
      const { work } = entry.job;
      if (typeof work === 'function') {
        await runPending();
        await entry.inCallerContext(() => work(manager, later));
      } else if (pending?.step === work.step) {
        pending.inputs.push(work.input);
      } else {
        await runPending();
        pending = { step: work.step, inputs: [work.input] };
      }
    }
    await runPending();
    // An effect that swallowed a database error left the transaction aborted, and COMMIT would
    // then roll back without an error: the statement before the commit fails instead, so each
    // call runs alone.
    await later.record(outbox, manager);
    return batch.map((entry): InboxOutcome => (handled.has(entry) ? 'handled' : 'duplicate'));
  });
}

/** The single path: one call, one transaction; its outcome or error goes to its caller. */
function handleAlone(dataSource: DataSource, outbox: Outbox, { job: { consumer, event, work }, inCallerContext }: Queued<Delivery>): Promise<InboxOutcome> {
  return dataSource.transaction(async (manager) => {
    // A concurrent delivery of the same event waits on this row's lock, then inserts nothing.
    const inserted: unknown[] = await manager.query(
      `INSERT INTO inbox (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
      [consumer, event.id],
    );
    if (inserted.length === 0) return 'duplicate';
    const later = new LaterEvents();
    if (typeof work === 'function') await inCallerContext(() => work(manager, later));
    else await work.step.run(manager, [work.input], later);
    // Alone too: without it, an effect that swallowed a database error would resolve 'handled'
    // (and be acked) with nothing written.
    await later.record(outbox, manager);
    return 'handled';
  });
}

/** The events a transaction's effects published through `InboxTransaction.publish`, by definition. */
class LaterEvents implements InboxTransaction {
  private readonly byDefinition = new Map<EventDefinition<unknown>, LiaisonEvent<unknown>[]>();

  publish<T>(definition: EventDefinition<T>, event: LiaisonEvent<T>): void {
    const events = this.byDefinition.get(definition as EventDefinition<unknown>) ?? [];
    events.push(event as LiaisonEvent<unknown>);
    this.byDefinition.set(definition as EventDefinition<unknown>, events);
  }

  /** A statement per definition; with none, a bare statement: either fails if the transaction is aborted. */
  async record(outbox: Outbox, manager: EntityManager): Promise<void> {
    for (const [definition, events] of this.byDefinition) await outbox.publishMany(manager, definition, events);
    if (this.byDefinition.size === 0) await manager.query(`SELECT 1`);
  }
}

/** Postgres returns a uuid in lower case, whatever case the event carried it in. */
function inboxKey(consumer: string, eventId: string): string {
  return `${consumer}\u0000${eventId.toLowerCase()}`;
}
