import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { newUuidV7, ProgrammeClosedEvent, ProgrammeLaunchedEvent, ProgrammeReclassifiedEvent, ProgrammeUpdatedEvent } from '@liaison/contracts';
import { canSee, MaybeViewer, Viewer, visibilityPredicate } from '@liaison/auth';
import { Conflict, definedFields, Forbidden, InvalidInput, NotFound, Page, paginate } from '@liaison/http';
import { Actor, Actors, ChangeLog, coherentAudience, RegistryReferences, visibilityChanged, visibilityColumns } from '@liaison/kit';
import { todayUtc } from '../calendar';
import { LaunchProgrammeDto } from './dto/launch-programme.dto';
import { ListProgrammesQuery } from './dto/list-programmes.query';
import { UpdateProgrammeDto } from './dto/update-programme.dto';
import { Followers } from './followers';
import { Programme } from './programme.entity';
import { ProgrammeWriters } from './programme-writers';
import { classifiedOfProgramme, NO_PROGRESS, Progress, ProgrammeRead, programmeState } from './programme.view';

/**
 * Programmes: launched and changed by officers of the partner organization or of the UN (see
 * ProgrammeWriters); the classification, audience and partner only by the origin organization; closed
 * for good. Every write follows the kit's pattern: transaction → actor → checks → save → change
 * log (event through the outbox, audit entry).
 */
