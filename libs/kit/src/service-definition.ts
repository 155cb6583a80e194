import type { INestApplication, Provider, Type } from '@nestjs/common';
import type { ModuleMetadata } from '@nestjs/common';
import type { EntitySchema, MixedList } from 'typeorm';
import type { ServiceName } from '@liaison/contracts';
import type { OfficerStanding } from '@liaison/auth';
import type { ServiceConfig } from '@liaison/http';

/**
 * What a service states about itself; the kit builds everything else (persistence, HTTP,
 * auth, messaging, the registry read model) the same way for every service.
 */
export interface ServiceDefinition<C extends ServiceConfig = ServiceConfig> {
  /** the service's name: routes of its documents, NATS connection and consumer names, metrics */
  name: ServiceName;
  /** OpenAPI and AsyncAPI titles and description */
  title: string;
  description: string;
  /** the service's own entities; the kit adds outbox, inbox, audit, idempotency (and registry) */
  entities: MixedList<Function | string | EntitySchema>;
  /** the service's own migrations, in order; the kit runs the shared libs' migrations first */
  migrations: Function[];
  controllers?: Type[];
  /** its providers; a function when some are built from its config */
  providers?: Provider[] | ((config: C) => Provider[]);
  imports?: ModuleMetadata['imports'];
  exports?: ModuleMetadata['exports'];
  /**
   * Whether the service handles events: its handlers (and the registry's) get durable
   * consumers; consumed events are validated against the catalog's payload classes.
   */
  consumesEvents?: boolean;
  /**
   * keep a read model of organizations, desks and officers from their events; it is also where
   * the service reads officers' standing, so a token stops being honoured when the registry changes
   */
  registry?: boolean;
  /**
   * Where a service without the registry read model reads officers' standing (the organizations
   * service: its own officers table). Its dependencies must be global (the DataSource).
   */
  officerStanding?: Type<OfficerStanding>;
  /** the token issuer's lifetime, for the service that issues tokens */
  tokenLifetimeSeconds?: (config: C) => number;
  /** fails the boot, before anything connects, when the service's own invariants do not hold */
  assertAtBoot?: () => void;
  /** runs after the migrations, before the consumers and HTTP start (e.g. a first-start registry) */
  onStart?: (app: INestApplication, config: C) => Promise<void>;
}
