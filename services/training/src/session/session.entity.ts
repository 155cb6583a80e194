import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ClassifiedRecord } from '@liaison/kit';

export const SESSION_STATUSES = ['scheduled', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/**
 * A session of a course. Its origin is the organizer who scheduled it; it is green when open to
 * every partner organization, amber (shared with the organizers and the eligible organizations)
 * when its audience names organizations.
 */
@Entity('sessions')
export class Session extends ClassifiedRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'course_id' })
  courseId: string;

  @Column({ type: 'timestamptz', name: 'starts_at', precision: 3 })
  startsAt: Date;

  @Column({ type: 'timestamptz', name: 'ends_at', precision: 3 })
  endsAt: Date;

  @Column('int')
  seats: number;

  @Column('uuid', { array: true })
  organizers: string[];

  /** the audience as given: organizations whose officers may enrol (empty: every organization) */
  @Column('uuid', { name: 'eligible_organizations', array: true })
  eligibleOrganizations: string[];

  @Column('text', { nullable: true })
  location: string | null;

  @Column('boolean')
  online: boolean;

  @Column('text')
  status: SessionStatus;

  @Column('text', { name: 'cancel_reason', nullable: true })
  cancelReason: string | null;
}
