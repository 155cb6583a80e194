// Real: Postgres and NATS JetStream; the service started as in production.
import { describeServedDocuments, describeStreamOptions } from '@liaison/testing';
import { OrganizationsConfig } from '../src/config';
import { organizationsService } from '../src/organizations.module';

describeStreamOptions(organizationsService, OrganizationsConfig, { LIAISON_ADMIN_EMAIL: 'admin@un.org', LIAISON_ADMIN_PASSWORD: 'correct horse battery staple' });
describeServedDocuments(organizationsService, OrganizationsConfig, { LIAISON_ADMIN_EMAIL: 'admin@un.org', LIAISON_ADMIN_PASSWORD: 'correct horse battery staple' });
