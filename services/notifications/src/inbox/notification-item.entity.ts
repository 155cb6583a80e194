import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Classification, Language } from '@liaison/contracts';

/**
 * One officer's inbox item about one event; unique on (event, officer), so a redelivered event
 * never makes a second. It keeps the event's classification, origin, author and audience so
 * every read re-applies the rule.
 */
@Entity('notification_items')
export class NotificationItem {
  @PrimaryColumn('uuid')
  id: string;

  /** commit order (fan-outs take a lock around their insert): the live feed's order */
  @Column({ type: 'bigint', insert: false, update: false })
  position: string;

  @Column('uuid', { name: 'event_id' })
  eventId: string;

  @Column('text', { name: 'event_type' })
  eventType: string;

  @Column('text', { name: 'aggregate_id' })
  aggregateId: string;

  @Column('uuid', { name: 'officer_id' })
  officerId: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('text')
  language: Language;

  @Column('text')
  title: string;

  @Column('text')
  summary: string;

  @Column('text')
  link: string;

  @Column('text')
  classification: Classification;

  @Column('uuid', { name: 'origin_organization_id' })
  originOrganizationId: string;

  @Column('uuid', { name: 'author_id' })
  authorId: string;

  @Column('uuid', { name: 'audience_organizations', array: true })
  audienceOrganizations: string[];

  @Column('uuid', { name: 'audience_officers', array: true })
  audienceOfficers: string[];

  @Column('boolean', { name: 'in_app' })
  inApp: boolean;

  @Column('text')
  email: 'none' | 'immediate' | 'daily';

  @Column('uuid', { name: 'digest_id', nullable: true })
  digestId: string | null;

  @Column({ type: 'timestamptz', name: 'withdrawn_at', nullable: true, precision: 3 })
  withdrawnAt: Date | null;

  @Column({ type: 'timestamptz', name: 'read_at', nullable: true, precision: 3 })
  readAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
