import 'reflect-metadata';
import { runMigrate } from '@liaison/kit';
import { NotificationsConfig } from './config';
import { notificationsService } from './notifications.module';

/** `nx migrate notifications`: runs pending migrations and exits; the service also runs them at start. */
runMigrate(notificationsService, NotificationsConfig, process.env);
