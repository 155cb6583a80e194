import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { type Audience, BriefPublishedEvent, BriefReclassifiedEvent, BriefWithdrawnEvent, newUuidV7 } from '@liaison/contracts';
import { canSee, isAdmin, MaybeViewer, Viewer, visibilityPredicate } from '@liaison/auth';
import { DEFAULT_PAGE_SIZE, Forbidden, InvalidInput, NotFound, Page, paginate } from '@liaison/http';
import { attempt, GroupCommit, OneStatementWrite, type Outcome, type Queued } from '@liaison/persistence';
import { Actor, Actors, ChangeLog, coherentAudience, reclassificationOf, RegistryReferences, visibilityChanged, visibilityColumns } from '@liaison/kit';
import { Dialogue } from '../dialogue/dialogue.entity';
import { classifiedOf } from '../dialogue/dialogue.view';
import { visibleDialogueIds } from '../dialogue/visible-dialogues';
import { Brief } from './brief.entity';
import { decodeSearchCursor, encodeSearchCursor, matchesQuery, rankOf } from './brief-search';
import { briefState, classifiedOfBrief } from './brief.view';
import { ListBriefsQuery } from './dto/list-briefs.query';
import { PublishBriefDto } from './dto/publish-brief.dto';
import { ReclassifyBriefDto } from './dto/reclassify-brief.dto';

interface Publication {
  viewer: Viewer;
  input: PublishBriefDto;
}

export interface Ranked {
  brief: Brief;
  rank?: number;
}

/**
 * Who may write (also in the OpenAPI descriptions): any known officer publishes a brief, from
 * their own organization and desk; its author, or an admin of its origin organization, withdraws
 * it; officers of its origin organization change its reach. A withdrawn brief is hidden from everyone.
 */
@Injectable()
export class BriefsService {
  private readonly publications = new GroupCommit<Publication, Brief>((batch) => this.publishTogether(batch));

  constructor(
    private readonly dataSource: DataSource,
    private readonly actors: Actors,
    private readonly references: RegistryReferences,
    private readonly change: ChangeLog,
  ) {}

  /**
   * Briefs are the write every desk makes at once in a crisis, so they are group-committed:
   * requests that arrive while a batch is being written go together into the next transaction,
   * a statement per table for all of them (GroupCommit). Each request is still checked on its
   * own and refused on its own; it gets its 201 only once its brief is committed.
   */
  publish(viewer: Viewer, input: PublishBriefDto): Promise<Brief> {
    return this.publications.submit({ viewer, input });
  }

  /**
   * The checks read first, each a statement of its own outside any transaction (they lock
   * nothing, so a transaction around them would guarantee nothing more); then the briefs, their events
   * and their audit entries are written as ONE statement, which commits them all or none.
   */
  private async publishTogether(publications: readonly Queued<Publication>[]): Promise<Outcome<Brief>[]> {
    const manager = this.dataSource.manager;
    const jobs = publications.map((queued) => queued.job);
    const actors = await this.actors.ofAll(jobs.map((job) => job.viewer), manager);
    const audiences = jobs.map((job) => attempt(() => coherentAudience(job.input.classification, job.input.audience)));
    const refusals = await this.references.refusals(
      audiences.map((audience) =>
        'value' in audience
          ? {
              organizations: [{ field: 'audience.organizations', ids: audience.value.organizations }],
              officers: [{ field: 'audience.officers', ids: audience.value.officers }],
            }
          : {},
      ),
      manager,
    );
    const dialogueIds = [...new Set(jobs.flatMap((job) => (job.input.dialogueId ? [job.input.dialogueId.toLowerCase()] : [])))];
    const dialogues = new Map(
      (dialogueIds.length > 0 ? await manager.findBy(Dialogue, { id: In(dialogueIds) }) : []).map((dialogue) => [dialogue.id, dialogue]),
    );

    // The batch's one moment, set here because each brief's event states when it was published.
    const publishedAt = new Date();
    const accepted: Array<{ index: number; brief: Brief; actor: Actor }> = [];
    const outcomes = jobs.map((job, index): Outcome<Brief> => {
      const actor = actors[index];
      const audience = audiences[index];
      if ('error' in actor) return actor;
      if ('error' in audience) return audience;
      const refusal = refusals[index];
      if (refusal) return { error: refusal };
      if (job.input.dialogueId) {
        const dialogue = dialogues.get(job.input.dialogueId.toLowerCase());
        if (!dialogue || !canSee(actor.value, classifiedOf(dialogue))) {
          return { error: new InvalidInput([{ field: 'dialogueId', message: 'no dialogue with this id, or not one you may see', code: 'notFound' }]) };
        }
      }
      const brief = newBrief(manager, job.input, actor.value, audience.value, publishedAt);
      accepted.push({ index, brief, actor: actor.value });
      return { value: brief };
    });
    if (accepted.length === 0) return outcomes;

    const write = new OneStatementWrite();
    write.insert(
      manager,
      Brief,
      accepted.map(({ brief }) => brief),
      { datesFromEntities: true },
    );
    const traces = accepted.map(({ index, brief, actor }) =>
      publications[index].inCallerContext(() =>
        this.change.traces(actor, { event: BriefPublishedEvent, subject: brief.id, data: briefState(brief), version: 1 }),
      ),
    );
    this.change.recordAllIn(write, manager, BriefPublishedEvent, traces);
    await write.run(manager);
    return outcomes;
  }

