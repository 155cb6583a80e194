import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An event waiting to be (or already) published; written in the transaction of the change it reports. */
@Entity({ name: 'outbox' })
@Index('outbox_unsent', ['createdAt', 'id'], { where: 'sent_at IS NULL' })
@Index('outbox_sent', ['sentAt'], { where: 'sent_at IS NOT NULL' })
export class OutboxRecord {
  /** the event id: JetStream deduplicates re-sends on it */
  @PrimaryColumn('uuid')
  id: string;

  /** the catalog subject, before any deployment prefix */
  @Column('text')
  subject: string;

  /** the whole CloudEvent, as the JSON text that goes on the wire (migration OutboxEventAsText) */
  @Column('text')
  event: string;

  @Column('text', { nullable: true })
  traceparent: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;
}
