export * from './wire-names';
export * from './event-bus';
export * from './delegating-bus';
export { OutboxRecord } from './outbox/outbox-record.entity';
export { Outbox } from './outbox/outbox';
export { OutboxRelay, type OutboxRelayOptions } from './outbox/outbox-relay';
export { InboxRecord } from './inbox/inbox-record.entity';
export { Inbox, type InboxEffect, type InboxOutcome, type InboxStep, type InboxTransaction, type StepShare, joinStep } from './inbox/inbox';
export {
  CreateDeadLetters1796299200000,
  CreateInbox1767225600001,
  CreateOutbox1767225600000,
  OutboxEventAsText1767744000000,
  messagingEntities,
  messagingMigrations,
} from './migrations';
export { provisionStreams, settledStreamConfig, verifyStreams, type StreamOptions } from './jetstream/provision-streams';
export { JetStreamBus, type JetStreamBusOptions, type NatsCredentials } from './jetstream/jetstream-bus';
export { type EventHistory, type HistoricEvent, InProcessBus, type InProcessBusOptions } from './in-process/in-process-bus';
export { type DeadLetterStore, MemoryDeadLetters, type NewDeadLetter } from './in-process/dead-letter-store';
export { PostgresDeadLetters } from './in-process/postgres-dead-letters';
export { EventContext } from './transport/event-context';
export { assertValidEvent } from './transport/payload-validation';
export { EventHandlerErrorFilter, EventTransport, type EventTransportOptions } from './transport/event-transport';
export {
  MESSAGING_OPTIONS,
  MessagingModule,
  type MessagingModuleOptions,
  connectEventConsumers,
  createEventTransport,
} from './messaging.module';
