import 'reflect-metadata';
import { runService } from '@liaison/kit';
import { capacityBuildingService } from './capacity-building.module';
import { CapacityBuildingConfig } from './config';

runService(capacityBuildingService, CapacityBuildingConfig, process.env);