  async withdraw(viewer: Viewer, id: string): Promise<Brief> {
    return this.dataSource.transaction(async (manager) => {
      const brief = await manager.findOne(Brief, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!brief || brief.withdrawnAt || !canSee(viewer, classifiedOfBrief(brief))) throw new NotFound('brief');
      const actor = await this.actors.of(viewer, manager);
      const mayWithdraw = brief.authorId === actor.officerId || (isAdmin(actor) && brief.originOrganizationId === actor.organizationId);
      if (!mayWithdraw) throw new Forbidden('not-author', 'Only its author or an admin of its origin organization may withdraw a brief.');
      brief.withdrawnAt = new Date();
      brief.withdrawnBy = actor.officerId;
      brief.version += 1;
      await manager.save(brief);
      await this.change.record(manager, actor, {
        event: BriefWithdrawnEvent,
        subject: brief.id,
        data: { ...briefState(brief), withdrawnBy: actor.officerId, withdrawnAt: brief.withdrawnAt.toISOString() },
        version: brief.version,
      });
      return brief;
    });
  }

  /**
   * Changes who may see a brief, by an officer of its origin organization (403 otherwise);
   * publishes brief.reclassified when its classification or audience changed, nothing otherwise.
   */
  async reclassify(viewer: Viewer, id: string, input: ReclassifyBriefDto): Promise<Brief> {
    return this.dataSource.transaction(async (manager) => {
      const brief = await manager.findOne(Brief, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!brief || brief.withdrawnAt || !canSee(viewer, classifiedOfBrief(brief))) throw new NotFound('brief');
      const actor = await this.actors.of(viewer, manager);
      if (brief.originOrganizationId !== actor.organizationId) {
        throw new Forbidden('origin-only', "Only officers of a brief's origin organization change its classification or audience.");
      }
      const before = classifiedOfBrief(brief);
      const classification = input.classification ?? brief.classification;
      const audience = coherentAudience(classification, input.audience ?? before.audience);
      if (!visibilityChanged(before, { classification, audience })) return brief;
      await this.references.assertKnown(
        {
          organizations: [{ field: 'audience.organizations', ids: audience.organizations }],
          officers: [{ field: 'audience.officers', ids: audience.officers }],
        },
        manager,
      );
      Object.assign(brief, { classification, audienceOrganizations: audience.organizations, audienceOfficers: audience.officers, version: brief.version + 1 });
      await manager.save(brief);
      await this.change.record(manager, actor, {
        event: BriefReclassifiedEvent,
        subject: brief.id,
        data: { briefId: brief.id, ...reclassificationOf(classifiedOfBrief(brief), before.classification, actor.officerId) },
        version: brief.version,
      });
      return brief;
    });
  }

