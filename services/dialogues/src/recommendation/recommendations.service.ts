import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { RECOMMENDATION_STATUSES, RecommendationAdoptedEvent, RecommendationStatus, RecommendationStatusChangedEvent, newUuidV7 } from '@liaison/contracts';
import { canSee, MaybeViewer, Viewer, visibilityPredicate } from '@liaison/auth';
import { Conflict, Forbidden, InvalidInput, NotFound, Page, paginate } from '@liaison/http';
import { Actor, Actors, RegistryReferences, ChangeLog, visibilityColumns } from '@liaison/kit';
import { Dialogue } from '../dialogue/dialogue.entity';
import { classifiedOf } from '../dialogue/dialogue.view';
import { takesPart } from '../dialogue/dialogues.service';
import { AdoptRecommendationDto } from './dto/adopt-recommendation.dto';
import { ChangeStatusDto } from './dto/change-status.dto';
import { CountRecommendationsQuery, ListRecommendationsQuery } from './dto/list-recommendations.query';
import { isOpen, overdueSql } from './recommendation-status';
import { Recommendation, RecommendationStatusChange } from './recommendation.entity';
import { recommendationState } from './recommendation.view';

export interface WithHistory {
  recommendation: Recommendation;
  history: RecommendationStatusChange[];
}

export type RecommendationCounts = Record<RecommendationStatus, number> & { total: number; overdue: number };

/**
 * Who may write (also in the OpenAPI descriptions): recommendations are adopted by officers of
 * the dialogue's convening or participating organizations; their status is moved by officers of
 * an owner organization or of the dialogue's convenor. A recommendation is seen by whoever may
 * see its dialogue.
 */
