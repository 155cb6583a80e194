import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { EnrolmentCompletedEvent, EnrolmentConfirmedEvent, EnrolmentWaitlistedEvent, EnrolmentWithdrawnEvent, newUuidV7 } from '@liaison/contracts';
import { AuditTrail, canSee, isAdmin, Viewer, visibilityPredicate } from '@liaison/auth';
import { assertRecordedDay, Conflict, Forbidden, InvalidInput, NotFound, Page, paginate } from '@liaison/http';
import { Actor, Actors, ChangeLog, visibilityColumns } from '@liaison/kit';
import { RegistryReplica } from '@liaison/registry';
import { CertificatesService } from '../certificate/certificates.service';
import type { Course } from '../course/course.entity';
import { Session } from '../session/session.entity';
import { classifiedOfSession, isOrganizer, mayEnrol } from '../session/session.view';
import { SessionsService } from '../session/sessions.service';
import { AttendanceDto, CompleteDto, EnrolDto, WithdrawDto } from './dto/enrol.dto';
import { ListEnrolmentsQuery } from './dto/list-enrolments.query';
import { Enrolment } from './enrolment.entity';
import { enrolmentState } from './enrolment.view';
import { Waitlist } from './waitlist';

/**
 * Who may do what (also in the OpenAPI descriptions): an officer of an organization in the
 * session's audience enrols (an admin may enrol officers of their own organization); the officer,
 * an admin of their organization or an organizer withdraws; organizers record attendance and
 * completion. An enrolment is seen by its officer, the admins of their organization and the
 * session's organizers. Every change takes the session's row lock first (SessionsService.lock).
 */
