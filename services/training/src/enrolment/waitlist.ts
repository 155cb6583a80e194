import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EnrolmentConfirmedEvent } from '@liaison/contracts';
import type { Viewer } from '@liaison/auth';
import { ChangeLog } from '@liaison/kit';
import type { Course } from '../course/course.entity';
import type { Session } from '../session/session.entity';
import { Enrolment, SEATED } from './enrolment.entity';
import { enrolmentState } from './enrolment.view';

/**
 * Seats and the waitlist of one session. Every caller holds the session's row lock (SELECT … FOR
 * UPDATE) in its transaction, so counts read here cannot change under it, on any replica: seats
 * are decided by count, never oversold, and the waitlist keeps arrival order.
 */
@Injectable()
export class Waitlist {
  constructor(private readonly change: ChangeLog) {}

  async seated(manager: EntityManager, sessionId: string): Promise<number> {
    return manager.getRepository(Enrolment).createQueryBuilder('e')
      .where('e.session_id = :sessionId AND e.status IN (:...seated)', { sessionId, seated: SEATED })
      .getCount();
  }

  async waiting(manager: EntityManager, sessionId: string): Promise<number> {
    return manager.countBy(Enrolment, { sessionId, status: 'waitlisted' });
  }

  /**
   * Gives free seats to the first on the waitlist, in order, each publishing enrolment.confirmed,
   * and closes the gaps in the positions of those still waiting. Once the session has started a
   * freed seat stays free: nobody joins a course half-way, and those waiting keep their places.
   */
  async fillSeats(manager: EntityManager, session: Session, course: Course, actor: Viewer): Promise<Enrolment[]> {
    const started = session.startsAt.getTime() <= Date.now();
    const free = started ? 0 : session.seats - (await this.seated(manager, session.id));
    const promoted =
      free > 0
        ? await manager.find(Enrolment, { where: { sessionId: session.id, status: 'waitlisted' }, order: { waitlistPosition: 'ASC' }, take: free })
        : [];
    for (const enrolment of promoted) {
      Object.assign(enrolment, { status: 'confirmed', waitlistPosition: null, version: enrolment.version + 1 });
      await manager.save(enrolment);
      await this.change.record(manager, actor, {
        event: EnrolmentConfirmedEvent,
        subject: enrolment.id,
        data: enrolmentState(enrolment, session, course, actor.officerId),
        version: enrolment.version,
      });
    }
    await this.renumber(manager, session.id);
    return promoted;
  }

  /** Positions 1, 2, 3… in the order they were, after someone left the waitlist. */
  async renumber(manager: EntityManager, sessionId: string): Promise<void> {
    await manager.query(
      `UPDATE enrolments e SET waitlist_position = r.position
         FROM (SELECT id, row_number() OVER (ORDER BY waitlist_position, created_at, id)::int AS position
                 FROM enrolments WHERE session_id = $1 AND status = 'waitlisted') r
        WHERE e.id = r.id AND e.waitlist_position <> r.position`,
      [sessionId],
    );
  }
}
