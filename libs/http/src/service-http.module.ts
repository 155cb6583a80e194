import { DynamicModule, InjectionToken, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { HealthController, READINESS_CHECKS, ReadinessCheck, ShutdownDrain } from './health';
import { IDEMPOTENCY_OPTIONS, IdempotencyInterceptor } from './idempotency';
import { createMetricsRegistry, HttpMetrics, METRICS_REGISTRY, MetricsController } from './metrics';
import { OUTAGE_TEST, type OutageTest, ProblemDetailsFilter } from './problem-details.filter';
import { rateLimitKey, SharedRateLimitCounts } from './rate-limit';
import { createValidationPipe } from './validation.pipe';

export interface ServiceHttpOptions {
  service: string;
  /** requests per minute per client address */
  rateLimitPerMinute?: number;
  /** how long an Idempotency-Key's first answer is kept (default 24 h) */
  idempotencyTtlHours?: number;
  /** what /health/ready checks besides the database, built from providers of the service */
  readiness?: { inject: InjectionToken[]; useFactory: (...dependencies: any[]) => ReadinessCheck[] };
  /** tells an outage of the service's database (answered 503 with Retry-After) from other errors */
  isOutage?: OutageTest;
}

/**
 * What every service's HTTP side has in common: problem details, validation, Idempotency-Key,
 * rate limits, health and metrics. The service's own module imports it once.
 */
@Module({})
export class ServiceHttpModule {
  static forRoot(options: ServiceHttpOptions): DynamicModule {
    return {
      module: ServiceHttpModule,
      imports: [
        TerminusModule,
        // counted in the service's database, so the limits hold for all its replicas together
        ThrottlerModule.forRootAsync({
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => ({
            throttlers: [{ name: 'default', ttl: 60_000, limit: options.rateLimitPerMinute ?? 6000 }],
            storage: new SharedRateLimitCounts(dataSource),
            generateKey: rateLimitKey,
          }),
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: METRICS_REGISTRY, useValue: createMetricsRegistry(options.service) },
        HttpMetrics,
        ShutdownDrain,
        options.readiness
          ? { provide: READINESS_CHECKS, inject: options.readiness.inject, useFactory: options.readiness.useFactory }
          : { provide: READINESS_CHECKS, useValue: [] },
        { provide: OUTAGE_TEST, useValue: options.isOutage ?? (() => false) },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: IDEMPOTENCY_OPTIONS, useValue: { ttlHours: options.idempotencyTtlHours ?? 24, inFlightLeaseSeconds: 60 } },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
      exports: [METRICS_REGISTRY, HttpMetrics, ShutdownDrain],
    };
  }
}