  /** Of the dialogues these briefs were written for, those the viewer may see (a view names no other). */
  visibleDialogues(viewer: MaybeViewer, briefs: Brief[]): Promise<Set<string>> {
    return visibleDialogueIds(this.dataSource.manager, viewer, briefs.map((brief) => brief.dialogueId));
  }

  /** Not found when it does not exist, was withdrawn, or the viewer may not see it. */
  async get(viewer: MaybeViewer, id: string): Promise<Brief> {
    const brief = await this.dataSource.manager.findOneBy(Brief, { id });
    if (!brief || brief.withdrawnAt || !canSee(viewer, classifiedOfBrief(brief))) throw new NotFound('brief');
    return brief;
  }

  /** Newest first; with `q`, best match first. The visibility rule is in the WHERE clause, before LIMIT. */
  async list(viewer: MaybeViewer, query: ListBriefsQuery): Promise<Page<Ranked>> {
    const select = this.dataSource.getRepository(Brief).createQueryBuilder('brief');
    const visible = visibilityPredicate(viewer, visibilityColumns('brief'));
    select.where(visible.sql, visible.params).andWhere('brief.withdrawn_at IS NULL');
    if (query.country) select.andWhere(':country = ANY(brief.countries)', { country: query.country });
    if (query.region) select.andWhere('brief.region = :region', { region: query.region });
    if (query.theme) select.andWhere(':theme = ANY(brief.themes)', { theme: query.theme });
    if (query.language) select.andWhere('brief.language = :language', { language: query.language });
    if (query.classification) select.andWhere('brief.classification = :classification', { classification: query.classification });
    if (query.originOrganizationId) select.andWhere('brief.origin_organization_id = :origin', { origin: query.originOrganizationId });
    if (query.deskId) select.andWhere('brief.desk_id = :deskId', { deskId: query.deskId });
    if (query.dialogueId) select.andWhere('brief.dialogue_id = :dialogueId', { dialogueId: query.dialogueId });

    if (!query.q) {
      const page = await paginate(select, 'brief', query);
      return { items: page.items.map((brief) => ({ brief })), nextCursor: page.nextCursor };
    }

    const rank = rankOf('brief', 'q');
    select.andWhere(matchesQuery('brief', 'q'), { q: query.q });
    if (query.cursor) {
      const position = decodeSearchCursor(query.cursor);
      select.andWhere(`(${rank}, brief.created_at, brief.id) < (:cursorRank::real, :cursorCreatedAt, :cursorId)`, {
        cursorRank: position.rank,
        cursorCreatedAt: position.createdAt,
        cursorId: position.id,
      });
    }
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const { entities, raw } = await select
      .addSelect(rank, 'rank')
      .orderBy(rank, 'DESC')
      .addOrderBy('brief.created_at', 'DESC')
      .addOrderBy('brief.id', 'DESC')
      .limit(limit + 1)
      .getRawAndEntities<{ rank: number; brief_id: string }>();
    const rankById = new Map(raw.map((row) => [row.brief_id, Number(row.rank)]));
    const items = entities.slice(0, limit).map((brief) => ({ brief, rank: rankById.get(brief.id) ?? 0 }));
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        entities.length > limit && last
          ? encodeSearchCursor({ rank: last.rank ?? 0, createdAt: last.brief.createdAt.toISOString(), id: last.brief.id })
          : null,
    };
  }
}

function newBrief(manager: EntityManager, input: PublishBriefDto, actor: Actor, audience: Audience, publishedAt: Date): Brief {
  return manager.create(Brief, {
    id: newUuidV7(),
    title: input.title,
    body: input.body,
    language: input.language ?? 'en',
    countries: [...new Set(input.countries ?? [])],
    region: input.region ?? null,
    themes: [...new Set(input.themes ?? [])],
    dialogueId: input.dialogueId?.toLowerCase() ?? null,
    deskId: actor.deskId,
    classification: input.classification,
    audienceOrganizations: audience.organizations,
    audienceOfficers: audience.officers,
    originOrganizationId: actor.organizationId,
    authorId: actor.officerId,
    withdrawnAt: null,
    withdrawnBy: null,
    version: 1,
    createdAt: publishedAt,
    updatedAt: publishedAt,
  });
}
