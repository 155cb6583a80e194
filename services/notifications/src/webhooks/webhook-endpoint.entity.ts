import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A partner system of one organization, receiving the events its organization may see. */
@Entity('webhook_endpoints')
export class WebhookEndpoint {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('text')
  url: string;

  @Column('text', { name: 'event_types', array: true })
  eventTypes: string[];

  /** secret: `whsec_…`, shown once at creation; needed in clear to sign */
  @Column('text', { select: false })
  secret: string;

  @Column('boolean')
  enabled: boolean;

  @Column('int', { name: 'consecutive_failures' })
  consecutiveFailures: number;

  @Column({ type: 'timestamptz', name: 'disabled_at', nullable: true, precision: 3 })
  disabledAt: Date | null;

  @Column('text', { name: 'disabled_reason', nullable: true })
  disabledReason: string | null;

  @Column('uuid', { name: 'created_by' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
