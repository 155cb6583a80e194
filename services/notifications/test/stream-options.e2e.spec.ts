// Real: Postgres and NATS JetStream; the service started as in production.
import { describeStreamOptions } from '@liaison/testing';
import { NotificationsConfig } from '../src/config';
import { notificationsService } from '../src/notifications.module';

describeStreamOptions(notificationsService, NotificationsConfig);
