import type { ServiceDefinition } from '@liaison/kit';
import { Brief } from './brief/brief.entity';
import { BriefsController } from './brief/briefs.controller';
import { BriefsService } from './brief/briefs.service';
import { DialoguesConfig } from './config';
import { Dialogue } from './dialogue/dialogue.entity';
import { DialoguesController } from './dialogue/dialogues.controller';
import { DialoguesService } from './dialogue/dialogues.service';
import { Initiative } from './initiative/initiative.entity';
import { InitiativesController } from './initiative/initiatives.controller';
import { InitiativesService } from './initiative/initiatives.service';
import { dialoguesMigrations } from './migrations';
import { Recommendation, RecommendationStatusChange } from './recommendation/recommendation.entity';
import { RecommendationsController } from './recommendation/recommendations.controller';
import { RecommendationsService } from './recommendation/recommendations.service';

/**
 * The dialogues service: dialogues and their recommendations, briefs and initiatives, with its
 * read model of the registry kept from the organizations events. Started alone by main.ts, or
 * mounted by the standalone host.
 */
export const dialoguesService: ServiceDefinition<DialoguesConfig> = {
  name: 'dialogues',
  title: 'Liaison — dialogues',
  description:
    'Dialogues between the UN and regional organizations and their recommendations, briefs on issues of concern, and peacemaking or crisis-diplomacy initiatives. Every read applies the classification rule (TLP 2.0): what the caller may not see is a 404 and never listed or counted.',
  entities: [Dialogue, Recommendation, RecommendationStatusChange, Brief, Initiative],
  migrations: dialoguesMigrations,
  registry: true,
  controllers: [DialoguesController, RecommendationsController, BriefsController, InitiativesController],
  providers: [DialoguesService, RecommendationsService, BriefsService, InitiativesService],
};
