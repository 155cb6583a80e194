import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Language, Theme } from '@liaison/contracts';

/** A course of the joint training catalogue: every partner officer may see it. */
@Entity('courses')
export class Course {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  title: string;

  @Column('text')
  topic: Theme;

  @Column('text', { nullable: true })
  description: string | null;

  @Column('text', { array: true })
  languages: Language[];

  @Column('uuid', { name: 'origin_organization_id' })
  originOrganizationId: string;

  @Column('uuid', { name: 'author_id' })
  authorId: string;

  @Column('int')
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
