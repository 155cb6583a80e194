import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Language, OrganizationKind, Region, Role, Theme } from '@liaison/contracts';

/**
 * A service's copy of the organizations registry, kept from the organizations events. Each row
 * holds the `version` (event `sequence`) it reflects, so a late, older event changes nothing.
 * Fields are null while only a closing event (desk.closed, officer.left) has been seen.
 */
@Entity('registry_organizations')
export class RegistryOrganization {
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

  @Column('text', { name: 'member_states', array: true })
  memberStates: string[];

  @Column('boolean', { name: 'chapter_viii' })
  chapterVIII: boolean;

  @Column('int')
  version: number;
}

@Entity('registry_desks')
export class RegistryDesk {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('text', { nullable: true })
  name: string | null;

  @Column('text', { array: true })
  countries: string[];

  @Column('text', { array: true })
  themes: Theme[];

  @Column('boolean')
  closed: boolean;

  @Column('int')
  version: number;
}

@Entity('registry_officers')
export class RegistryOfficer {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('uuid', { name: 'desk_id', nullable: true })
  deskId: string | null;

  @Column('text', { nullable: true })
  email: string | null;

  @Column('text', { nullable: true })
  name: string | null;

  @Column('text')
  language: Language;

  @Column('text', { array: true })
  roles: Role[];

  /** an officer who left is kept, so a late officer.joined cannot bring them back */
  @Column('boolean')
  left: boolean;

  @Column('int')
  version: number;
}

export const registryEntities = [RegistryOrganization, RegistryDesk, RegistryOfficer];
