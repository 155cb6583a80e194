import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { RecommendationStatus } from '@liaison/contracts';

/** A recommendation of a dialogue; it is seen by whoever may see its dialogue. */
@Entity('recommendations')
export class Recommendation {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'dialogue_id' })
  dialogueId: string;

  @Column('text')
  text: string;

  /** organizations responsible for carrying it out */
  @Column('uuid', { array: true })
  owners: string[];

  @Column('date', { name: 'due_on', nullable: true })
  dueOn: string | null;

  @Column('text')
  status: RecommendationStatus;

  @Column('uuid', { name: 'author_id' })
  authorId: string;

  @Column('int')
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}

/** One step of a recommendation's status history; append-only. */
@Entity('recommendation_status_changes')
export class RecommendationStatusChange {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'recommendation_id' })
  recommendationId: string;

  @Column('text')
  status: RecommendationStatus;

  @Column('text', { name: 'previous_status', nullable: true })
  previousStatus: RecommendationStatus | null;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('uuid', { name: 'changed_by' })
  changedBy: string;

  @Column('uuid', { name: 'changed_by_organization_id' })
  changedByOrganizationId: string;

  @Column({ type: 'timestamptz', name: 'changed_at', precision: 3 })
  changedAt: Date;

  /** the recommendation's version this change produced */
  @Column('int')
  version: number;
}
