import type { ServiceDefinition } from '@liaison/kit';
import { CapacityBuildingConfig } from './config';
import { MilestoneDelays } from './milestone/milestone-delays';
import { Milestone } from './milestone/milestone.entity';
import { MilestonesController } from './milestone/milestones.controller';
import { MilestonesService } from './milestone/milestones.service';
import { capacityBuildingMigrations } from './migrations';
import { Followers } from './programme/followers';
import { Programme, ProgrammeFollower } from './programme/programme.entity';
import { ProgrammeWriters } from './programme/programme-writers';
import { ProgrammesController } from './programme/programmes.controller';
import { ProgrammesService } from './programme/programmes.service';

/**
 * The capacity-building service: programmes with partner organizations, their milestones (late
 * ones flagged once by a scheduled check) and their followers, with its read model of the
 * registry kept from the organizations events. Started alone by main.ts, or mounted by the
 * standalone host.
 */
export const capacityBuildingService: ServiceDefinition<CapacityBuildingConfig> = {
  name: 'capacity-building',
  title: 'Liaison — capacity-building',
  description:
    'Capacity-building programmes of the UN with regional organizations (mediation-specific or comprehensive, by focus area) and their milestones; late milestones are marked delayed once. Officers who take part follow a programme. Every read applies the classification rule (TLP 2.0): what the caller may not see is a 404 and never listed or counted.',
  entities: [Programme, ProgrammeFollower, Milestone],
  migrations: capacityBuildingMigrations,
  registry: true,
  controllers: [ProgrammesController, MilestonesController],
  providers: [ProgrammesService, ProgrammeWriters, Followers, MilestonesService, MilestoneDelays],
};
