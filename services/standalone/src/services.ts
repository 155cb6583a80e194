import type { Type } from '@nestjs/common';
import type { ServiceConfig } from '@liaison/http';
import type { ServiceDefinition } from '@liaison/kit';
import { CapacityBuildingConfig } from '../../capacity-building/src/config';
import { capacityBuildingService } from '../../capacity-building/src/capacity-building.module';
import { MilestoneDelays } from '../../capacity-building/src/milestone/milestone-delays';
import { DialoguesConfig } from '../../dialogues/src/config';
import { dialoguesService } from '../../dialogues/src/dialogues.module';
import { NotificationsConfig } from '../../notifications/src/config';
import { DigestScheduler } from '../../notifications/src/email/digest-scheduler';
import { EmailWorker } from '../../notifications/src/email/email-worker';
import { notificationsService } from '../../notifications/src/notifications.module';
import { OrganizationsConfig } from '../../organizations/src/config';
import { organizationsService } from '../../organizations/src/organizations.module';
import { TrainingConfig } from '../../training/src/config';
import { trainingService } from '../../training/src/training.module';
import { SecretResealing } from '../../notifications/src/webhooks/secret-resealing';
import { WebhookWorker } from '../../notifications/src/webhooks/webhook-worker';

export interface MountedService {
  definition: ServiceDefinition<any>;
  config: new () => ServiceConfig;
  /**
   * Its providers that work in the background from the application's start (loops over its
   * tables, a check at start), safe with replicas. They run on the delivery thread only, beside
   * the consumers that wake them (a fan-out wakes the e-mail and webhook workers in memory); the
   * HTTP thread's application keeps them idle.
   */
  background?: Type[];
}

/**
 * The services the standalone host mounts, one line each, in start order: organizations first
 * (its first start writes the registry the others replay).
 */
export const STANDALONE_SERVICES: readonly MountedService[] = [
  { definition: organizationsService, config: OrganizationsConfig },
  { definition: dialoguesService, config: DialoguesConfig },
  { definition: capacityBuildingService, config: CapacityBuildingConfig, background: [MilestoneDelays] },
  { definition: trainingService, config: TrainingConfig },
  { definition: notificationsService, config: NotificationsConfig, background: [EmailWorker, WebhookWorker, DigestScheduler, SecretResealing] },
];
