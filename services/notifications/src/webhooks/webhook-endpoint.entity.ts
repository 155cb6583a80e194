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

  /** secret: `whsec_…`, shown once at creation or rotation; sealed by SecretBox (the worker opens it to sign) */
  @Column('text', { select: false })
  secret: string;

  /** sealed, like `secret`: the secret before the last rotation, still signing until previousSecretExpiresAt */
  @Column('text', { name: 'previous_secret', nullable: true, select: false })
  previousSecret: string | null;

  @Column({ type: 'timestamptz', name: 'previous_secret_expires_at', nullable: true, precision: 3 })
  previousSecretExpiresAt: Date | null;

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
