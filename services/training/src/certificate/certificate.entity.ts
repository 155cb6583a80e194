import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** An organization as a certificate names it, as the registry knew it on the day of issue. */
export interface NamedOrganization {
  id: string;
  acronym: string;
  name: string;
}

/**
 * A certificate of completion. Its id is the verification id: random (UUIDv4, 122 random bits),
 * not a UUIDv7, whose time prefix would make ids guessable. What it states about the holder,
 * the course and the issuers is fixed on the day of issue.
 */
@Entity('certificates')
export class Certificate {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'enrolment_id' })
  enrolmentId: string;

  @Column('uuid', { name: 'session_id' })
  sessionId: string;

  @Column('uuid', { name: 'course_id' })
  courseId: string;

  @Column('uuid', { name: 'officer_id' })
  officerId: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('text', { name: 'holder_name' })
  holderName: string;

  @Column('jsonb', { name: 'holder_organization' })
  holderOrganization: NamedOrganization;

  @Column('jsonb')
  issuers: NamedOrganization[];

  @Column('text', { name: 'course_title' })
  courseTitle: string;

  @Column({ type: 'timestamptz', name: 'session_starts_at', precision: 3 })
  sessionStartsAt: Date;

  @Column({ type: 'timestamptz', name: 'session_ends_at', precision: 3 })
  sessionEndsAt: Date;

  @Column('text', { name: 'session_location', nullable: true })
  sessionLocation: string | null;

  @Column('boolean', { name: 'session_online' })
  sessionOnline: boolean;

  @Column({ type: 'date', name: 'issued_on' })
  issuedOn: string;

  @Column({ type: 'timestamptz', name: 'revoked_at', precision: 3, nullable: true })
  revokedAt: Date | null;

  @Column('text', { name: 'revoke_reason', nullable: true })
  revokeReason: string | null;

  @Column('uuid', { name: 'revoked_by', nullable: true })
  revokedBy: string | null;

  @Column('int')
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
