import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ClassifiedColumns } from '@liaison/kit';
import type { InitiativeKind, InitiativeStatus } from '@liaison/contracts';

/** Peacemaking or crisis diplomacy led by one organization (its origin), others in support. */
@Entity('initiatives')
export class Initiative extends ClassifiedColumns {
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
}
