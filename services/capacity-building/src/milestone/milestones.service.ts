import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { MilestoneCompletedEvent, MilestonePlannedEvent, newUuidV7 } from '@liaison/contracts';
import { canSee, MaybeViewer, Viewer, visibilityPredicate } from '@liaison/auth';
import { assertRecordedDay, Conflict, definedFields, InvalidInput, NotFound, Page, paginate } from '@liaison/http';
import { Actor, ChangeLog, visibilityColumns } from '@liaison/kit';
import { todayUtc } from '../calendar';
import { Followers } from '../programme/followers';
import { Programme } from '../programme/programme.entity';
import { classifiedOfProgramme } from '../programme/programme.view';
import { ProgrammesService } from '../programme/programmes.service';
import { CompleteMilestoneDto } from './dto/complete-milestone.dto';
import { ListMilestonesQuery } from './dto/list-milestones.query';
import { PlanMilestoneDto } from './dto/plan-milestone.dto';
import { RescheduleMilestoneDto } from './dto/reschedule-milestone.dto';
import { Milestone } from './milestone.entity';
import { milestoneState } from './milestone.view';

/**
 * Milestones of a programme: planned, rescheduled and completed by those who write to the
 * programme (its partner's officers and the UN's); seen by whoever sees the programme. Whoever
 * takes part follows the programme. Late ones are marked by MilestoneDelays.
 */
@Injectable()
export class MilestonesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly programmes: ProgrammesService,
    private readonly change: ChangeLog,
    private readonly followers: Followers,
  ) {}

  async plan(viewer: Viewer, input: PlanMilestoneDto): Promise<Milestone> {
    return this.dataSource.transaction(async (manager) => {
      const { programme, actor } = await this.programmes.forWriting(manager, viewer, input.programmeId).catch((error: unknown) => {
        // a programme the caller may not see is, in a body, an unknown reference: the same 400 either way
        if (error instanceof NotFound) throw new InvalidInput([{ field: 'programmeId', message: 'no programme with this id that you may see', code: 'notFound' }]);
        throw error;
      });
      assertOpen(programme);
      const milestone = manager.create(Milestone, {
        id: newUuidV7(),
        programmeId: programme.id,
        title: input.title,
        description: input.description ?? null,
        dueOn: input.dueOn,
        status: 'planned',
        completedOn: null,
        note: null,
        authorId: actor.officerId,
        version: 1,
      });
      await manager.save(milestone);
      await this.recordPlan(manager, actor, milestone, programme);
      return milestone;
    });
  }

  /**
   * A new due date (or title, description): milestone.planned again, with the due date it
   * replaces. A delayed milestone given a due date not yet passed is planned again, so it can be
   * flagged once more if that one passes too.
   */
  async reschedule(viewer: Viewer, id: string, input: RescheduleMilestoneDto): Promise<Milestone> {
    return this.dataSource.transaction(async (manager) => {
      const { milestone, programme, actor } = await this.forWriting(manager, viewer, id);
      if (milestone.status === 'completed') throw new Conflict('milestone-completed', 'The milestone is completed; it is not rescheduled.');
      const changes = definedFields(input);
      const previousDueOn = milestone.dueOn;
      Object.assign(milestone, {
        title: changes.title ?? milestone.title,
        description: changes.description ?? milestone.description,
        dueOn: changes.dueOn ?? milestone.dueOn,
        version: milestone.version + 1,
      });
      if (milestone.status === 'delayed' && milestone.dueOn >= todayUtc()) milestone.status = 'planned';
      await manager.save(milestone);
      await this.recordPlan(manager, actor, milestone, programme, previousDueOn !== milestone.dueOn ? previousDueOn : undefined);
      return milestone;
    });
  }

  async complete(viewer: Viewer, id: string, input: CompleteMilestoneDto): Promise<Milestone> {
    return this.dataSource.transaction(async (manager) => {
      const { milestone, programme, actor } = await this.forWriting(manager, viewer, id);
      if (milestone.status === 'completed') {
        throw new Conflict('milestone-completed', `The milestone was completed on ${milestone.completedOn}; it is completed once.`);
      }
      assertRecordedDay('completedOn', input.completedOn);
      Object.assign(milestone, { status: 'completed', completedOn: input.completedOn, note: input.note ?? null, version: milestone.version + 1 });
      await manager.save(milestone);
      await this.followers.follow(manager, programme.id, actor.officerId);
      await this.change.record(manager, actor, {
        event: MilestoneCompletedEvent,
        subject: milestone.id,
        data: {
          ...milestoneState(milestone, programme, await this.followers.toTell(manager, programme.id, actor.officerId), actor.officerId),
          completedOn: input.completedOn,
          ...(input.note ? { note: input.note } : {}),
        },
        version: milestone.version,
      });
      return milestone;
    });
  }

  async get(viewer: MaybeViewer, id: string): Promise<Milestone> {
    const found = await this.dataSource.manager.findOneBy(Milestone, { id });
    const programme = found ? await this.dataSource.manager.findOneBy(Programme, { id: found.programmeId }) : null;
    if (!found || !programme || !canSee(viewer, classifiedOfProgramme(programme))) throw new NotFound('milestone');
    return found;
  }

  /** Seen through their programme: the rule is applied in SQL on the joined programme, before LIMIT. */
  list(viewer: MaybeViewer, query: ListMilestonesQuery): Promise<Page<Milestone>> {
    const select = this.dataSource
      .getRepository(Milestone)
      .createQueryBuilder('milestone')
      .innerJoin(Programme, 'programme', 'programme.id = milestone.programme_id');
    const visible = visibilityPredicate(viewer, visibilityColumns('programme'));
    select.where(visible.sql, visible.params);
    if (query.programmeId) select.andWhere('milestone.programme_id = :programmeId', { programmeId: query.programmeId });
    if (query.status) select.andWhere('milestone.status = :status', { status: query.status });
    return paginate(select, 'milestone', query);
  }

  /** The milestone and its programme, both locked; 404 if the caller may not see the programme, 403 if they may not write to it. */
  private async forWriting(manager: EntityManager, viewer: Viewer, id: string): Promise<{ milestone: Milestone; programme: Programme; actor: Actor }> {
    const found = await manager.findOneBy(Milestone, { id });
    if (!found) throw new NotFound('milestone');
    const { programme, actor } = await this.programmes.forWriting(manager, viewer, found.programmeId).catch((error: unknown) => {
      throw error instanceof NotFound ? new NotFound('milestone') : error;
    });
    const milestone = await manager.findOne(Milestone, { where: { id }, lock: { mode: 'pessimistic_write' } });
    assertOpen(programme);
    return { milestone: milestone!, programme, actor };
  }

  private async recordPlan(manager: EntityManager, actor: Actor, milestone: Milestone, programme: Programme, previousDueOn?: string): Promise<void> {
    await this.followers.follow(manager, programme.id, actor.officerId);
    await this.change.record(manager, actor, {
      event: MilestonePlannedEvent,
      subject: milestone.id,
      data: {
        ...milestoneState(milestone, programme, await this.followers.toTell(manager, programme.id, actor.officerId), actor.officerId),
        ...(previousDueOn ? { previousDueOn } : {}),
      },
      version: milestone.version,
    });
  }
}

function assertOpen(programme: Programme): void {
  if (programme.status === 'closed') throw new Conflict('programme-closed', 'The programme is closed; its milestones change no more.');
}
