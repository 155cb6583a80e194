import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import {
  DeskClosed,
  DeskClosedEvent,
  DeskOpenedEvent,
  DeskState,
  DeskUpdatedEvent,
  LiaisonEvent,
  OfficerJoinedEvent,
  OfficerLeft,
  OfficerLeftEvent,
  OfficerState,
  OfficerUpdatedEvent,
  OrganizationRegisteredEvent,
  OrganizationState,
  OrganizationUpdatedEvent,
} from '@liaison/contracts';
import { EventContext, Inbox } from '@liaison/messaging';
import { RegistryReplica } from './registry-replica';

/**
 * The subjects a registry replica is built from: a replica on a new database replays them from
 * the start, so where the outbox is the only history (the standalone host) they are kept.
 */
export const REGISTRY_SUBJECTS: readonly string[] = [
  OrganizationRegisteredEvent,
  OrganizationUpdatedEvent,
  DeskOpenedEvent,
  DeskUpdatedEvent,
  DeskClosedEvent,
  OfficerJoinedEvent,
  OfficerUpdatedEvent,
  OfficerLeftEvent,
].map((definition) => definition.subject);

/** The organizations events, each applied once (inbox) in the transaction that records it. */
@Controller()
export class RegistryEventsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: Inbox,
    private readonly replica: RegistryReplica,
  ) {}

  @EventPattern<string>(OrganizationRegisteredEvent.subject)
  onOrganizationRegistered(@Payload() event: LiaisonEvent<OrganizationState>, @Ctx() context: EventContext) {
    return this.once(event, context, (manager) => this.replica.applyOrganization(manager, event));
  }

  @EventPattern<string>(OrganizationUpdatedEvent.subject)
  onOrganizationUpdated(@Payload() event: LiaisonEvent<OrganizationState>, @Ctx() context: EventContext) {
    return this.once(event, context, (manager) => this.replica.applyOrganization(manager, event));
  }

  @EventPattern<string>(DeskOpenedEvent.subject)
  onDeskOpened(@Payload() event: LiaisonEvent<DeskState>, @Ctx() context: EventContext) {
    return this.once(event, context, (manager) => this.replica.applyDesk(manager, event));
  }

  @EventPattern<string>(DeskUpdatedEvent.subject)
  onDeskUpdated(@Payload() event: LiaisonEvent<DeskState>, @Ctx() context: EventContext) {
    return this.once(event, context, (manager) => this.replica.applyDesk(manager, event));
  }

  @EventPattern<string>(DeskClosedEvent.subject)
  onDeskClosed(@Payload() event: LiaisonEvent<DeskClosed>, @Ctx() context: EventContext) {
    return this.once(event, context, (manager) => this.replica.closeDesk(manager, event));
  }

  @EventPattern<string>(OfficerJoinedEvent.subject)
  onOfficerJoined(@Payload() event: LiaisonEvent<OfficerState>, @Ctx() context: EventContext) {
    return this.once(event, context, (manager) => this.replica.applyOfficer(manager, event));
  }

  @EventPattern<string>(OfficerUpdatedEvent.subject)
  onOfficerUpdated(@Payload() event: LiaisonEvent<OfficerState>, @Ctx() context: EventContext) {
    return this.once(event, context, (manager) => this.replica.applyOfficer(manager, event));
  }

  @EventPattern<string>(OfficerLeftEvent.subject)
  onOfficerLeft(@Payload() event: LiaisonEvent<OfficerLeft>, @Ctx() context: EventContext) {
    return this.once(event, context, (manager) => this.replica.officerLeft(manager, event));
  }

  private async once(event: LiaisonEvent, context: EventContext, apply: Parameters<Inbox['handleOnce']>[3]): Promise<void> {
    await this.inbox.handleOnce(this.dataSource, context.consumer, event, apply);
  }
}
