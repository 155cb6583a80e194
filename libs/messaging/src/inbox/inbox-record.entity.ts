import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An event a consumer has handled; inserted in the transaction of the handler's effects. */
@Entity({ name: 'inbox' })
export class InboxRecord {
  /** the durable consumer name (`durableConsumerName`) */
  @PrimaryColumn('text')
  consumer: string;

  @PrimaryColumn('uuid', { name: 'event_id' })
  eventId: string;

  @Column('timestamptz', { name: 'handled_at', default: () => 'now()' })
  handledAt: Date;
}
