import { Column, CreateDateColumn, UpdateDateColumn } from 'typeorm';
import type { Classification } from '@liaison/contracts';

/**
 * The columns every classified table has, named as the visibility rule reads them
 * (`visibilityColumns`): classification, audience, author, the aggregate's version and its
 * times. An entity extends it (or `ClassifiedRecord`, with an origin organization column).
 */
export abstract class ClassifiedColumns {
  @Column('text')
  classification: Classification;

  @Column('uuid', { name: 'audience_organizations', array: true })
  audienceOrganizations: string[];

  @Column('uuid', { name: 'audience_officers', array: true })
  audienceOfficers: string[];

  @Column('uuid', { name: 'author_id' })
  authorId: string;

  @Column('int')
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}

/** A classified record whose origin organization has a column of that name. */
export abstract class ClassifiedRecord extends ClassifiedColumns {
  @Column('uuid', { name: 'origin_organization_id' })
  originOrganizationId: string;
}
