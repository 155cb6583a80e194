import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InitiativeLaunchedEvent, InitiativeReclassifiedEvent, InitiativeUpdatedEvent, newUuidV7 } from '@liaison/contracts';
import { canSee, MaybeViewer, Viewer, visibilityPredicate } from '@liaison/auth';
import { definedFields, Forbidden, NotFound, Page, paginate } from '@liaison/http';
import { Actors, ChangeLog, coherentAudience, namedAudience, reclassificationOf, RegistryReferences, visibilityChanged, visibilityColumns } from '@liaison/kit';
import { LaunchInitiativeDto } from './dto/launch-initiative.dto';
import { ListInitiativesQuery } from './dto/list-initiatives.query';
import { UpdateInitiativeDto } from './dto/update-initiative.dto';
import { Initiative } from './initiative.entity';
import { classifiedOfInitiative, initiativeState } from './initiative.view';

/**
 * Who may write (also in the OpenAPI descriptions): officers of the lead organization launch and
 * change an initiative; supporting organizations read it but may not edit it.
 */
@Injectable()
export class InitiativesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly actors: Actors,
    private readonly references: RegistryReferences,
    private readonly change: ChangeLog,
  ) {}

  async launch(viewer: Viewer, input: LaunchInitiativeDto): Promise<Initiative> {
    return this.dataSource.transaction(async (manager) => {
      const actor = await this.actors.of(viewer, manager);
      const lead = input.leadOrganizationId.toLowerCase();
      if (lead !== actor.organizationId) throw new Forbidden('not-lead-organization', 'An initiative is launched by an officer of its lead organization.');
      const supporting = [...new Set((input.supporting ?? []).map((id) => id.toLowerCase()))].filter((id) => id !== lead);
      const classification = input.classification ?? 'green';
      const audience = coherentAudience(classification, input.audience, { organizations: supporting, except: lead });
      await this.references.assertKnown(
        {
          organizations: [
            { field: 'leadOrganizationId', ids: [lead] },
            { field: 'supporting', ids: supporting },
            { field: 'audience.organizations', ids: audience.organizations },
          ],
          officers: [{ field: 'audience.officers', ids: audience.officers }],
        },
        manager,
      );
      const initiative = manager.create(Initiative, {
        id: newUuidV7(),
        title: input.title,
        leadOrganizationId: lead,
        supporting,
        countries: [...new Set(input.countries ?? [])],
        kind: input.kind ?? 'peacemaking',
        status: input.status ?? 'active',
        classification,
        audienceOrganizations: audience.organizations,
        audienceOfficers: audience.officers,
        authorId: actor.officerId,
        version: 1,
      });
      await manager.save(initiative);
      await this.change.record(manager, actor, {
        event: InitiativeLaunchedEvent,
        subject: initiative.id,
        data: initiativeState(initiative),
        version: 1,
      });
      return initiative;
    });
  }

  async update(viewer: Viewer, id: string, input: UpdateInitiativeDto): Promise<Initiative> {
    return this.dataSource.transaction(async (manager) => {
      const initiative = await manager.findOne(Initiative, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!initiative || !canSee(viewer, classifiedOfInitiative(initiative))) throw new NotFound('initiative');
      const actor = await this.actors.of(viewer, manager);
      if (initiative.leadOrganizationId !== actor.organizationId) {
        throw new Forbidden('not-lead-organization', 'Only officers of the lead organization may change an initiative; supporting organizations may not.');
      }
      const changes = definedFields(input);
      const supporting = changes.supporting
        ? [...new Set(changes.supporting.map((s) => s.toLowerCase()))].filter((s) => s !== initiative.leadOrganizationId)
        : initiative.supporting;
      const classification = changes.classification ?? initiative.classification;
      const audience = coherentAudience(
        classification,
        // recomputed from the new supporters: one removed keeps no place it had only as a supporter
        changes.audience ?? namedAudience({ organizations: initiative.audienceOrganizations, officers: initiative.audienceOfficers }, initiative.supporting),
        { organizations: supporting, except: initiative.leadOrganizationId },
      );
      await this.references.assertKnown(
        {
          organizations: [
            { field: 'supporting', ids: supporting },
            { field: 'audience.organizations', ids: audience.organizations },
          ],
          officers: [{ field: 'audience.officers', ids: audience.officers }],
        },
        manager,
      );
      const before = { classification: initiative.classification, audience: classifiedOfInitiative(initiative).audience };
      const reach = visibilityChanged(before, { classification, audience });
      // who may see it changed: a reclassification; alone, it is not an update too
      const updated = !reach || Object.keys(changes).some((field) => field !== 'classification' && field !== 'audience');
      Object.assign(initiative, {
        title: changes.title ?? initiative.title,
        supporting,
        countries: changes.countries ? [...new Set(changes.countries)] : initiative.countries,
        kind: changes.kind ?? initiative.kind,
        status: changes.status ?? initiative.status,
        classification,
        audienceOrganizations: audience.organizations,
        audienceOfficers: audience.officers,
        version: initiative.version + (reach ? 1 : 0) + (updated ? 1 : 0),
      });
      await manager.save(initiative);
      if (reach) {
        await this.change.record(manager, actor, {
          event: InitiativeReclassifiedEvent,
          subject: initiative.id,
          data: { initiativeId: initiative.id, ...reclassificationOf(classifiedOfInitiative(initiative), before.classification, actor.officerId) },
          version: updated ? initiative.version - 1 : initiative.version,
        });
      }
      if (updated) {
        await this.change.record(manager, actor, {
          event: InitiativeUpdatedEvent,
          subject: initiative.id,
          data: initiativeState(initiative),
          version: initiative.version,
        });
      }
      return initiative;
    });
  }

  async get(viewer: MaybeViewer, id: string): Promise<Initiative> {
    const initiative = await this.dataSource.manager.findOneBy(Initiative, { id });
    if (!initiative || !canSee(viewer, classifiedOfInitiative(initiative))) throw new NotFound('initiative');
    return initiative;
  }

  list(viewer: MaybeViewer, query: ListInitiativesQuery): Promise<Page<Initiative>> {
    const select = this.dataSource.getRepository(Initiative).createQueryBuilder('initiative');
    const visible = visibilityPredicate(viewer, visibilityColumns('initiative', 'lead_organization_id'));
    select.where(visible.sql, visible.params);
    if (query.leadOrganizationId) select.andWhere('initiative.lead_organization_id = :lead', { lead: query.leadOrganizationId });
    if (query.supporting) select.andWhere(':supporting = ANY(initiative.supporting)', { supporting: query.supporting });
    if (query.country) select.andWhere(':country = ANY(initiative.countries)', { country: query.country });
    if (query.kind) select.andWhere('initiative.kind = :kind', { kind: query.kind });
    if (query.status) select.andWhere('initiative.status = :status', { status: query.status });
    return paginate(select, 'initiative', query);
  }
}
