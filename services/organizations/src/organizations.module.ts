import { type ServiceDefinition, UnAdministrators } from '@liaison/kit';
import { AuthTokenController } from './auth-token/auth-token.controller';
import { AuthTokenService } from './auth-token/auth-token.service';
import { LoginBackOff } from './auth-token/login-back-off';
import { OrganizationsConfig } from './config';
import { Desk } from './desk/desk.entity';
import { DesksController } from './desk/desks.controller';
import { DesksService } from './desk/desks.service';
import { FirstStart } from './first-start/first-start.service';
import { organizationsMigrations } from './migrations';
import { Officer } from './officer/officer.entity';
import { OfficersTableStanding } from './officer/officer-standing';
import { OfficersController } from './officer/officers.controller';
import { OfficersService } from './officer/officers.service';
import { Organization } from './organization/organization.entity';
import { OrganizationsController } from './organization/organizations.controller';
import { OrganizationsService } from './organization/organizations.service';
import { LastUnAdmin } from './registry/last-un-admin';
import { RegistryPermissions } from './registry/registry-permissions';
import { RegistryAdministrators } from './registry/un-administrators';

/**
 * The organizations service: the registry of organizations, their desks and their officers,
 * and the built-in token issuer. Started alone by main.ts, or mounted by the standalone host.
 */
export const organizationsService: ServiceDefinition<OrganizationsConfig> = {
  name: 'organizations',
  title: 'Liaison — organizations',
  description: 'The registry of partner organizations, their desks and desk officers.',
  entities: [Organization, Desk, Officer],
  migrations: organizationsMigrations,
  controllers: [OrganizationsController, DesksController, OfficersController, AuthTokenController],
  providers: [
    RegistryPermissions,
    LastUnAdmin,
    { provide: UnAdministrators, useClass: RegistryAdministrators },
    OrganizationsService,
    DesksService,
    OfficersService,
    AuthTokenService,
    LoginBackOff,
    FirstStart,
  ],
  tokenLifetimeSeconds: (config) => config.tokenTtlSeconds,
  // the registry is this service's own table: a token follows it from the next request
  officerStanding: OfficersTableStanding,
  // the UN organization and its first admin, when none exists yet
  onStart: (app, config) => app.get(FirstStart).ensureRegistry({ email: config.adminEmail, password: config.adminPassword }),
};
