import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventDefinition, LiaisonEvent } from '@liaison/contracts';
import { currentTraceparent } from '@liaison/contracts';
import { OneStatementWrite } from '@liaison/persistence';
import { OUTBOX_CHANNEL } from '../wire-names';

/**
 * Records an event in the transaction of the change it reports: both commit, or neither. The
 * relay publishes it afterwards. Never publish from a request handler directly.
 *
 * The row and the relay's wake-up (NOTIFY, delivered on commit and not at all on rollback) go in
 * one statement: one round trip per `publish`, and per `publishMany` of up to 1,000 events; none
 * of its own with `recordIn`, inside the statement that writes the change.
 */
@Injectable()
export class Outbox {
  async publish<T>(manager: EntityManager, definition: EventDefinition<T>, event: LiaisonEvent<T>): Promise<void> {
    await this.record('publish', manager, definition, [event]);
  }

  /** Several events of one definition, in one statement (a thousand at a time); nothing at all for an empty list. */
  async publishMany<T>(manager: EntityManager, definition: EventDefinition<T>, events: readonly LiaisonEvent<T>[]): Promise<void> {
    await this.record('publishMany', manager, definition, events);
  }

  /**
   * The same rows and wake-up as parts of a one-statement write (libs/persistence), which commits
   * them with the change's other writes without a transaction around it. Each event takes three
   * of the statement's 65,535 parameters: a write is for a batch (a hundred), not for ~20,000.
   */
  recordIn<T>(write: OneStatementWrite, definition: EventDefinition<T>, events: readonly LiaisonEvent<T>[]): void {
    assertOfDefinition(definition, events);
    if (events.length === 0) return;
    const subject = write.param(definition.subject);
    // A parameter per value, not arrays: node-postgres escapes every character of an array's
    // elements into an array literal, and a notification.created for many recipients is tens of
    // kB of JSON, whose escaping and garbage would cost more than the write itself.
    const parts = chunks(events).map((chunk) =>
      write.part(
        `INSERT INTO outbox (id, subject, event, traceparent) VALUES ${chunk
          .map((event) => `(${write.param(event.id)}::uuid, ${subject}, ${write.param(JSON.stringify(event))}, ${write.param(traceparentOf(event))})`)
          .join(', ')} RETURNING 1`,
      ),
    );
    write.afterwards(`SELECT pg_notify(${write.param(OUTBOX_CHANNEL)}, '') WHERE EXISTS (SELECT 1 FROM ${parts[0]})`);
  }

  /** In the caller's transaction, a statement per thousand events: the rows and the wake-up of `recordIn`. */
  private async record<T>(method: string, manager: EntityManager, definition: EventDefinition<T>, events: readonly LiaisonEvent<T>[]): Promise<void> {
    assertInTransaction(method, manager, definition);
    assertOfDefinition(definition, events);
    for (const chunk of chunks(events)) {
      const write = new OneStatementWrite();
      this.recordIn(write, definition, chunk);
      await write.run(manager);
    }
  }
}

/** Three parameters a row, well under the protocol's 65,535 parameters a statement. */
const ROWS_PER_STATEMENT = 1_000;

function chunks<T>(events: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < events.length; start += ROWS_PER_STATEMENT) result.push(events.slice(start, start + ROWS_PER_STATEMENT));
  return result;
}

function assertInTransaction(method: string, manager: EntityManager, definition: EventDefinition<unknown>): void {
  if (!manager.queryRunner?.isTransactionActive) {
    // Outside a transaction the event could be recorded without the change, or the change without it.
    throw new Error(`Outbox.${method}(${definition.type}) needs the EntityManager of an active transaction`);
  }
}

function assertOfDefinition(definition: EventDefinition<unknown>, events: readonly LiaisonEvent<unknown>[]): void {
  const stranger = events.find((event) => event.type !== definition.type);
  if (stranger) throw new Error(`Event type ${stranger.type} does not match the definition ${definition.type}`);
}

function traceparentOf(event: LiaisonEvent<unknown>): string | null {
  return event.traceparent ?? currentTraceparent() ?? null;
}
