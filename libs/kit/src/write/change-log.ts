import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Classification, createEvent, EventDefinition, LiaisonEvent } from '@liaison/contracts';
import { AuditTrail, MaybeViewer, NewAuditEntry } from '@liaison/auth';
import { currentRequestContext } from '@liaison/http';
import { Outbox } from '@liaison/messaging';
import type { OneStatementWrite } from '@liaison/persistence';

/** Who may see a change, as its envelope says (the CloudEvents `classification` and `originorg`). */
export interface ChangeReach {
  classification: Classification;
  originOrganizationId: string;
}

export interface Change<T> {
  event: EventDefinition<T>;
  /** aggregate id */
  subject: string;
  data: T;
  /** the aggregate's version after the change */
  version: number;
  /** required unless the payload is classified itself (carries classification and originOrganizationId) */
  reach?: ChangeReach;
}

/** A change's two traces, made but not yet written. */
export interface Traces<T> {
  event: LiaisonEvent<T>;
  audit: NewAuditEntry;
}

/**
 * Every write leaves two traces in its own transaction: the event, through the outbox, and the
 * audit entry (one shape in every service, with the request id and trace). Either both commit
 * with the change, or nothing does: in the change's transaction (`record`, `recordAll`), or in
 * the one statement that writes it (`recordAllIn`).
 */
@Injectable()
export class ChangeLog {
  constructor(
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
  ) {}

  async record<T>(manager: EntityManager, actor: MaybeViewer, change: Change<T>): Promise<void> {
    await this.recordAll(manager, change.event, [this.traces(actor, change)]);
  }

  /**
   * The traces of a change, carrying the request id and trace of the current async context:
   * where changes are written in a batch on behalf of several requests, make each one's traces
   * in its own request's context (GroupCommit's `inCallerContext`), then `recordAll` them.
   */
  traces<T>(actor: MaybeViewer, change: Change<T>): Traces<T> {
    const reach = change.reach ?? reachOf(change.data, change.event);
    const event = createEvent(change.event, {
      subject: change.subject,
      data: change.data,
      classification: reach.classification,
      originorg: reach.originOrganizationId,
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
  async recordAll<T>(manager: EntityManager, definition: EventDefinition<T>, traces: readonly Traces<T>[]): Promise<void> {
    await this.outbox.publishMany(manager, definition, traces.map((trace) => trace.event));
    await this.audit.recordMany(manager, traces.map((trace) => trace.audit));
  }

  /** The same traces as parts of the one statement that writes the changes themselves. */
  recordAllIn<T>(write: OneStatementWrite, manager: EntityManager, definition: EventDefinition<T>, traces: readonly Traces<T>[]): void {
    this.outbox.recordIn(write, definition, traces.map((trace) => trace.event));
    this.audit.recordIn(write, manager, traces.map((trace) => trace.audit));
  }
}

function reachOf(data: unknown, definition: EventDefinition<unknown>): ChangeReach {
  const classified = data as Partial<ChangeReach> | null;
  if (!classified?.classification || !classified.originOrganizationId) {
    throw new Error(`${definition.type} carries no classification of its own: give the change its reach`);
  }
  return { classification: classified.classification, originOrganizationId: classified.originOrganizationId };
}
