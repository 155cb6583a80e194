import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { LiaisonEvent } from '@liaison/contracts';

export type InboxOutcome = 'handled' | 'duplicate';

/**
 * Makes handling exactly-once over an at-least-once transport: the event id is recorded in the
 * same transaction as the handler's effects, so a redelivery (or a late ack landing on a later
 * delivery) finds it and does nothing. The transport acks after `handleOnce` resolves.
 */
@Injectable()
export class Inbox {
  async handleOnce(
    dataSource: DataSource,
    consumer: string,
    event: LiaisonEvent,
    effect: (manager: EntityManager) => Promise<void>,
  ): Promise<InboxOutcome> {
    return dataSource.transaction(async (manager) => {
      // A concurrent delivery of the same event waits on this row's lock, then inserts nothing.
      const inserted: unknown[] = await manager.query(
        `INSERT INTO inbox (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
        [consumer, event.id],
      );
      if (inserted.length === 0) return 'duplicate';
      await effect(manager);
      return 'handled';
    });
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
