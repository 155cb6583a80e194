import { type DynamicModule, type LoggerService, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { NestPinoLogger } from './logging';

/**
 * The service's JSON log, for what its providers say outside a request (relays, workers, start
 * steps): each line names the service and the class that wrote it. Injected rather than Nest's
 * static `Logger`, which is one per thread: where several services share a process (the
 * standalone host), every line of a static `Logger` would name the service built last.
 */
export class ServiceLog {
  constructor(readonly logger: Logger) {}

  /** Nest's logger interface, its lines written by `context` (a class name). */
  for(context: string): LoggerService {
    return new NestPinoLogger(this.logger, context);
  }
}

/** Makes the service's `ServiceLog` injectable in all its modules. */
@Module({})
export class ServiceLogModule {
  static forRoot(log: ServiceLog): DynamicModule {
    return { module: ServiceLogModule, global: true, providers: [{ provide: ServiceLog, useValue: log }], exports: [ServiceLog] };
  }
}