@Injectable()
export class EnrolmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly actors: Actors,
    private readonly registry: RegistryReplica,
    private readonly sessions: SessionsService,
    private readonly waitlist: Waitlist,
    private readonly certificates: CertificatesService,
    private readonly change: ChangeLog,
    private readonly audit: AuditTrail,
  ) {}

  enrol(viewer: Viewer, input: EnrolDto): Promise<Enrolment> {
    return this.dataSource.transaction(async (manager) => {
      const actor = await this.actors.of(viewer, manager);
      const { session, course } = await this.sessions.locked(manager, viewer, input.sessionId);
      const officerId = (input.officerId ?? actor.officerId).toLowerCase();
      const officer = await this.registry.officer(officerId, manager);
      if (!officer || officer.left || !officer.email) throw new InvalidInput([{ field: 'officerId', message: 'no current officer has this id', code: 'unknownOfficer' }]);
      if (officerId !== actor.officerId.toLowerCase() && !(isAdmin(actor) && officer.organizationId === actor.organizationId.toLowerCase())) {
        throw new Forbidden('enrols-others', 'An officer enrols themselves; an admin may enrol officers of their own organization.');
      }
      if (!mayEnrol(session, officer.organizationId)) throw new Forbidden('not-eligible', "Only officers of organizations in the session's audience may enrol.");
      if (session.status === 'cancelled') throw new Conflict('session-cancelled', 'The session is cancelled.');
      if (session.startsAt.getTime() <= Date.now()) throw new Conflict('session-started', 'The session has started or is over: enrolment is closed.');
      const live = await manager.findOneBy(Enrolment, { sessionId: session.id, officerId, status: In(['confirmed', 'waitlisted', 'completed']) });
      if (live) throw new Conflict('already-enrolled', `The officer is already enrolled in this session (${live.status}).`, [{ field: 'officerId', message: 'already enrolled', code: 'alreadyEnrolled' }]);
      const seated = await this.waitlist.seated(manager, session.id);
      const confirmed = seated < session.seats;
      const enrolment = manager.create(Enrolment, {
        id: newUuidV7(),
        sessionId: session.id,
        courseId: course.id,
        officerId,
        organizationId: officer.organizationId,
        status: confirmed ? 'confirmed' : 'waitlisted',
        waitlistPosition: confirmed ? null : (await this.waitlist.waiting(manager, session.id)) + 1,
        attended: null,
        completedOn: null,
        certificateId: null,
        enrolledBy: actor.officerId,
        version: 1,
      });
      await manager.insert(Enrolment, enrolment);
      const state = enrolmentState(enrolment, session, course, actor.officerId);
      if (confirmed) await this.change.record(manager, actor, { event: EnrolmentConfirmedEvent, subject: enrolment.id, data: state, version: 1 });
      else await this.change.record(manager, actor, { event: EnrolmentWaitlistedEvent, subject: enrolment.id, data: { ...state, waitlistPosition: enrolment.waitlistPosition! }, version: 1 });
      return enrolment;
    });
  }

  withdraw(viewer: Viewer, id: string, input: WithdrawDto): Promise<Enrolment> {
    return this.dataSource.transaction(async (manager) => {
      const { enrolment, session, course, actor, administers } = await this.lockedEnrolment(manager, viewer, id);
      const own = enrolment.officerId === actor.officerId.toLowerCase();
      if (!own && !administers && !isOrganizer(session, actor.organizationId)) {
        throw new Forbidden('not-withdrawer', 'An enrolment is withdrawn by its officer, an admin of their organization or an organizer.');
      }
      if (enrolment.status !== 'confirmed' && enrolment.status !== 'waitlisted') {
        throw new Conflict('not-withdrawable', `A ${enrolment.status} enrolment cannot be withdrawn.`);
      }
      // once over, attendance and completion record what happened; a withdrawal would rewrite it
      if (session.endsAt.getTime() <= Date.now()) throw new Conflict('session-over', 'The session is over: an enrolment in it can no longer be withdrawn.');
      const previousStatus = enrolment.status;
      Object.assign(enrolment, { status: 'withdrawn', waitlistPosition: null, version: enrolment.version + 1 });
      await manager.save(enrolment);
      await this.change.record(manager, actor, {
        event: EnrolmentWithdrawnEvent,
        subject: enrolment.id,
        data: { ...enrolmentState(enrolment, session, course, actor.officerId), previousStatus, withdrawnBy: actor.officerId, ...(input.reason ? { reason: input.reason } : {}) },
        version: enrolment.version,
      });
      // a freed seat goes to the first on the waitlist until the session starts; a place on it closes up
      if (session.status === 'scheduled') await this.waitlist.fillSeats(manager, session, course, actor);
      return enrolment;
    });
  }

  attendance(viewer: Viewer, id: string, input: AttendanceDto): Promise<Enrolment> {
    return this.dataSource.transaction(async (manager) => {
      const { enrolment, actor } = await this.organizing(manager, viewer, id);
      Object.assign(enrolment, { attended: input.attended, version: enrolment.version + 1 });
      await manager.save(enrolment);
      // no event in the catalog for attendance: the audit trail keeps it
      await this.audit.record(manager, {
        actor,
        action: 'enrolment.attendance',
        resourceType: 'enrolment',
        resourceId: enrolment.id,
        details: { attended: input.attended, version: enrolment.version },
      });
      return enrolment;
    });
  }

  complete(viewer: Viewer, id: string, input: CompleteDto): Promise<Enrolment> {
    return this.dataSource.transaction(async (manager) => {
      const { enrolment, session, course, actor } = await this.organizing(manager, viewer, id);
      if (enrolment.attended !== true) {
        throw new Conflict('attendance-not-recorded', 'Record the officer as having attended before completing the enrolment.');
      }
      const completedOn = input.completedOn ?? new Date().toISOString().slice(0, 10);
      assertRecordedDay('completedOn', completedOn, { startsAt: session.startsAt, code: 'notBeforeSessionStart', what: 'the session' });
      const certificate = await this.certificates.issue(manager, enrolment, session, course, actor, completedOn);
      Object.assign(enrolment, { status: 'completed', completedOn, certificateId: certificate.id, version: enrolment.version + 1 });
      await manager.save(enrolment);
      await this.change.record(manager, actor, {
        event: EnrolmentCompletedEvent,
        subject: enrolment.id,
        data: { ...enrolmentState(enrolment, session, course, actor.officerId), completedOn, certificateId: certificate.id },
        version: enrolment.version,
      });
      return enrolment;
    });
  }

  async get(viewer: Viewer, id: string): Promise<Enrolment> {
    const manager = this.dataSource.manager;
    const enrolment = await manager.findOneBy(Enrolment, { id });
    const session = enrolment && (await manager.findOneBy(Session, { id: enrolment.sessionId }));
    if (!enrolment || !session || !maySeeEnrolment(viewer, enrolment, session, await this.administers(viewer, enrolment, manager))) throw new NotFound('enrolment');
    return enrolment;
  }

  /** The same rule as maySeeEnrolment, in SQL before the page: an admin's officers are those the registry has in their organization now. */
  list(viewer: Viewer, query: ListEnrolmentsQuery): Promise<Page<Enrolment>> {
    const sessionVisible = visibilityPredicate(viewer, visibilityColumns('session'));
    const select = this.dataSource
      .getRepository(Enrolment)
      .createQueryBuilder('enrolment')
      .innerJoin(Session, 'session', 'session.id = enrolment.session_id')
      .where(
        `(enrolment.officer_id = :me OR (:org = ANY(session.organizers) AND ${sessionVisible.sql})
          OR (:admin AND enrolment.organization_id = :org
              AND EXISTS (SELECT 1 FROM registry_officers officer WHERE officer.id = enrolment.officer_id AND officer.organization_id = :org)))`,
        { me: viewer.officerId, org: viewer.organizationId, admin: isAdmin(viewer), ...sessionVisible.params },
      );
    if (query.sessionId) select.andWhere('enrolment.session_id = :sessionId', { sessionId: query.sessionId });
    if (query.officerId) select.andWhere('enrolment.officer_id = :officerId', { officerId: query.officerId });
    if (query.status) select.andWhere('enrolment.status = :status', { status: query.status });
    return paginate(select, 'enrolment', query);
  }

  /** The enrolment and its session, the session locked first, as every change of seats does; 404 unless the caller may see it. */
  private async lockedEnrolment(
    manager: EntityManager,
    viewer: Viewer,
    id: string,
  ): Promise<{ enrolment: Enrolment; session: Session; course: Course; actor: Actor; administers: boolean }> {
    const found = await manager.findOneBy(Enrolment, { id });
    if (!found) throw new NotFound('enrolment');
    const { session, course } = await this.sessions.lock(manager, found.sessionId);
    const enrolment = await manager.findOneOrFail(Enrolment, { where: { id }, lock: { mode: 'pessimistic_write' } });
    const administers = await this.administers(viewer, enrolment, manager);
    if (!maySeeEnrolment(viewer, enrolment, session, administers)) throw new NotFound('enrolment');
    const actor = await this.actors.of(viewer, manager);
    return { enrolment, session, course, actor, administers };
  }

  /**
   * Whether the caller is an admin of the officer's organization: the one the enrolment was made
   * for, and the registry's for the officer now. An officer who moved leaves both admins out: the
   * former administers them no more, the new one may not see a session open to the former.
   */
  private async administers(viewer: Viewer, enrolment: Enrolment, manager: EntityManager): Promise<boolean> {
    const organization = viewer.organizationId.toLowerCase();
    if (!isAdmin(viewer) || enrolment.organizationId !== organization) return false;
    const officer = await this.registry.officer(enrolment.officerId, manager);
    return officer?.organizationId.toLowerCase() === organization;
  }

  /** Attendance and completion: organizers only, of a confirmed enrolment (so of a session not cancelled) that has begun. */
  private async organizing(manager: EntityManager, viewer: Viewer, id: string) {
    const locked = await this.lockedEnrolment(manager, viewer, id);
    if (!isOrganizer(locked.session, locked.actor.organizationId)) throw new Forbidden('not-organizer', 'Only officers of the organizing organizations record attendance and completion.');
    if (locked.enrolment.status !== 'confirmed') throw new Conflict('not-confirmed', `The enrolment is ${locked.enrolment.status}, not confirmed.`);
    // nobody has attended a session that has not begun; its start no longer moves once it has
    if (locked.session.startsAt.getTime() > Date.now()) {
      throw new Conflict('session-not-started', 'The session has not started: attendance and completion are recorded once it has begun.');
    }
    return locked;
  }
}

/** An enrolment is seen by its officer, the session's organizers and the admins who administer its officer (EnrolmentsService.administers). */
function maySeeEnrolment(viewer: Viewer, enrolment: Enrolment, session: Session, administers: boolean): boolean {
  return (
    enrolment.officerId === viewer.officerId.toLowerCase() ||
    (isOrganizer(session, viewer.organizationId) && canSee(viewer, classifiedOfSession(session))) ||
    administers
  );
}
