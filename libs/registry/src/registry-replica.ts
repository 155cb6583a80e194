import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { DeskState, LiaisonEvent, OfficerState, OrganizationState } from '@liaison/contracts';
import { RegistryDesk, RegistryOfficer, RegistryOrganization } from './registry.entities';

/**
 * Reads and applies this service's copy of the registry. Every apply is one upsert that changes
 * the row only if the event's `sequence` is newer than the version held: events of one
 * aggregate travel on different subjects (so different consumers) and may arrive in any order.
 */
@Injectable()
export class RegistryReplica {
  constructor(private readonly dataSource: DataSource) {}

  organization(id: string, manager: EntityManager = this.dataSource.manager): Promise<RegistryOrganization | null> {
    return manager.findOneBy(RegistryOrganization, { id });
  }

  desk(id: string, manager: EntityManager = this.dataSource.manager): Promise<RegistryDesk | null> {
    return manager.findOneBy(RegistryDesk, { id });
  }

  /** An officer who left is returned with `left: true`; callers decide what that means. */
  officer(id: string, manager: EntityManager = this.dataSource.manager): Promise<RegistryOfficer | null> {
    return manager.findOneBy(RegistryOfficer, { id });
  }

  /** Several officers in one query, by id (lower case); ids it does not know are absent. */
  async officers(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, RegistryOfficer>> {
    const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
    // = ANY(one array): a fixed statement whatever the number of ids, where In() takes one parameter each
    const found =
      unique.length === 0
        ? []
        : await manager.getRepository(RegistryOfficer).createQueryBuilder('officer').where('officer.id = ANY(:ids::uuid[])', { ids: unique }).getMany();
    return new Map(found.map((officer) => [officer.id.toLowerCase(), officer]));
  }

  /** The ids among `ids` that name no registered organization. */
  async unknownOrganizations(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    return this.missing('registry_organizations', 'TRUE', ids, manager);
  }

  /** The ids among `ids` that name no current officer (unknown, or left). */
  async unknownOfficers(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    return this.missing('registry_officers', 'NOT "left" AND email IS NOT NULL', ids, manager);
  }

  async applyOrganization(manager: EntityManager, event: LiaisonEvent<OrganizationState>): Promise<void> {
    const o = event.data;
    await manager.query(
      `INSERT INTO registry_organizations AS current (id, acronym, name, kind, region, member_states, chapter_viii, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET acronym = EXCLUDED.acronym, name = EXCLUDED.name, kind = EXCLUDED.kind,
         region = EXCLUDED.region, member_states = EXCLUDED.member_states, chapter_viii = EXCLUDED.chapter_viii,
         version = EXCLUDED.version
       WHERE current.version < EXCLUDED.version`,
      [o.organizationId, o.acronym, o.name, o.kind, o.region, o.memberStates, o.chapterVIII, versionOf(event)],
    );
  }

  async applyDesk(manager: EntityManager, event: LiaisonEvent<DeskState>): Promise<void> {
    const d = event.data;
    await manager.query(
      `INSERT INTO registry_desks AS current (id, organization_id, name, countries, themes, closed, version)
       VALUES ($1, $2, $3, $4, $5, false, $6)
       ON CONFLICT (id) DO UPDATE SET organization_id = EXCLUDED.organization_id, name = EXCLUDED.name,
         countries = EXCLUDED.countries, themes = EXCLUDED.themes, closed = false, version = EXCLUDED.version
       WHERE current.version < EXCLUDED.version`,
      [d.deskId, d.organizationId, d.name, d.countries, d.themes, versionOf(event)],
    );
  }

  async closeDesk(manager: EntityManager, event: LiaisonEvent<{ deskId: string; organizationId: string }>): Promise<void> {
    await manager.query(
      `INSERT INTO registry_desks AS current (id, organization_id, closed, version) VALUES ($1, $2, true, $3)
       ON CONFLICT (id) DO UPDATE SET closed = true, version = EXCLUDED.version
       WHERE current.version < EXCLUDED.version`,
      [event.data.deskId, event.data.organizationId, versionOf(event)],
    );
  }

  async applyOfficer(manager: EntityManager, event: LiaisonEvent<OfficerState>): Promise<void> {
    const o = event.data;
    await manager.query(
      `INSERT INTO registry_officers AS current (id, organization_id, desk_id, email, name, language, roles, "left", version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, false, $8)
       ON CONFLICT (id) DO UPDATE SET organization_id = EXCLUDED.organization_id, desk_id = EXCLUDED.desk_id,
         email = EXCLUDED.email, name = EXCLUDED.name, language = EXCLUDED.language, roles = EXCLUDED.roles,
         "left" = false, version = EXCLUDED.version
       WHERE current.version < EXCLUDED.version`,
      [o.officerId, o.organizationId, o.deskId ?? null, o.email, o.name, o.language, o.roles, versionOf(event)],
    );
  }

  async officerLeft(manager: EntityManager, event: LiaisonEvent<{ officerId: string; organizationId: string }>): Promise<void> {
    await manager.query(
      `INSERT INTO registry_officers AS current (id, organization_id, "left", version) VALUES ($1, $2, true, $3)
       ON CONFLICT (id) DO UPDATE SET "left" = true, version = EXCLUDED.version
       WHERE current.version < EXCLUDED.version`,
      [event.data.officerId, event.data.organizationId, versionOf(event)],
    );
  }

  private async missing(table: string, condition: string, ids: string[], manager: EntityManager): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT wanted.id FROM unnest($1::uuid[]) AS wanted (id)
        WHERE NOT EXISTS (SELECT 1 FROM ${table} known WHERE known.id = wanted.id AND ${condition})`,
      [unique],
    );
    return rows.map((row) => row.id);
  }
}

function versionOf(event: LiaisonEvent): number {
  const version = Number(event.sequence);
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new Error(`event ${event.id} has no usable sequence (${event.sequence})`);
  }
  return version;
}
