import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Classification, InitiativeKind, InitiativeStatus } from '@liaison/contracts';

/** Peacemaking or crisis diplomacy led by one organization (its origin), others in support. */
@Entity('initiatives')
export class Initiative {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  title: string;

  @Column('uuid', { name: 'lead_organization_id' })
  leadOrganizationId: string;

  @Column('uuid', { array: true })
  supporting: string[];

  @Column('text', { array: true })
  countries: string[];

  @Column('text')
  kind: InitiativeKind;

  @Column('text')
  status: InitiativeStatus;

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
