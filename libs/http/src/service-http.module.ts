import { DynamicModule, InjectionToken, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { HealthController, READINESS_CHECKS, ReadinessCheck } from './health';
import { IdempotencyInterceptor } from './idempotency';
import { createMetricsRegistry, HttpMetrics, METRICS_REGISTRY, MetricsController } from './metrics';
import { OUTAGE_TEST, type OutageTest, ProblemDetailsFilter } from './problem-details.filter';
import { rateLimitKey, WindowedRateLimitCounts } from './rate-limit';
import { createValidationPipe } from './validation.pipe';

export interface ServiceHttpOptions {
  service: string;
  /** requests per minute per client address */
  rateLimitPerMinute?: number;
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
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'default', ttl: 60_000, limit: options.rateLimitPerMinute ?? 6000 }],
          storage: new WindowedRateLimitCounts(),
          generateKey: rateLimitKey,
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: METRICS_REGISTRY, useValue: createMetricsRegistry(options.service) },
        HttpMetrics,
        options.readiness
          ? { provide: READINESS_CHECKS, inject: options.readiness.inject, useFactory: options.readiness.useFactory }
          : { provide: READINESS_CHECKS, useValue: [] },
        { provide: OUTAGE_TEST, useValue: options.isOutage ?? (() => false) },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
      exports: [METRICS_REGISTRY, HttpMetrics],
    };
  }
}
