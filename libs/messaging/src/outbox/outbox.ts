import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventDefinition, LiaisonEvent } from '@liaison/contracts';
import { currentTraceparent } from '@liaison/contracts';
import { OUTBOX_CHANNEL } from '../wire-names';

/**
 * Records an event in the transaction of the change it reports: both commit, or neither. The
 * relay publishes it afterwards. Never publish from a request handler directly.
 */
@Injectable()
export class Outbox {
  async publish<T>(manager: EntityManager, definition: EventDefinition<T>, event: LiaisonEvent<T>): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      // Outside a transaction the event could be recorded without the change, or the change without it.
      throw new Error(`Outbox.publish(${definition.type}) needs the EntityManager of an active transaction`);
    }
    if (event.type !== definition.type) {
      throw new Error(`Event type ${event.type} does not match the definition ${definition.type}`);
    }
    await manager.query(`INSERT INTO outbox (id, subject, event, traceparent) VALUES ($1, $2, $3, $4)`, [
      event.id,
      definition.subject,
      JSON.stringify(event),
      event.traceparent ?? currentTraceparent() ?? null,
    ]);
    // Delivered to listeners when the transaction commits, and not at all if it rolls back.
    await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
  }
}
