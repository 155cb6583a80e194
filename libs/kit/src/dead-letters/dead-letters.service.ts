import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, type Viewer } from '@liaison/auth';
import { Conflict, Forbidden, NotFound } from '@liaison/http';
import { type DeadLetter, DeadLetterNotReplayable, type DeadLetterPosition, EventBus } from '@liaison/messaging';
import { UnAdministrators } from './un-administrators';

/** How many dead letters one read of the bus takes, when a replay or a search goes through them all. */
const BATCH = 200;

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

  /** One page, oldest first: the letters after `after`, and one more than `limit` if more follow. */
  async list(viewer: Viewer, limit: number, after?: DeadLetterPosition): Promise<DeadLetter[]> {
    await this.assertOperator(viewer);
    return this.bus.listDeadLetters({ service: this.service, after, limit });
  }

  async replay(viewer: Viewer, id: string): Promise<void> {
    await this.assertOperator(viewer);
    const letter = await this.find(id);
    await this.replayOne(letter);
    await this.record(viewer, 'dead-letter.replayed', letter);
  }

  /**
   * Replays every dead letter of the service, page after page. One that fails again is set aside
   * anew further on: it is not tried twice in one call.
   */
  async replayAll(viewer: Viewer): Promise<number> {
    await this.assertOperator(viewer);
    const tried = new Set<string>();
    let replayed = 0;
    for await (const letter of this.all()) {
      const key = `${letter.consumer}:${letter.event?.id ?? letter.id}`;
      if (tried.has(key)) continue;
      tried.add(key);
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
      if (!(await this.lookUp(letter.id))) throw new NotFound('dead letter');
      throw error;
    }
  }

  /** This service's own dead letters (its consumers', not the other services'), oldest first. */
  private async *all(): AsyncGenerator<DeadLetter> {
    let after: DeadLetterPosition | undefined;
    for (;;) {
      const page = await this.bus.listDeadLetters({ service: this.service, after, limit: BATCH });
      yield* page;
      if (page.length < BATCH) return;
      after = page[page.length - 1];
    }
  }

  private async lookUp(id: string): Promise<DeadLetter | undefined> {
    for await (const letter of this.all()) if (letter.id === id) return letter;
    return undefined;
  }

  private async find(id: string): Promise<DeadLetter> {
    const letter = await this.lookUp(id);
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