@Injectable()
export class RecommendationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly actors: Actors,
    private readonly references: RegistryReferences,
    private readonly change: ChangeLog,
  ) {}

  async adopt(viewer: Viewer, input: AdoptRecommendationDto): Promise<WithHistory> {
    return this.dataSource.transaction(async (manager) => {
      const dialogue = await manager.findOne(Dialogue, { where: { id: input.dialogueId }, lock: { mode: 'pessimistic_read' } });
      if (!dialogue || !canSee(viewer, classifiedOf(dialogue))) {
        throw new InvalidInput([{ field: 'dialogueId', message: 'no dialogue with this id, or not one you may see', code: 'notFound' }]);
      }
      const actor = await this.actors.of(viewer, manager);
      if (!takesPart(actor, dialogue)) {
        throw new Forbidden('not-participant', "Only officers of the dialogue's convening or participating organizations may adopt its recommendations.");
      }
      if (dialogue.status === 'cancelled') throw new Conflict('dialogue-cancelled', 'This dialogue was cancelled; it adopts no recommendations.');
      const owners = [...new Set((input.owners ?? []).map((id) => id.toLowerCase()))];
      await this.references.assertKnown({ organizations: [{ field: 'owners', ids: owners }] }, manager);
      const recommendation = manager.create(Recommendation, {
        id: newUuidV7(),
        dialogueId: dialogue.id,
        text: input.text,
        owners,
        dueOn: input.dueOn ?? null,
        status: input.status ?? 'proposed',
        authorId: actor.officerId,
        version: 1,
      });
      await manager.save(recommendation);
      const first = await this.recordStep(manager, actor, recommendation, null, undefined);
      await this.change.record(manager, actor, {
        event: RecommendationAdoptedEvent,
        subject: recommendation.id,
        data: recommendationState(recommendation, dialogue),
        version: 1,
      });
      return { recommendation, history: [first] };
    });
  }

  async changeStatus(viewer: Viewer, id: string, input: ChangeStatusDto): Promise<WithHistory> {
    return this.dataSource.transaction(async (manager) => {
      const recommendation = await manager.findOne(Recommendation, { where: { id }, lock: { mode: 'pessimistic_write' } });
      const dialogue = recommendation && (await manager.findOneBy(Dialogue, { id: recommendation.dialogueId }));
      if (!recommendation || !dialogue || !canSee(viewer, classifiedOf(dialogue))) throw new NotFound('recommendation');
      const actor = await this.actors.of(viewer, manager);
      if (!recommendation.owners.includes(actor.organizationId) && dialogue.originOrganizationId !== actor.organizationId) {
        throw new Forbidden('not-owner', "Only officers of an owner organization or of the dialogue's convenor may change a recommendation's status.");
      }
      if (!isOpen(recommendation.status)) {
        throw new Conflict('recommendation-closed', `This recommendation is ${recommendation.status}; its status no longer changes.`);
      }
      if (recommendation.status === input.status) {
        throw new Conflict('status-unchanged', `This recommendation is ${input.status} already.`);
      }
      const previousStatus = recommendation.status;
      recommendation.status = input.status;
      recommendation.version += 1;
      await manager.save(recommendation);
      const step = await this.recordStep(manager, actor, recommendation, previousStatus, input.note);
      await this.change.record(manager, actor, {
        event: RecommendationStatusChangedEvent,
        subject: recommendation.id,
        data: {
          ...recommendationState(recommendation, dialogue),
          previousStatus,
          ...(input.note ? { note: input.note } : {}),
          changedBy: actor.officerId,
          changedAt: step.changedAt.toISOString(),
        },
        version: recommendation.version,
      });
      return { recommendation, history: await this.historyOf(manager, [recommendation.id]).then((h) => h.get(recommendation.id) ?? []) };
    });
  }

  async get(viewer: MaybeViewer, id: string): Promise<WithHistory> {
    const recommendation = await this.dataSource.manager.findOneBy(Recommendation, { id });
    const dialogue = recommendation && (await this.dataSource.manager.findOneBy(Dialogue, { id: recommendation.dialogueId }));
    if (!recommendation || !dialogue || !canSee(viewer, classifiedOf(dialogue))) throw new NotFound('recommendation');
    const history = await this.historyOf(this.dataSource.manager, [id]);
    return { recommendation, history: history.get(id) ?? [] };
  }

  async list(viewer: MaybeViewer, query: ListRecommendationsQuery): Promise<Page<WithHistory>> {
    const page = await paginate(this.visible(viewer, query), 'recommendation', query);
    const history = await this.historyOf(this.dataSource.manager, page.items.map((r) => r.id));
    return {
      items: page.items.map((recommendation) => ({ recommendation, history: history.get(recommendation.id) ?? [] })),
      nextCursor: page.nextCursor,
    };
  }

  /** How many recommendations the viewer may see, by status and overdue; only what they may see is counted. */
  async count(viewer: MaybeViewer, query: CountRecommendationsQuery): Promise<RecommendationCounts> {
    const rows = await this.visible(viewer, query)
      .select('recommendation.status', 'status')
      .addSelect('count(*)::int', 'n')
      .addSelect(`count(*) FILTER (WHERE ${overdueSql('recommendation')})::int`, 'overdue')
      .groupBy('recommendation.status')
      .getRawMany<{ status: RecommendationStatus; n: number; overdue: number }>();
    const counts = Object.fromEntries(RECOMMENDATION_STATUSES.map((s) => [s, 0])) as RecommendationCounts;
    counts.total = 0;
    counts.overdue = 0;
    for (const row of rows) {
      counts[row.status] = row.n;
      counts.total += row.n;
      counts.overdue += row.overdue;
    }
    return counts;
  }

  /** Recommendations whose dialogue the viewer may see: the rule in SQL, before paging and counting. */
  private visible(viewer: MaybeViewer, query: CountRecommendationsQuery & { status?: RecommendationStatus }): SelectQueryBuilder<Recommendation> {
    const select = this.dataSource
      .getRepository(Recommendation)
      .createQueryBuilder('recommendation')
      .innerJoin(Dialogue, 'dialogue', 'dialogue.id = recommendation.dialogue_id');
    const visible = visibilityPredicate(viewer, visibilityColumns('dialogue'));
    select.where(visible.sql, visible.params);
    if (query.status) select.andWhere('recommendation.status = :status', { status: query.status });
    if (query.owner) select.andWhere(':owner = ANY(recommendation.owners)', { owner: query.owner });
    if (query.dialogueId) select.andWhere('recommendation.dialogue_id = :dialogueId', { dialogueId: query.dialogueId });
    if (query.overdue === true) select.andWhere(overdueSql('recommendation'));
    if (query.overdue === false) select.andWhere(`NOT COALESCE(${overdueSql('recommendation')}, false)`);
    return select;
  }

  private async recordStep(
    manager: EntityManager,
    actor: Actor,
    recommendation: Recommendation,
    previousStatus: RecommendationStatus | null,
    note: string | undefined,
  ): Promise<RecommendationStatusChange> {
    const step = manager.create(RecommendationStatusChange, {
      id: newUuidV7(),
      recommendationId: recommendation.id,
      status: recommendation.status,
      previousStatus,
      note: note ?? null,
      changedBy: actor.officerId,
      changedByOrganizationId: actor.organizationId,
      changedAt: new Date(),
      version: recommendation.version,
    });
    await manager.insert(RecommendationStatusChange, step);
    return step;
  }

  private async historyOf(manager: EntityManager, ids: string[]): Promise<Map<string, RecommendationStatusChange[]>> {
    const byRecommendation = new Map<string, RecommendationStatusChange[]>();
    if (ids.length === 0) return byRecommendation;
    const steps = await manager.find(RecommendationStatusChange, { where: { recommendationId: In(ids) }, order: { version: 'ASC' } });
    for (const step of steps) {
      byRecommendation.set(step.recommendationId, [...(byRecommendation.get(step.recommendationId) ?? []), step]);
    }
    return byRecommendation;
  }
}
