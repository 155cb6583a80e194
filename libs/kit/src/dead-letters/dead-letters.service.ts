import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, type Viewer } from '@liaison/auth';
import { Conflict, Forbidden, NotFound } from '@liaison/http';
import { type DeadLetter, DeadLetterNotReplayable, EventBus } from '@liaison/messaging';
import { UnAdministrators } from './un-administrators';

/** How many dead letters a list or a "replay all" looks at, at most. */
const MOST = 200;

/**
 * A service's dead letters, for operators (UN admins): list them, replay one or all after a fix,
 * or discard one with a reason. Each action is audited. A replay hands the event to this
 * service's own handler (the bus's replayDeadLetter), whose inbox makes it take effect once however
 * often it is replayed; one that fails again is listed again with its new error.
 */
@Injectable()
export class DeadLetters {
  constructor(
    private readonly service: string,
    private readonly bus: EventBus,
    private readonly administrators: UnAdministrators,
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async list(viewer: Viewer, limit = 100): Promise<DeadLetter[]> {
    await this.assertOperator(viewer);
    return this.own(Math.min(limit, MOST));
  }

  async replay(viewer: Viewer, id: string): Promise<void> {
    await this.assertOperator(viewer);
    const letter = await this.find(id);
    await this.replayOne(letter);
    await this.record(viewer, 'dead-letter.replayed', letter);
  }

  async replayAll(viewer: Viewer): Promise<number> {
    await this.assertOperator(viewer);
    const letters = await this.own(MOST);
    let replayed = 0;
    for (const letter of letters) {
      try {
        await this.replayOne(letter);
      } catch (error) {
        // one that cannot be replayed here (or was meanwhile) stays as it is; the rest go on
        if (error instanceof Conflict || error instanceof NotFound) continue;
        throw error;
      }
      await this.record(viewer, 'dead-letter.replayed', letter);
      replayed += 1;
    }
    return replayed;
  }

  async discard(viewer: Viewer, id: string, reason: string): Promise<void> {
    await this.assertOperator(viewer);
    const letter = await this.find(id);
    await this.bus.discardDeadLetter(letter.id);
    await this.record(viewer, 'dead-letter.discarded', letter, { reason });
  }

  private async replayOne(letter: DeadLetter): Promise<void> {
    try {
      await this.bus.replayDeadLetter(letter.id);
    } catch (error) {
      if (error instanceof DeadLetterNotReplayable) throw new Conflict('dead-letter-not-replayable', `${error.message}; discard it instead.`);
      // replayed or discarded by someone else since it was found
      if (!(await this.own(10_000)).some((candidate) => candidate.id === letter.id)) throw new NotFound('dead letter');
      throw error;
    }
  }

  /** This service's own: the dead letters of its consumers, not the other services'. */
  private async own(limit: number): Promise<DeadLetter[]> {
    const letters = await this.bus.listDeadLetters({ limit: 10_000 });
    return letters.filter((letter) => letter.consumer?.startsWith(`${this.service}__`)).slice(0, limit);
  }

  private async find(id: string): Promise<DeadLetter> {
    const letter = (await this.own(10_000)).find((candidate) => candidate.id === id);
    if (!letter) throw new NotFound('dead letter');
    return letter;
  }

  private async assertOperator(viewer: Viewer): Promise<void> {
    if (!(await this.administrators.isUnAdmin(viewer))) throw new Forbidden('un-admin-only', 'Only an administrator of the UN organization operates the dead letters.');
  }

  private record(viewer: Viewer, action: string, letter: DeadLetter, details: Record<string, unknown> = {}): Promise<unknown> {
    return this.dataSource.transaction((manager) =>
      this.audit.record(manager, {
        actor: viewer,
        action,
        resourceType: 'dead-letter',
        resourceId: letter.event?.id ?? null,
        details: { deadLetter: letter.id, consumer: letter.consumer, subject: letter.subject, ...details },
      }),
    );
  }
}
