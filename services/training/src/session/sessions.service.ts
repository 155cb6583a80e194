import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { newUuidV7, SessionCancelledEvent, SessionRescheduledEvent, SessionScheduledEvent } from '@liaison/contracts';
import { canSee, MaybeViewer, Viewer, visibilityPredicate } from '@liaison/auth';
import { Conflict, definedFields, Forbidden, InvalidInput, NotFound, Page, paginate, startOrder } from '@liaison/http';
import { Actors, ChangeLog, coherentAudience, RegistryReferences, visibilityColumns } from '@liaison/kit';
import { Course } from '../course/course.entity';
import { Enrolment } from '../enrolment/enrolment.entity';
import { Waitlist } from '../enrolment/waitlist';
import { CancelSessionDto } from './dto/cancel-session.dto';
import { ListSessionsQuery } from './dto/list-sessions.query';
import { RescheduleSessionDto } from './dto/reschedule-session.dto';
import { ScheduleSessionDto } from './dto/schedule-session.dto';
import { Session } from './session.entity';
import { classifiedOfSession, isOrganizer, sessionState } from './session.view';

/**
 * Who may write (also in the OpenAPI descriptions): officers of a session's organizing
 * organizations schedule, reschedule and cancel it.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly actors: Actors,
    private readonly references: RegistryReferences,
    private readonly change: ChangeLog,
    private readonly waitlist: Waitlist,
  ) {}

  schedule(viewer: Viewer, input: ScheduleSessionDto): Promise<Session> {
    return this.dataSource.transaction(async (manager) => {
      const actor = await this.actors.of(viewer, manager);
      const startsAt = new Date(input.startsAt);
      const endsAt = new Date(input.endsAt);
      assertDates(startsAt, endsAt, { startsAtMoved: true, endsAtMoved: true });
      const origin = actor.organizationId.toLowerCase();
      const organizers = unique(input.organizers ?? [origin]);
      if (!organizers.includes(origin)) throw new Forbidden('not-organizer', "A session is scheduled by an officer of one of its organizing organizations: list your organization among the organizers.");
      const course = await manager.findOneBy(Course, { id: input.courseId });
      if (!course) throw new InvalidInput([{ field: 'courseId', message: 'no course has this id', code: 'notFound' }]);
      const eligible = unique(input.audience?.organizations ?? []);
      // open to every partner: green; to named organizations: amber, shared with them and the
      // organizers; to the organizer's own alone (an internal course): amber+strict, its alone
      const others = unique([...eligible, ...organizers].map((id) => id.toLowerCase())).filter((id) => id !== origin);
      const classification = eligible.length === 0 ? 'green' : others.length === 0 ? 'amber-strict' : 'amber';
      const audience = coherentAudience(classification, { organizations: eligible }, { organizations: organizers, except: origin });
      await this.references.assertKnown(
        { organizations: [{ field: 'organizers', ids: organizers }, { field: 'audience.organizations', ids: eligible }] },
        manager,
      );
      const session = manager.create(Session, {
        id: newUuidV7(),
        courseId: course.id,
        startsAt,
        endsAt,
        seats: input.seats,
        organizers,
        eligibleOrganizations: eligible,
        location: input.location ?? null,
        online: input.online ?? false,
        status: 'scheduled',
        cancelReason: null,
        classification,
        audienceOrganizations: audience.organizations,
        audienceOfficers: [],
        originOrganizationId: origin,
        authorId: actor.officerId,
        version: 1,
      });
      await manager.save(session);
      await this.change.record(manager, actor, { event: SessionScheduledEvent, subject: session.id, data: { ...sessionState(session, course), changedBy: actor.officerId }, version: 1 });
      return session;
    });
  }

  reschedule(viewer: Viewer, id: string, input: RescheduleSessionDto): Promise<Session> {
    return this.dataSource.transaction(async (manager) => {
      const { session, course, actor } = await this.managed(manager, viewer, id);
      const changes = definedFields(input);
      const startsAt = changes.startsAt ? new Date(changes.startsAt) : session.startsAt;
      const endsAt = changes.endsAt ? new Date(changes.endsAt) : session.endsAt;
      // a date sent back as it is (a form sends the whole session) is no change
      const startsAtMoved = startsAt.getTime() !== session.startsAt.getTime();
      const endsAtMoved = endsAt.getTime() !== session.endsAt.getTime();
      // under way, it began when it began: its end, seats and place may still change, its start no more
      if (startsAtMoved && session.startsAt.getTime() <= Date.now()) {
        throw new Conflict('session-started', 'The session has started: its start can no longer be moved (its end, seats and place still may).', [
          { field: 'startsAt', message: 'the session has started', code: 'sessionStarted' },
        ]);
      }
      assertDates(startsAt, endsAt, { startsAtMoved, endsAtMoved });
      if (changes.seats !== undefined) {
        const seated = await this.waitlist.seated(manager, session.id);
        if (changes.seats < seated) {
          throw new Conflict('seats-taken', `${seated} seats are taken: a session cannot have fewer seats than confirmed enrolments.`, [
            { field: 'seats', message: `must be at least ${seated}`, code: 'min', params: { min: seated } },
          ]);
        }
      }
      const previousStartsAt = session.startsAt.toISOString();
      Object.assign(session, {
        startsAt,
        endsAt,
        seats: changes.seats ?? session.seats,
        location: changes.location ?? session.location,
        online: changes.online ?? session.online,
        version: session.version + 1,
      });
      await manager.save(session);
      await this.change.record(manager, actor, {
        event: SessionRescheduledEvent,
        subject: session.id,
        data: { ...sessionState(session, course), previousStartsAt, changedBy: actor.officerId },
        version: session.version,
      });
      // more seats go to the waitlist, first come first served
      await this.waitlist.fillSeats(manager, session, course, actor);
      return session;
    });
  }

  cancel(viewer: Viewer, id: string, input: CancelSessionDto): Promise<Session> {
    return this.dataSource.transaction(async (manager) => {
      const { session, course, actor } = await this.managed(manager, viewer, id);
      const live = await manager.find(Enrolment, { where: { sessionId: session.id, status: In(['confirmed', 'waitlisted']) } });
      for (const enrolment of live) {
        Object.assign(enrolment, { status: 'cancelled', waitlistPosition: null, version: enrolment.version + 1 });
      }
      await manager.save(live);
      Object.assign(session, { status: 'cancelled', cancelReason: input.reason ?? null, version: session.version + 1 });
      await manager.save(session);
      await this.change.record(manager, actor, {
        event: SessionCancelledEvent,
        subject: session.id,
        data: { ...sessionState(session, course), ...(input.reason ? { reason: input.reason } : {}), enrolledOfficers: live.map((e) => e.officerId), changedBy: actor.officerId },
        version: session.version,
      });
      return session;
    });
  }

  /**
   * The session, locked for the rest of the transaction: every change of its seats or enrolments
   * takes this lock first, so they happen one after the other on every replica.
   */
  async locked(manager: EntityManager, viewer: MaybeViewer, id: string): Promise<{ session: Session; course: Course }> {
    const locked = await this.lock(manager, id);
    if (!canSee(viewer, classifiedOfSession(locked.session))) throw new NotFound('session');
    return locked;
  }

  /** The same lock, for a change reached through one of the session's enrolments (whose caller decides). */
  async lock(manager: EntityManager, id: string): Promise<{ session: Session; course: Course }> {
    const session = await manager.findOne(Session, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!session) throw new NotFound('session');
    const course = await manager.findOneByOrFail(Course, { id: session.courseId });
    return { session, course };
  }

  async get(viewer: MaybeViewer, id: string): Promise<Session> {
    const session = await this.dataSource.manager.findOneBy(Session, { id });
    if (!session || !canSee(viewer, classifiedOfSession(session))) throw new NotFound('session');
    return session;
  }

  list(viewer: MaybeViewer, query: ListSessionsQuery): Promise<Page<Session>> {
    const select = this.dataSource.getRepository(Session).createQueryBuilder('session');
    const visible = visibilityPredicate(viewer, visibilityColumns('session'));
    select.where(visible.sql, visible.params);
    if (query.courseId) select.andWhere('session.course_id = :courseId', { courseId: query.courseId });
    if (query.status) select.andWhere('session.status = :status', { status: query.status });
    if (query.from) select.andWhere('session.starts_at >= :from', { from: new Date(query.from) });
    if (query.to) select.andWhere('session.starts_at < :to', { to: new Date(query.to) });
    if (query.organizer) select.andWhere(':organizer = ANY(session.organizers)', { organizer: query.organizer });
    return paginate(select, 'session', query, startOrder(query));
  }

  /** A session an organizer changes: locked, visible, theirs to manage, neither cancelled nor over. */
  private async managed(manager: EntityManager, viewer: Viewer, id: string) {
    const { session, course } = await this.locked(manager, viewer, id);
    const actor = await this.actors.of(viewer, manager);
    if (!isOrganizer(session, actor.organizationId)) throw new Forbidden('not-organizer', 'Only officers of the organizing organizations manage a session.');
    if (session.status === 'cancelled') throw new Conflict('session-cancelled', 'The session is cancelled.');
    // once over, it is a record of what happened (attendance and completion say the rest): rescheduling
    // or cancelling it would rewrite that record, and a later end would re-open its withdrawals
    if (session.endsAt.getTime() <= Date.now()) throw new Conflict('session-over', 'The session is over: it can no longer be rescheduled, changed or cancelled.');
    return { session, course, actor };
  }
}

function unique(ids: string[]): string[] {
  return [...new Set(ids.map((id) => id.toLowerCase()))];
}

/**
 * End after start; a start or end that moves moves into the future: a session is not scheduled in
 * the past, nor ended in the past by a change (withdrawals made meanwhile were made while it ran).
 */
function assertDates(startsAt: Date, endsAt: Date, moved: { startsAtMoved: boolean; endsAtMoved: boolean }): void {
  if (endsAt.getTime() <= startsAt.getTime()) throw new InvalidInput([{ field: 'endsAt', message: 'endsAt must be after startsAt', code: 'endsAfterStart' }]);
  if (moved.startsAtMoved && startsAt.getTime() <= Date.now()) {
    throw new InvalidInput([{ field: 'startsAt', message: 'startsAt must be in the future', code: 'inFuture' }]);
  }
  if (moved.endsAtMoved && endsAt.getTime() <= Date.now()) {
    throw new InvalidInput([{ field: 'endsAt', message: 'endsAt must be in the future', code: 'inFuture' }]);
  }
}
