import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One write, as the audit trail keeps it: who (officer and organization; null for the system
 * itself, e.g. the first-start bootstrap), did what, to which resource, under which request.
 * Append-only (a trigger refuses UPDATE and DELETE). `details` never holds secrets.
 */
@Entity('audit_log')
@Index('audit_log_resource_idx', ['resourceType', 'resourceId', 'at'])
@Index('audit_log_actor_organization_idx', ['actorOrganizationId', 'at'])
export class AuditEntry {
  /** UUIDv7, made here: time-ordered, and no uuid-ossp needed (PGlite) */
  @PrimaryColumn('uuid')
  id: string;

  @Column('timestamptz')
  at: Date;

  @Column('uuid', { name: 'actor_officer_id', nullable: true })
  actorOfficerId: string | null;

  @Column('uuid', { name: 'actor_organization_id', nullable: true })
  actorOrganizationId: string | null;

  /** `<aggregate>.<verb>`, e.g. `organization.register`, `brief.withdraw` */
  @Column('text')
  action: string;

  /** e.g. `organization`, `brief` */
  @Column('text', { name: 'resource_type' })
  resourceType: string;

  @Column('uuid', { name: 'resource_id', nullable: true })
  resourceId: string | null;

  @Column('text', { name: 'request_id', nullable: true })
  requestId: string | null;

  @Column('text', { nullable: true })
  traceparent: string | null;

  @Column('jsonb', { default: () => `'{}'` })
  details: Record<string, unknown>;
}
