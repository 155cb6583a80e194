import 'reflect-metadata';
import { runService } from '@liaison/kit';
import { NotificationsConfig } from './config';
import { notificationsService } from './notifications.module';

runService(notificationsService, NotificationsConfig, process.env);
