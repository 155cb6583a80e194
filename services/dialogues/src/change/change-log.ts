import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Classified, createEvent, EventDefinition } from '@liaison/contracts';
import { AuditTrail, Viewer } from '@liaison/auth';
import { Outbox } from '@liaison/messaging';

export interface Change<T extends Classified> {
  event: EventDefinition<T>;
  /** aggregate id */
  subject: string;
  /** the full payload; its classification and origin become the envelope's */
  data: T;
  /** the aggregate's version after the change */
  version: number;
}

/**
 * Every write leaves two traces in its own transaction: the event, through the outbox, and the
 * audit entry. Either both commit with the change, or nothing does.
 */
@Injectable()
export class ChangeLog {
  constructor(
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
  ) {}

  async record<T extends Classified>(manager: EntityManager, actor: Viewer, change: Change<T>): Promise<void> {
    const event = createEvent(change.event, {
      subject: change.subject,
      data: change.data,
      classification: change.data.classification,
      originorg: change.data.originOrganizationId,
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
