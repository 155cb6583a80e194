// Real: Postgres and NATS JetStream; the service started as in production.
import { describeStreamOptions } from '@liaison/testing';
import { capacityBuildingService } from '../src/capacity-building.module';
import { CapacityBuildingConfig } from '../src/config';

describeStreamOptions(capacityBuildingService, CapacityBuildingConfig);
