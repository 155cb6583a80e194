import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  DialogueCancelledEvent,
  DialogueHeldEvent,
  DialogueReclassifiedEvent,
  DialogueRescheduledEvent,
  DialogueScheduledEvent,
  newUuidV7,
} from '@liaison/contracts';
import { canSee, MaybeViewer, Viewer, visibilityPredicate } from '@liaison/auth';
import { assertRecordedDay, Conflict, definedFields, Forbidden, InvalidInput, NotFound, Page, paginate, startOrder } from '@liaison/http';
import { isUniqueViolation } from '@liaison/persistence';
import { Actor, Actors, ChangeLog, coherentAudience, namedAudience, reachChanged, reclassificationOf, RegistryReferences, UnAdministrators, visibilityChanged, visibilityColumns } from '@liaison/kit';
import { Recommendation } from '../recommendation/recommendation.entity';
import { OPEN_STATUSES } from '../recommendation/recommendation-status';
import { Dialogue } from './dialogue.entity';
import { classifiedOf, dialogueState, OpenRecommendationView } from './dialogue.view';
import { ListDialoguesQuery } from './dto/list-dialogues.query';
import { RecordOutcomeDto } from './dto/record-outcome.dto';
import { RescheduleDialogueDto } from './dto/reschedule-dialogue.dto';
import { ScheduleDialogueDto } from './dto/schedule-dialogue.dto';
import { assertStarted } from './dialogue-started';
import { visibleDialogueIds } from './visible-dialogues';

/**
 * Who may write (also in the OpenAPI descriptions): a dialogue is recorded, rescheduled, held and
 * cancelled by officers of its convening or participating organizations, who can see it. Its
 * reach (classification, audience, participants) is its convenor's alone: the convenor is the
 * recording officer's organization (a UN admin may record another) and one of the participants.
 * A series is continued by an organization that convened or attended its previous dialogue.
 */
