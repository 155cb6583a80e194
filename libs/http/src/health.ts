import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from './public.decorator';

/** Something besides the database that must answer before the service takes traffic (NATS). */
export interface ReadinessCheck {
  name: string;
  isReady(): boolean | Promise<boolean>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Optional() @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[] = [],
  ) {}

  /** The process is up; an orchestrator restarts it when this fails. */
  @Public()
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** The database and the broker answer; a load balancer sends traffic only then. */
  @Public()
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 2000 }),
      ...(this.checks ?? []).map((check) => async () => {
        const indicator = this.indicators.check(check.name);
        return (await check.isReady()) ? indicator.up() : indicator.down();
      }),
    ]);
  }
}
