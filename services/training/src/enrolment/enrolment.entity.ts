import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { type EnrolmentStatus } from '@liaison/contracts';

/** Statuses that hold a seat. */
export const SEATED: EnrolmentStatus[] = ['confirmed', 'completed'];

/** An officer's place in a session: a seat, or a place on its waitlist (1 is next in line). */
@Entity('enrolments')
export class Enrolment {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'session_id' })
  sessionId: string;

  @Column('uuid', { name: 'course_id' })
  courseId: string;

  @Column('uuid', { name: 'officer_id' })
  officerId: string;

  /** the officer's organization when they enrolled */
  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('text')
  status: EnrolmentStatus;

  @Column('int', { name: 'waitlist_position', nullable: true })
  waitlistPosition: number | null;

  @Column('boolean', { nullable: true })
  attended: boolean | null;

  @Column('date', { name: 'completed_on', nullable: true })
  completedOn: string | null;

  @Column('uuid', { name: 'certificate_id', nullable: true })
  certificateId: string | null;

  @Column('uuid', { name: 'enrolled_by' })
  enrolledBy: string;

  @Column('int')
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
