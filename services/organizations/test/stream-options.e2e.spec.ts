// Real: Postgres and NATS JetStream; the service started as in production.
import { describeStreamOptions } from '@liaison/testing';
import { OrganizationsConfig } from '../src/config';
import { organizationsService } from '../src/organizations.module';

describeStreamOptions(organizationsService, OrganizationsConfig);
