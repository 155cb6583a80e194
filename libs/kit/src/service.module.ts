import { DynamicModule, Module, type Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EVENT_CATALOG } from '@liaison/contracts';
import { AuditEntry, AuditTrail, authMigrations, AuthModule } from '@liaison/auth';
import { eventStreamOptions, httpMigrations, IdempotencyRecord, ServiceConfig, ServiceHttpModule, ServiceLog, ServiceLogModule } from '@liaison/http';
import { EventBus, InboxRecord, messagingMigrations, MessagingModule, OutboxRecord, type OutboxRelayOptions } from '@liaison/messaging';
import { isDatabaseUnavailable, postgresDataSourceOptions } from '@liaison/persistence';
import { registryEntities, registryMigrations, RegistryOfficerStanding, RegistryReplicaModule } from '@liaison/registry';
import { deadLettersController } from './dead-letters/dead-letters.controller';
import { DeadLetters } from './dead-letters/dead-letters.service';
import { RegistryUnAdministrators, UnAdministrators } from './dead-letters/un-administrators';
import type { ServiceDefinition } from './service-definition';
import { Actors } from './write/actors';
import { ChangeLog } from './write/change-log';
import { RegistryReferences } from './write/registry-references';

export interface ServiceModuleOptions {
  /**
   * The event bus to use instead of connecting to NATS (the standalone host's in-process bus,
   * shared by every service in the process).
   */
  bus?: EventBus;
  /**
   * the outbox relay's options, over those of the config (the standalone host keeps its registry's
   * history); `enabled: false` builds the service without its relay (another replica relays)
   */
  relay?: OutboxRelayOptions & { enabled?: boolean };
  /** the service's own config object, injectable by its providers under its class */
  configToken?: Function;
}

/** The entities every service has besides its own: outbox, inbox, audit, idempotency (and the registry read model). */
export function serviceEntities(definition: ServiceDefinition<any>) {
  return [
    ...(definition.entities as Function[]),
    ...(definition.registry ? registryEntities : []),
    OutboxRecord,
    InboxRecord,
    AuditEntry,
    IdempotencyRecord,
  ];
}

/** The shared libs' migrations first, then the service's own, in order. */
export function serviceMigrations(definition: ServiceDefinition<any>): Function[] {
  return [
    ...messagingMigrations,
    ...authMigrations,
    ...httpMigrations,
    ...(definition.registry ? registryMigrations : []),
    ...definition.migrations,
  ];
}

/**
 * A whole service as one Nest module, built from its definition and its validated config:
 * persistence, HTTP (problem details, validation, paging, Idempotency-Key, logs, metrics,
 * health), auth, messaging with every stream option of the config, the registry read model,
 * and the write kit (actors, registry references, change log). Booted alone by `startService`,
 * or mounted by the standalone host with its shared bus.
 */
@Module({})
export class ServiceModule {
  /** `options.log`: the service's log, the one its application logs to (createServiceApp makes it) */
  static forRoot<C extends ServiceConfig>(definition: ServiceDefinition<C>, config: C, options: ServiceModuleOptions & { log: ServiceLog }): DynamicModule {
    definition.assertAtBoot?.();
    const standing = definition.registry ? RegistryOfficerStanding : definition.officerStanding;
    if (!standing) {
      throw new Error(`${definition.name}: say where officers' standing is read (registry: true, or officerStanding), so that tokens follow the registry.`);
    }
    const writeKit: Provider[] = [ChangeLog, ...(definition.registry ? [Actors, RegistryReferences] : [])];
    const { log } = options;
    return {
      module: ServiceModule,
      imports: [
        ServiceLogModule.forRoot(log),
        TypeOrmModule.forRoot(
          postgresDataSourceOptions({
            url: config.databaseUrl,
            poolSize: config.databasePoolSize,
            applicationName: `liaison-${definition.name}`,
            entities: serviceEntities(definition),
            migrations: serviceMigrations(definition),
          }),
        ),
        ServiceHttpModule.forRoot({
          service: definition.name,
          rateLimitPerMinute: config.rateLimitPerMinute,
          idempotencyTtlHours: config.idempotencyTtlHours,
          readiness: { inject: [EventBus], useFactory: (bus: EventBus) => [{ name: 'events', isReady: () => bus.isConnected() }] },
          isOutage: isDatabaseUnavailable,
        }),
        AuthModule.forRoot({
          jwtSecret: config.jwtSecret,
          jwksUrl: config.jwksUrl,
          standing,
          ...(definition.tokenLifetimeSeconds ? { tokenExpiresInSeconds: definition.tokenLifetimeSeconds(config) } : {}),
        }),
        MessagingModule.forRoot({
          service: definition.name,
          ...eventStreamOptions(config),
          // consumed events are validated against their payload classes; what does not validate is a dead letter
          catalog: EVENT_CATALOG,
          bus: options.bus,
          relay: { retainSentMs: config.outboxRetentionHours * 60 * 60 * 1000, ...options.relay },
          log: (context) => log.for(context),
        }),
        ...(definition.registry ? [RegistryReplicaModule] : []),
        ...(definition.imports ?? []),
      ],
      controllers: [...(definition.controllers ?? []), deadLettersController(definition.name)],
      providers: [
        { provide: options.configToken ?? config.constructor, useValue: config },
        ...writeKit,
        // operators: who may (UN admins, from the registry read model unless the service says), and the dead letters
        ...(definition.registry ? [{ provide: UnAdministrators, useClass: RegistryUnAdministrators }] : []),
        {
          provide: DeadLetters,
          inject: [EventBus, UnAdministrators, DataSource, AuditTrail],
          useFactory: (bus: EventBus, administrators: UnAdministrators, dataSource: DataSource, audit: AuditTrail) =>
            new DeadLetters(definition.name, bus, administrators, dataSource, audit),
        },
        ...(typeof definition.providers === 'function' ? definition.providers(config) : (definition.providers ?? [])),
      ],
      exports: [...writeKit, ...(definition.exports ?? [])],
    };
  }
}
