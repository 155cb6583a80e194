import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EVENT_CATALOG } from '@liaison/contracts';
import { AuditEntry, AuthModule } from '@liaison/auth';
import { IdempotencyRecord, ServiceHttpModule } from '@liaison/http';
import { EventBus, InboxRecord, MessagingModule, OutboxRecord } from '@liaison/messaging';
import { postgresDataSourceOptions } from '@liaison/persistence';
import { registryEntities, RegistryReplicaModule } from '@liaison/registry';
import { Actors } from './access/actor';
import { RegistryReferences } from './access/registry-references';
import { Brief } from './brief/brief.entity';
import { BriefsController } from './brief/briefs.controller';
import { BriefsService } from './brief/briefs.service';
import { ChangeLog } from './change/change-log';
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

export const SERVICE_NAME = 'dialogues';

export const dialoguesEntities = [
  Dialogue,
  Recommendation,
  RecommendationStatusChange,
  Brief,
  Initiative,
  ...registryEntities,
  OutboxRecord,
  InboxRecord,
  AuditEntry,
  IdempotencyRecord,
];

/**
 * The dialogues service: dialogues and their recommendations, briefs and initiatives, with its
 * read model of the registry kept from the organizations events. Booted alone by main.ts, or
 * mounted by the standalone host.
 */
@Module({})
export class DialoguesModule {
  static forRoot(config: DialoguesConfig): DynamicModule {
    return {
      module: DialoguesModule,
      imports: [
        TypeOrmModule.forRoot(
          postgresDataSourceOptions({
            url: config.databaseUrl,
            poolSize: config.databasePoolSize,
            applicationName: `liaison-${SERVICE_NAME}`,
            entities: dialoguesEntities,
            migrations: dialoguesMigrations,
          }),
        ),
        ServiceHttpModule.forRoot({
          service: SERVICE_NAME,
          rateLimitPerMinute: config.rateLimitPerMinute,
          readiness: { inject: [EventBus], useFactory: (bus: EventBus) => [{ name: 'nats', isReady: () => bus.isConnected() }] },
        }),
        AuthModule.forRoot({ jwtSecret: config.jwtSecret, jwksUrl: config.jwksUrl }),
        MessagingModule.forRoot({
          service: SERVICE_NAME,
          natsUrl: config.natsUrl,
          subjectPrefix: config.subjectPrefix,
          streamPrefix: config.streamPrefix,
          // consumed events are validated against their payload classes; what does not validate is a dead letter
          catalog: EVENT_CATALOG,
        }),
        RegistryReplicaModule,
      ],
      controllers: [DialoguesController, RecommendationsController, BriefsController, InitiativesController],
      providers: [Actors, RegistryReferences, ChangeLog, DialoguesService, RecommendationsService, BriefsService, InitiativesService],
    };
  }
}
