import { Expose, Transform } from 'class-transformer';
import { IsInt, Min } from 'class-validator';
import { ServiceConfig, toInt } from '@liaison/http';

/**
 * Every variable the capacity-building service reads: the common ones of ServiceConfig, and how
 * often it looks for milestones that passed their due date. Nothing else in the service reads
 * process.env.
 */
export class CapacityBuildingConfig extends ServiceConfig {
  override port = 3003;

  /** how often each replica runs the check that marks late milestones `delayed` */
  @Expose({ name: 'MILESTONE_CHECK_MS' })
  @Transform(toInt)
  @IsInt()
  @Min(100)
  milestoneCheckMs = 60_000;
}
