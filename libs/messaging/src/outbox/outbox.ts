import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventDefinition, LiaisonEvent } from '@liaison/contracts';
import { currentTraceparent } from '@liaison/contracts';
import { OUTBOX_CHANNEL } from '../wire-names';

/**
 * Records an event in the transaction of the change it reports: both commit, or neither. The
 * relay publishes it afterwards. Never publish from a request handler directly.
 *
 * The row and the relay's wake-up (NOTIFY, delivered on commit and not at all on rollback) go in
 * one statement: one round trip per `publish`, and per `publishMany` whatever the number of events.
 */
@Injectable()
export class Outbox {
  async publish<T>(manager: EntityManager, definition: EventDefinition<T>, event: LiaisonEvent<T>): Promise<void> {
    await this.record('publish', manager, definition, [event]);
  }

  /** Several events of one definition, in one statement; nothing at all for an empty list. */
  async publishMany<T>(manager: EntityManager, definition: EventDefinition<T>, events: readonly LiaisonEvent<T>[]): Promise<void> {
    await this.record('publishMany', manager, definition, events);
  }

  private async record<T>(method: string, manager: EntityManager, definition: EventDefinition<T>, events: readonly LiaisonEvent<T>[]): Promise<void> {
    assertPublishable(method, manager, definition, events);
    if (events.length === 0) return;
    await manager.query(
      `WITH recorded AS (
         INSERT INTO outbox (id, subject, event, traceparent)
         SELECT id, $2, event, traceparent FROM unnest($1::uuid[], $3::text[], $4::text[]) AS rows (id, event, traceparent)
         RETURNING 1
       )
       SELECT pg_notify($5, '') WHERE EXISTS (SELECT 1 FROM recorded)`,
      [
        events.map((event) => event.id),
        definition.subject,
        events.map((event) => JSON.stringify(event)),
        events.map(traceparentOf),
        OUTBOX_CHANNEL,
      ],
    );
  }
}

function assertPublishable(
  method: string,
  manager: EntityManager,
  definition: EventDefinition<unknown>,
  events: readonly LiaisonEvent<unknown>[],
): void {
  if (!manager.queryRunner?.isTransactionActive) {
    // Outside a transaction the event could be recorded without the change, or the change without it.
    throw new Error(`Outbox.${method}(${definition.type}) needs the EntityManager of an active transaction`);
  }
  const stranger = events.find((event) => event.type !== definition.type);
  if (stranger) throw new Error(`Event type ${stranger.type} does not match the definition ${definition.type}`);
}

function traceparentOf(event: LiaisonEvent<unknown>): string | null {
  return event.traceparent ?? currentTraceparent() ?? null;
}
