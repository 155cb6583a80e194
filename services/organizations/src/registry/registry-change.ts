import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Classification, createEvent, EventDefinition } from '@liaison/contracts';
import { AuditTrail, MaybeViewer } from '@liaison/auth';
import { Outbox } from '@liaison/messaging';

/** The registry is shared with every partner organization's officers, never the public. */
const REGISTRY_CLASSIFICATION: Classification = 'green';

export interface Change<T> {
  event: EventDefinition<T>;
  /** aggregate id */
  subject: string;
  data: T;
  /** the organization the change belongs to */
  organizationId: string;
  /** the aggregate's version after the change */
  version: number;
}

/**
 * Every registry write leaves two traces in its own transaction: the event, through the outbox,
 * and the audit entry. Either both commit with the change, or nothing does.
 */
@Injectable()
export class RegistryChange {
  constructor(
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
  ) {}

  async record<T>(manager: EntityManager, actor: MaybeViewer, change: Change<T>): Promise<void> {
    const event = createEvent(change.event, {
      subject: change.subject,
      data: change.data,
      classification: REGISTRY_CLASSIFICATION,
      originorg: change.organizationId,
      sequence: change.version,
    });
    await this.outbox.publish(manager, change.event, event);
    await this.audit.record(manager, {
      actor,
      action: `${change.event.aggregate}.${change.event.verb}`,
      resourceType: change.event.aggregate,
      resourceId: change.subject,
      details: { eventId: event.id, version: change.version },
    });
  }
}
