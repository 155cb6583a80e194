import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ClassifiedRecord } from '@liaison/kit';
import type { DialogueKind } from '@liaison/contracts';

export const DIALOGUE_STATUSES = ['scheduled', 'held', 'cancelled'] as const;
export type DialogueStatus = (typeof DIALOGUE_STATUSES)[number];

/** A meeting between the UN and partner organizations; its convenor is its origin organization. */
@Entity('dialogues')
export class Dialogue extends ClassifiedRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  kind: DialogueKind;

  @Column('text')
  title: string;

  @Column('uuid', { array: true })
  participants: string[];

  @Column({ type: 'timestamptz', name: 'starts_at', precision: 3 })
  startsAt: Date;

  @Column({ type: 'timestamptz', name: 'ends_at', precision: 3, nullable: true })
  endsAt: Date | null;

  @Column('text', { nullable: true })
  location: string | null;

  @Column('text', { array: true })
  agenda: string[];

  @Column('text')
  status: DialogueStatus;

  @Column('text', { name: 'outcome_summary', nullable: true })
  outcomeSummary: string | null;

  @Column('date', { name: 'held_on', nullable: true })
  heldOn: string | null;

  @Column({ type: 'timestamptz', name: 'cancelled_at', precision: 3, nullable: true })
  cancelledAt: Date | null;

  @Column('uuid', { name: 'cancelled_by', nullable: true })
  cancelledBy: string | null;

  @Column('uuid', { name: 'previous_dialogue_id', nullable: true })
  previousDialogueId: string | null;

  /** the series' own id, given by its first dialogue and kept by each next one (never a dialogue's id, which it would reveal) */
  @Column('uuid', { name: 'series_id' })
  seriesId: string;
}
