import 'reflect-metadata';
import { runMigrate } from '@liaison/kit';
import { capacityBuildingService } from './capacity-building.module';
import { CapacityBuildingConfig } from './config';

/** `nx run capacity-building:migrate`: runs pending migrations and exits; the service also runs them at start. */
runMigrate(capacityBuildingService, CapacityBuildingConfig, process.env);