@Injectable()
export class ProgrammesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly actors: Actors,
    private readonly references: RegistryReferences,
    private readonly change: ChangeLog,
    private readonly writers: ProgrammeWriters,
    private readonly followers: Followers,
  ) {}

  async launch(viewer: Viewer, input: LaunchProgrammeDto): Promise<ProgrammeRead> {
    return this.dataSource.transaction(async (manager) => {
      const actor = await this.actors.of(viewer, manager);
      assertDates(input.startsOn, input.endsOn);
      const partner = input.partnerOrganizationId.toLowerCase();
      const classification = input.classification ?? 'green';
      const unOrganizations = await this.writers.unOrganizations(manager);
      const audience = coherentAudience(classification, input.audience, { organizations: [partner, ...unOrganizations], except: actor.organizationId });
      await this.references.assertKnown(
        {
          organizations: [
            { field: 'partnerOrganizationId', ids: [partner] },
            { field: 'audience.organizations', ids: audience.organizations },
          ],
          officers: [{ field: 'audience.officers', ids: audience.officers }],
        },
        manager,
      );
      if (unOrganizations.includes(partner)) {
        throw new InvalidInput([{ field: 'partnerOrganizationId', message: 'the partner is a regional or other organization, not the UN itself', code: 'partnerIsUn' }]);
      }
      await this.writers.assertMayWrite(manager, actor, partner);
      const programme = manager.create(Programme, {
        id: newUuidV7(),
        title: input.title,
        partnerOrganizationId: partner,
        scope: input.scope,
        focusAreas: [...new Set(input.focusAreas ?? [])],
        startsOn: input.startsOn ?? null,
        endsOn: input.endsOn ?? null,
        status: input.status ?? 'active',
        closedOn: null,
        classification,
        audienceOrganizations: audience.organizations,
        audienceOfficers: audience.officers,
        originOrganizationId: actor.organizationId,
        authorId: actor.officerId,
        version: 1,
      });
      await manager.save(programme);
      await this.followers.follow(manager, programme.id, actor.officerId);
      await this.change.record(manager, actor, {
        event: ProgrammeLaunchedEvent,
        subject: programme.id,
        data: programmeState(programme, await this.followers.toTell(manager, programme.id, actor.officerId), actor.officerId),
        version: 1,
      });
      return { programme, progress: NO_PROGRESS, following: true };
    });
  }

  async update(viewer: Viewer, id: string, input: UpdateProgrammeDto): Promise<ProgrammeRead> {
    return this.dataSource.transaction(async (manager) => {
      const { programme, actor } = await this.forWriting(manager, viewer, id);
      const changes = definedFields(input);
      // issue 19's rule for every classified record: who may see it, and with whom, is its origin's call
      const reach = changes.classification !== undefined || changes.audience !== undefined || changes.partnerOrganizationId !== undefined;
      if (reach && programme.originOrganizationId !== actor.organizationId) {
        throw new Forbidden('origin-only', "Only the programme's origin organization (its author's) changes its classification, audience or partner.");
      }
      // closed is final for what the programme says, not for who may see it: its origin may still restrict it
      const closed = programme.status === 'closed';
      if (closed && (!reach || Object.keys(changes).some((field) => !REACH_FIELDS.has(field)))) {
        throw new Conflict('programme-closed', 'The programme is closed; it changes no more, but for its classification and audience, by its origin organization.');
      }
      if (changes.partnerOrganizationId !== undefined && changes.partnerOrganizationId.toLowerCase() !== programme.partnerOrganizationId) {
        throw new InvalidInput([{ field: 'partnerOrganizationId', message: 'the partner never changes: another partner is another programme', code: 'unchangeable' }]);
      }
      const startsOn = changes.startsOn ?? programme.startsOn ?? undefined;
      const endsOn = changes.endsOn ?? programme.endsOn ?? undefined;
      assertDates(startsOn, endsOn);
      const classification = changes.classification ?? programme.classification;
      const audience = coherentAudience(
        classification,
        changes.audience ?? { organizations: programme.audienceOrganizations, officers: programme.audienceOfficers },
        { organizations: [programme.partnerOrganizationId, ...(await this.writers.unOrganizations(manager))], except: programme.originOrganizationId },
      );
      await this.references.assertKnown(
        { organizations: [{ field: 'audience.organizations', ids: audience.organizations }], officers: [{ field: 'audience.officers', ids: audience.officers }] },
        manager,
      );
      const closing = !closed && changes.status === 'closed';
      const previous = { classification: programme.classification, audience: { organizations: programme.audienceOrganizations, officers: programme.audienceOfficers } };
      if (closed && !visibilityChanged(previous, { classification, audience })) {
        return this.read(manager, viewer, programme);
      }
      Object.assign(programme, {
        title: changes.title ?? programme.title,
        scope: changes.scope ?? programme.scope,
        focusAreas: changes.focusAreas ? [...new Set(changes.focusAreas)] : programme.focusAreas,
        startsOn: startsOn ?? null,
        endsOn: endsOn ?? null,
        status: changes.status ?? programme.status,
        closedOn: closing ? todayUtc() : programme.closedOn,
        classification,
        audienceOrganizations: audience.organizations,
        audienceOfficers: audience.officers,
        version: programme.version + 1,
      });
      await manager.save(programme);
      await this.followers.follow(manager, programme.id, actor.officerId);
      // a closed programme's state is told once, by programme.closed: a change of its reach is programme.reclassified alone
      const state = closed ? null : programmeState(programme, await this.followers.toTell(manager, programme.id, actor.officerId), actor.officerId);
      if (state && closing) {
        await this.change.record(manager, actor, { event: ProgrammeClosedEvent, subject: programme.id, data: { ...state, closedOn: programme.closedOn! }, version: programme.version });
      } else if (state) {
        await this.change.record(manager, actor, { event: ProgrammeUpdatedEvent, subject: programme.id, data: state, version: programme.version });
      }
      if (visibilityChanged(previous, { classification, audience })) {
        // who may see it changed: consumers that showed it apply the new reach (the same version as the change)
        await this.change.record(manager, actor, {
          event: ProgrammeReclassifiedEvent,
          subject: programme.id,
          data: {
            programmeId: programme.id,
            ...classifiedOfProgramme(programme),
            previousClassification: previous.classification,
            reclassifiedBy: actor.officerId,
            reclassifiedAt: new Date().toISOString(),
          },
          version: programme.version,
        });
      }
      return this.read(manager, viewer, programme);
    });
  }

  /**
   * The caller follows a programme they may see (no event: following is the caller's own business).
   * The programme row is share-locked before the follower row is written, the order every write
   * takes (programme, then follower): inserting the row first, then waiting on the programme for
   * its foreign key, deadlocked with a write of the same officer's holding the programme.
   */
  async follow(viewer: Viewer, id: string, following: boolean): Promise<ProgrammeRead> {
    return this.dataSource.transaction(async (manager) => {
      const programme = await this.visible(manager, viewer, id, 'pessimistic_read');
      if (following) await this.followers.follow(manager, id, viewer.officerId);
      else await this.followers.unfollow(manager, id, viewer.officerId);
      return this.read(manager, viewer, programme);
    });
  }

  async followersOf(viewer: MaybeViewer, id: string): Promise<Array<{ officerId: string; since: Date }>> {
    await this.visible(this.dataSource.manager, viewer, id);
    return this.followers.of(id);
  }

  async get(viewer: MaybeViewer, id: string): Promise<ProgrammeRead> {
    const manager = this.dataSource.manager;
    return this.read(manager, viewer, await this.visible(manager, viewer, id));
  }

  async list(viewer: MaybeViewer, query: ListProgrammesQuery): Promise<Page<ProgrammeRead>> {
    const select = this.dataSource.getRepository(Programme).createQueryBuilder('programme');
    const visible = visibilityPredicate(viewer, visibilityColumns('programme'));
    select.where(visible.sql, visible.params);
    if (query.partnerOrganizationId) select.andWhere('programme.partner_organization_id = :partner', { partner: query.partnerOrganizationId });
    if (query.focusArea) select.andWhere(':focusArea = ANY(programme.focus_areas)', { focusArea: query.focusArea });
    if (query.status) select.andWhere('programme.status = :status', { status: query.status });
    if (query.scope) select.andWhere('programme.scope = :scope', { scope: query.scope });
    const page = await paginate(select, 'programme', query);
    const ids = page.items.map((programme) => programme.id);
    const progress = await this.progressOf(this.dataSource.manager, ids);
    const followed = viewer ? await this.followers.followedBy(viewer.officerId, ids) : new Set<string>();
    return {
      items: page.items.map((programme) => ({ programme, progress: progress.get(programme.id) ?? NO_PROGRESS, following: followed.has(programme.id) })),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * A programme the caller may write to, locked for the write: 404 if they may not see it, 403 if
   * they see it but are not of its partner organization or the UN.
   */
  async forWriting(manager: EntityManager, viewer: Viewer, id: string): Promise<{ programme: Programme; actor: Actor }> {
    const programme = await manager.findOne(Programme, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!programme || !canSee(viewer, classifiedOfProgramme(programme))) throw new NotFound('programme');
    const actor = await this.actors.of(viewer, manager);
    await this.writers.assertMayWrite(manager, actor, programme.partnerOrganizationId);
    return { programme, actor };
  }

  private async visible(manager: EntityManager, viewer: MaybeViewer, id: string, lock?: 'pessimistic_read'): Promise<Programme> {
    const programme = await manager.findOne(Programme, { where: { id }, ...(lock ? { lock: { mode: lock } } : {}) });
    if (!programme || !canSee(viewer, classifiedOfProgramme(programme))) throw new NotFound('programme');
    return programme;
  }

  private async read(manager: EntityManager, viewer: MaybeViewer, programme: Programme): Promise<ProgrammeRead> {
    const progress = (await this.progressOf(manager, [programme.id])).get(programme.id) ?? NO_PROGRESS;
    const following = viewer ? (await this.followers.followedBy(viewer.officerId, [programme.id], manager)).has(programme.id) : false;
    return { programme, progress, following };
  }

  /** Milestones done, in all, and late, per programme, in one query. */
  private async progressOf(manager: EntityManager, ids: string[]): Promise<Map<string, Progress>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ programme_id: string; done: number; total: number; delayed: number }> = await manager.query(
      `SELECT programme_id, count(*) FILTER (WHERE status = 'completed')::int AS done, count(*)::int AS total,
              count(*) FILTER (WHERE status = 'delayed')::int AS delayed
         FROM milestones WHERE programme_id = ANY($1::uuid[]) GROUP BY programme_id`,
      [ids],
    );
    return new Map(rows.map((row) => [row.programme_id, { done: row.done, total: row.total, delayed: row.delayed }]));
  }
}

/** The fields a PATCH may still carry once the programme is closed (who may see it). */
const REACH_FIELDS: ReadonlySet<string> = new Set(['classification', 'audience', 'partnerOrganizationId']);

function assertDates(startsOn: string | undefined, endsOn: string | undefined): void {
  if (startsOn && endsOn && endsOn < startsOn) {
    throw new InvalidInput([{ field: 'endsOn', message: 'endsOn must not be before startsOn', code: 'endsBeforeStart' }]);
  }
}
