import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ProgrammeScope, ProgrammeStatus, Theme } from '@liaison/contracts';
import { ClassifiedRecord } from '@liaison/kit';

/**
 * A capacity-building programme with a partner organization. Its origin is the organization of
 * the officer who launched it: the partner's or the UN's.
 */
@Entity('programmes')
export class Programme extends ClassifiedRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  title: string;

  @Column('uuid', { name: 'partner_organization_id' })
  partnerOrganizationId: string;

  @Column('text')
  scope: ProgrammeScope;

  @Column('text', { name: 'focus_areas', array: true })
  focusAreas: Theme[];

  @Column('date', { name: 'starts_on', nullable: true })
  startsOn: string | null;

  @Column('date', { name: 'ends_on', nullable: true })
  endsOn: string | null;

  @Column('text')
  status: ProgrammeStatus;

  @Column('date', { name: 'closed_on', nullable: true })
  closedOn: string | null;
}

/** Who follows a programme; `following` false once they unfollowed. */
@Entity('programme_followers')
export class ProgrammeFollower {
  @PrimaryColumn('uuid', { name: 'programme_id' })
  programmeId: string;

  @PrimaryColumn('uuid', { name: 'officer_id' })
  officerId: string;

  @Column('boolean')
  following: boolean;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  since: Date;
}
