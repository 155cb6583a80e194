import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Classified, createEvent, EventDefinition, LiaisonEvent } from '@liaison/contracts';
import { AuditTrail, NewAuditEntry, Viewer } from '@liaison/auth';
import { currentRequestContext } from '@liaison/http';
import { Outbox } from '@liaison/messaging';
import type { OneStatementWrite } from '@liaison/persistence';

export interface Change<T extends Classified> {
  event: EventDefinition<T>;
  /** aggregate id */
  subject: string;
  /** the full payload; its classification and origin become the envelope's */
  data: T;
  /** the aggregate's version after the change */
  version: number;
}

/** A change's two traces, made but not yet written. */
export interface Traces<T> {
  event: LiaisonEvent<T>;
  audit: NewAuditEntry;
}

/**
 * Every write leaves two traces in its own transaction: the event, through the outbox, and the
 * audit entry. Either both commit with the change, or nothing does: in the change's transaction
 * (`record`, `recordAll`), or in the one statement that writes it (`recordAllIn`).
 */
@Injectable()
export class ChangeLog {
  constructor(
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
  ) {}

  async record<T extends Classified>(manager: EntityManager, actor: Viewer, change: Change<T>): Promise<void> {
    await this.recordAll(manager, change.event, [this.traces(actor, change)]);
  }

  /**
   * The traces of a change, carrying the request id and trace of the current async context:
   * where changes are written in a batch on behalf of several requests, make each one's traces
   * in its own request's context (GroupCommit's `inCallerContext`), then `recordAll` them.
   */
  traces<T extends Classified>(actor: Viewer, change: Change<T>): Traces<T> {
    const event = createEvent(change.event, {
      subject: change.subject,
      data: change.data,
      classification: change.data.classification,
      originorg: change.data.originOrganizationId,
      sequence: change.version,
    });
    const context = currentRequestContext();
    return {
      event,
      audit: {
        actor,
        action: `${change.event.aggregate}.${change.event.verb}`,
        resourceType: change.event.aggregate,
        resourceId: change.subject,
        details: { eventId: event.id, version: change.version },
        requestId: context?.requestId ?? null,
        traceparent: context?.traceparent ?? null,
      },
    };
  }

  /** Changes of one kind in one statement per trace, whatever their number. */
  async recordAll<T extends Classified>(manager: EntityManager, definition: EventDefinition<T>, traces: readonly Traces<T>[]): Promise<void> {
    await this.outbox.publishMany(manager, definition, traces.map((trace) => trace.event));
    await this.audit.recordMany(manager, traces.map((trace) => trace.audit));
  }

  /** The same traces as parts of the one statement that writes the changes themselves. */
  recordAllIn<T extends Classified>(write: OneStatementWrite, manager: EntityManager, definition: EventDefinition<T>, traces: readonly Traces<T>[]): void {
    this.outbox.recordIn(write, definition, traces.map((trace) => trace.event));
    this.audit.recordIn(write, manager, traces.map((trace) => trace.audit));
  }
}
