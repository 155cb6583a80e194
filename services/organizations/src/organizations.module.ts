import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEntry, AuthModule } from '@liaison/auth';
import { eventStreamOptions, IdempotencyRecord, ServiceHttpModule } from '@liaison/http';
import { EventBus, InboxRecord, MessagingModule, OutboxRecord } from '@liaison/messaging';
import { postgresDataSourceOptions } from '@liaison/persistence';
import { AuthTokenController } from './auth-token/auth-token.controller';
import { AuthTokenService } from './auth-token/auth-token.service';
import { OrganizationsConfig } from './config';
import { Desk } from './desk/desk.entity';
import { DesksController } from './desk/desks.controller';
import { DesksService } from './desk/desks.service';
import { FirstStart } from './first-start/first-start.service';
import { organizationsMigrations } from './migrations';
import { Officer } from './officer/officer.entity';
import { OfficersController } from './officer/officers.controller';
import { OfficersService } from './officer/officers.service';
import { Organization } from './organization/organization.entity';
import { OrganizationsController } from './organization/organizations.controller';
import { OrganizationsService } from './organization/organizations.service';
import { RegistryChange } from './registry/registry-change';
import { RegistryPermissions } from './registry/registry-permissions';

export const SERVICE_NAME = 'organizations';

export const organizationsEntities = [Organization, Desk, Officer, OutboxRecord, InboxRecord, AuditEntry, IdempotencyRecord];

/**
 * The organizations service: the registry of organizations, their desks and their officers,
 * and the built-in token issuer. Booted alone by main.ts, or mounted by the standalone host.
 */
@Module({})
export class OrganizationsModule {
  static forRoot(config: OrganizationsConfig): DynamicModule {
    return {
      module: OrganizationsModule,
      imports: [
        TypeOrmModule.forRoot(
          postgresDataSourceOptions({
            url: config.databaseUrl,
            poolSize: config.databasePoolSize,
            applicationName: `liaison-${SERVICE_NAME}`,
            entities: organizationsEntities,
            migrations: organizationsMigrations,
          }),
        ),
        ServiceHttpModule.forRoot({
          service: SERVICE_NAME,
          rateLimitPerMinute: config.rateLimitPerMinute,
          readiness: { inject: [EventBus], useFactory: (bus: EventBus) => [{ name: 'nats', isReady: () => bus.isConnected() }] },
        }),
        AuthModule.forRoot({
          jwtSecret: config.jwtSecret,
          jwksUrl: config.jwksUrl,
          tokenExpiresInSeconds: config.tokenTtlSeconds,
        }),
        MessagingModule.forRoot({ service: SERVICE_NAME, ...eventStreamOptions(config) }),
      ],
      controllers: [OrganizationsController, DesksController, OfficersController, AuthTokenController],
      providers: [
        RegistryPermissions,
        RegistryChange,
        OrganizationsService,
        DesksService,
        OfficersService,
        AuthTokenService,
        FirstStart,
      ],
      exports: [FirstStart],
    };
  }
}
