import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { OrganizationKind, Region } from '@liaison/contracts';

@Entity('organizations')
export class Organization {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  acronym: string;

  @Column('text')
  name: string;

  @Column('text')
  kind: OrganizationKind;

  @Column('text')
  region: Region;

  @Column('text', { name: 'member_states', array: true, default: () => `'{}'` })
  memberStates: string[];

  @Column('boolean', { name: 'chapter_viii', default: false })
  chapterVIII: boolean;

  @Column('text', { nullable: true })
  website: string | null;

  /** the aggregate's version: the `sequence` of its events, so read models apply them in order */
  @Column('int')
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
