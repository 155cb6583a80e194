import { Controller, Get, Inject, Injectable, Optional } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from './public.decorator';

/**
 * Something besides the database the health detail reports (NATS). It never makes the service
 * unready: while the broker is away, the outbox keeps what the service writes.
 */
export interface ReadinessCheck {
  name: string;
  isReady(): boolean | Promise<boolean>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/** Set when the process is told to stop: readiness turns false while requests in flight finish. */
@Injectable()
export class ShutdownDrain {
  draining = false;
}

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly drain: ShutdownDrain,
    @Optional() @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[] = [],
  ) {}

  /** The process is up; an orchestrator restarts it when this fails. */
  @Public()
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /**
   * The database answers and the process is not stopping; a load balancer sends traffic only
   * then. The broker is in the detail (`events.connected`) without deciding it.
   */
  @Public()
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => (this.drain.draining ? this.indicators.check('shutdown').down({ draining: true }) : this.indicators.check('shutdown').up()),
      () => this.database.pingCheck('database', { timeout: 2000 }),
      ...(this.checks ?? []).map((check) => async () => this.indicators.check(check.name).up({ connected: await check.isReady() })),
    ]);
  }
}
