import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { MilestoneStatus } from '@liaison/contracts';

/** A milestone of a programme; it is seen by whoever may see its programme. */
@Entity('milestones')
export class Milestone {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('text')
  title: string;

  @Column('text', { nullable: true })
  description: string | null;

  @Column('date', { name: 'due_on' })
  dueOn: string;

  @Column('text')
  status: MilestoneStatus;

  @Column('date', { name: 'completed_on', nullable: true })
  completedOn: string | null;

  @Column('text', { nullable: true })
  note: string | null;

  /** the officer who planned it */
  @Column('uuid', { name: 'author_id' })
  authorId: string;

  @Column('int')
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
