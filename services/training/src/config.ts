import { ServiceConfig } from '@liaison/http';

/**
 * Every variable the training service reads: the common ones of ServiceConfig (nothing of its
 * own yet). Nothing else in the service reads process.env.
 */
export class TrainingConfig extends ServiceConfig {
  override port = 3004;
}
