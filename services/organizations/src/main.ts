import 'reflect-metadata';
import { runService } from '@liaison/kit';
import { OrganizationsConfig } from './config';
import { organizationsService } from './organizations.module';

runService(organizationsService, OrganizationsConfig, process.env);
