import type { ServiceConfig } from '@liaison/http';
import type { ServiceDefinition } from '@liaison/kit';
import { CapacityBuildingConfig } from '../../capacity-building/src/config';
import { capacityBuildingService } from '../../capacity-building/src/capacity-building.module';
import { DialoguesConfig } from '../../dialogues/src/config';
import { dialoguesService } from '../../dialogues/src/dialogues.module';
import { NotificationsConfig } from '../../notifications/src/config';
import { notificationsService } from '../../notifications/src/notifications.module';
import { OrganizationsConfig } from '../../organizations/src/config';
import { organizationsService } from '../../organizations/src/organizations.module';
import { TrainingConfig } from '../../training/src/config';
import { trainingService } from '../../training/src/training.module';

export interface MountedService {
  definition: ServiceDefinition<any>;
  config: new () => ServiceConfig;
}

/**
 * The services the standalone host mounts, one line each, in start order: organizations first
 * (its first start writes the registry the others replay).
 */
export const STANDALONE_SERVICES: readonly MountedService[] = [
  { definition: organizationsService, config: OrganizationsConfig },
  { definition: dialoguesService, config: DialoguesConfig },
  { definition: capacityBuildingService, config: CapacityBuildingConfig },
  { definition: trainingService, config: TrainingConfig },
  { definition: notificationsService, config: NotificationsConfig },
];