@Injectable()
export class DialoguesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly actors: Actors,
    private readonly references: RegistryReferences,
    private readonly change: ChangeLog,
    private readonly administrators: UnAdministrators,
  ) {}

  async schedule(viewer: Viewer, input: ScheduleDialogueDto): Promise<Dialogue> {
    return this.dataSource.transaction(async (manager) => {
      const actor = await this.actors.of(viewer, manager);
      const convenor = (input.convenorOrganizationId ?? actor.organizationId).toLowerCase();
      const participants = unique(input.participants);
      if (!participants.includes(convenor)) {
        throw new InvalidInput([{ field: 'convenorOrganizationId', message: 'the convenor must be one of the participants', code: 'convenorNotParticipant' }]);
      }
      assertTimes(input.startsAt, input.endsAt);
      const classification = input.classification ?? 'green';
      const audience = coherentAudience(classification, input.audience, { organizations: participants, except: convenor });
      await this.references.assertKnown(
        {
          organizations: [
            { field: 'participants', ids: participants },
            { field: 'convenorOrganizationId', ids: [convenor] },
            { field: 'audience.organizations', ids: audience.organizations },
          ],
          officers: [{ field: 'audience.officers', ids: audience.officers }],
        },
        manager,
      );
      // The convenor owns the dialogue's reach, so only a UN admin records one for another organization.
      if (convenor !== actor.organizationId && !(await this.administrators.isUnAdmin(actor))) {
        throw new Forbidden('not-convenor', "A dialogue is convened by the caller's organization; only a UN admin records one for another organization.");
      }
      const id = newUuidV7();
      let seriesId = newUuidV7();
      if (input.previousDialogueId) {
        const previous = await manager.findOneBy(Dialogue, { id: input.previousDialogueId });
        if (!previous || !canSee(actor, classifiedOf(previous))) {
          throw new InvalidInput([{ field: 'previousDialogueId', message: 'no dialogue with this id, or not one you may see', code: 'notFound' }]);
        }
        // A dialogue has one next in its series: only an organization of the series takes that place, not any reader.
        if (previous.originOrganizationId !== convenor && !previous.participants.includes(convenor)) {
          throw new Forbidden('not-in-series', 'A series is continued by an organization that took part in its previous dialogue: the convenor must have convened or attended it.');
        }
        seriesId = previous.seriesId;
      }
      const dialogue = manager.create(Dialogue, {
        id,
        kind: input.kind,
        title: input.title,
        participants,
        startsAt: new Date(input.startsAt),
        endsAt: input.endsAt ? new Date(input.endsAt) : null,
        location: input.location ?? null,
        agenda: input.agenda ?? [],
        status: 'scheduled',
        outcomeSummary: null,
        heldOn: null,
        cancelledAt: null,
        cancelledBy: null,
        previousDialogueId: input.previousDialogueId?.toLowerCase() ?? null,
        seriesId,
        classification,
        audienceOrganizations: audience.organizations,
        audienceOfficers: audience.officers,
        originOrganizationId: convenor,
        authorId: actor.officerId,
        version: 1,
      });
      try {
        // A savepoint, so that a taken place in the series leaves the transaction usable.
        await manager.transaction((inner) => inner.save(dialogue));
      } catch (error) {
        if (isUniqueViolation(error, 'dialogues_next_key')) {
          throw new Conflict('series-already-continued', 'The previous dialogue already has a next one in its series.', [
            { field: 'previousDialogueId', message: 'already has a next dialogue', code: 'seriesContinued' },
          ]);
        }
        throw error;
      }
      await this.change.record(manager, actor, { event: DialogueScheduledEvent, subject: id, data: dialogueState(dialogue), version: 1 });
      return dialogue;
    });
  }

  /**
   * Moves it, or changes its place, participants, agenda or reach; publishes dialogue.rescheduled,
   * and dialogue.reclassified (first) when who may see it changed.
   */
  async reschedule(viewer: Viewer, id: string, input: RescheduleDialogueDto): Promise<Dialogue> {
    return this.dataSource.transaction(async (manager) => {
      const { actor, dialogue } = await this.lockForChange(manager, viewer, id, 'change this dialogue');
      const changes = definedFields(input);
      // held or cancelled, a dialogue says no more; but its convenor may still restrict who sees it
      const closed = dialogue.status !== 'scheduled';
      if (closed && Object.keys(changes).some((field) => !REACH_OF_A_CLOSED_DIALOGUE.has(field))) throw notScheduled(dialogue);
      const previousStartsAt = dialogue.startsAt.toISOString();
      const participants = changes.participants ? unique(changes.participants) : dialogue.participants;
      const startsAt = changes.startsAt ?? previousStartsAt;
      const endsAt = 'endsAt' in changes ? changes.endsAt : dialogue.endsAt?.toISOString();
      assertTimes(startsAt, endsAt);
      const before = { classification: dialogue.classification, participants: dialogue.participants, audience: classifiedOf(dialogue).audience };
      const classification = changes.classification ?? dialogue.classification;
      // Recomputed from the new participants: one removed keeps no place it had only as a participant.
      const audience = coherentAudience(classification, changes.audience ?? namedAudience(before.audience, dialogue.participants), {
        organizations: participants,
        except: dialogue.originOrganizationId,
      });
      if (reachChanged(before, { classification, participants, audience }) && actor.organizationId !== dialogue.originOrganizationId) {
        throw new Forbidden('origin-only', "Only the convening organization changes a dialogue's classification, audience or participants.");
      }
      // who may see it changed: a reclassification; alone, it is not a rescheduling too
      const reach = visibilityChanged(before, { classification, audience });
      if (closed && !reach) return dialogue;
      const rescheduled = !reach || Object.keys(changes).some((field) => field !== 'classification' && field !== 'audience');
      if (changes.participants && !participants.includes(dialogue.originOrganizationId)) {
        throw new InvalidInput([{ field: 'participants', message: 'the convenor must remain one of the participants', code: 'convenorNotParticipant' }]);
      }
      await this.references.assertKnown(
        {
          organizations: [
            { field: 'participants', ids: participants },
            { field: 'audience.organizations', ids: audience.organizations },
          ],
          officers: [{ field: 'audience.officers', ids: audience.officers }],
        },
        manager,
      );
      Object.assign(dialogue, {
        title: changes.title ?? dialogue.title,
        participants,
        startsAt: new Date(startsAt),
        endsAt: endsAt ? new Date(endsAt) : null,
        location: changes.location ?? dialogue.location,
        agenda: changes.agenda ?? dialogue.agenda,
        classification,
        audienceOrganizations: audience.organizations,
        audienceOfficers: audience.officers,
        version: dialogue.version + (reach ? 1 : 0) + (rescheduled ? 1 : 0),
      });
      await manager.save(dialogue);
      if (reach) {
        await this.change.record(manager, actor, {
          event: DialogueReclassifiedEvent,
          subject: id,
          data: { dialogueId: id, ...reclassificationOf(classifiedOf(dialogue), before.classification, actor.officerId) },
          version: rescheduled ? dialogue.version - 1 : dialogue.version,
        });
      }
      if (rescheduled) {
        await this.change.record(manager, actor, {
          event: DialogueRescheduledEvent,
          subject: id,
          data: { ...dialogueState(dialogue), previousStartsAt },
          version: dialogue.version,
        });
      }
      return dialogue;
    });
  }

  /** Records that it was held, with its outcome, once it has started (dialogue-started.ts); publishes dialogue.held. */
  async recordOutcome(viewer: Viewer, id: string, input: RecordOutcomeDto): Promise<Dialogue> {
    return this.dataSource.transaction(async (manager) => {
      const { actor, dialogue } = await this.lockForChange(manager, viewer, id, 'record the outcome of this dialogue');
      if (dialogue.status !== 'scheduled') throw notScheduled(dialogue);
      assertStarted(dialogue);
      assertRecordedDay('heldOn', input.heldOn, { startsAt: dialogue.startsAt, code: 'notBeforeStart', what: 'the dialogue' });
      dialogue.status = 'held';
      dialogue.outcomeSummary = input.summary;
      dialogue.heldOn = input.heldOn;
      dialogue.version += 1;
      await manager.save(dialogue);
      await this.change.record(manager, actor, {
        event: DialogueHeldEvent,
        subject: id,
        data: { ...dialogueState(dialogue), outcome: { summary: input.summary, heldOn: input.heldOn } },
        version: dialogue.version,
      });
      return dialogue;
    });
  }

  async cancel(viewer: Viewer, id: string): Promise<Dialogue> {
    return this.dataSource.transaction(async (manager) => {
      const { actor, dialogue } = await this.lockForChange(manager, viewer, id, 'cancel this dialogue');
      if (dialogue.status !== 'scheduled') throw notScheduled(dialogue);
      dialogue.status = 'cancelled';
      dialogue.cancelledAt = new Date();
      dialogue.cancelledBy = actor.officerId;
      dialogue.version += 1;
      await manager.save(dialogue);
      await this.change.record(manager, actor, {
        event: DialogueCancelledEvent,
        subject: id,
        data: { ...dialogueState(dialogue), cancelledBy: actor.officerId },
        version: dialogue.version,
      });
      return dialogue;
    });
  }

  /** A dialogue the viewer may not see is not found, as one that does not exist. */
  async get(viewer: MaybeViewer, id: string, manager: EntityManager = this.dataSource.manager): Promise<Dialogue> {
    const dialogue = await manager.findOneBy(Dialogue, { id });
    if (!dialogue || !canSee(viewer, classifiedOf(dialogue))) throw new NotFound('dialogue');
    return dialogue;
  }

  /** Of the dialogues these ones continue, those the viewer may see (a view names no other). */
  visiblePrevious(viewer: MaybeViewer, dialogues: Dialogue[]): Promise<Set<string>> {
    return visibleDialogueIds(this.dataSource.manager, viewer, dialogues.map((dialogue) => dialogue.previousDialogueId));
  }

  /** The recommendations of the previous dialogue of the series that are still open (it shares its visibility). */
  async carriedOver(viewer: MaybeViewer, dialogue: Dialogue): Promise<OpenRecommendationView[]> {
    if (!dialogue.previousDialogueId) return [];
    const previous = await this.dataSource.manager.findOneBy(Dialogue, { id: dialogue.previousDialogueId });
    if (!previous || !canSee(viewer, classifiedOf(previous))) return [];
    const open = await this.dataSource.manager.find(Recommendation, {
      where: { dialogueId: previous.id, status: In([...OPEN_STATUSES]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return open.map((r) => ({ id: r.id, text: r.text, owners: r.owners, dueOn: r.dueOn, status: r.status }));
  }

  list(viewer: MaybeViewer, query: ListDialoguesQuery): Promise<Page<Dialogue>> {
    const select = this.dataSource.getRepository(Dialogue).createQueryBuilder('dialogue');
    const visible = visibilityPredicate(viewer, visibilityColumns('dialogue'));
    select.where(visible.sql, visible.params);
    if (query.kind) select.andWhere('dialogue.kind = :kind', { kind: query.kind });
    if (query.status) select.andWhere('dialogue.status = :status', { status: query.status });
    if (query.participant) select.andWhere(':participant = ANY(dialogue.participants)', { participant: query.participant });
    if (query.convenorOrganizationId) {
      select.andWhere('dialogue.origin_organization_id = :convenor', { convenor: query.convenorOrganizationId });
    }
    if (query.seriesId) select.andWhere('dialogue.series_id = :seriesId', { seriesId: query.seriesId });
    if (query.classification) select.andWhere('dialogue.classification = :classification', { classification: query.classification });
    if (query.from) select.andWhere('dialogue.starts_at >= :from', { from: query.from });
    if (query.to) select.andWhere('dialogue.starts_at < :to', { to: query.to });
    return paginate(select, 'dialogue', query, startOrder(query));
  }

  private async lockForChange(
    manager: EntityManager,
    viewer: Viewer,
    id: string,
    action: string,
  ): Promise<{ actor: Actor; dialogue: Dialogue }> {
    const dialogue = await manager.findOne(Dialogue, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!dialogue || !canSee(viewer, classifiedOf(dialogue))) throw new NotFound('dialogue');
    const actor = await this.actors.of(viewer, manager);
    if (!takesPart(actor, dialogue)) {
      throw new Forbidden('not-participant', `Only officers of the convening or participating organizations may ${action}.`);
    }
    return { actor, dialogue };
  }
}

/** The convenor or a participant. */
export function takesPart(actor: Viewer, dialogue: Dialogue): boolean {
  return dialogue.originOrganizationId === actor.organizationId || dialogue.participants.includes(actor.organizationId);
}

/** What a PATCH may still carry once the dialogue was held or cancelled: who may see it. */
const REACH_OF_A_CLOSED_DIALOGUE: ReadonlySet<string> = new Set(['classification', 'audience']);

function notScheduled(dialogue: Dialogue): Conflict {
  return new Conflict(`dialogue-${dialogue.status}`, `This dialogue was ${dialogue.status} already; it can no longer change, but for its classification and audience, by its convenor.`);
}

function assertTimes(startsAt: string, endsAt: string | undefined | null): void {
  if (endsAt && Date.parse(endsAt) < Date.parse(startsAt)) {
    throw new InvalidInput([{ field: 'endsAt', message: 'endsAt must not be before startsAt', code: 'endsBeforeStart' }]);
  }
}

function unique(ids: string[]): string[] {
  return [...new Set(ids.map((id) => id.toLowerCase()))];
}

