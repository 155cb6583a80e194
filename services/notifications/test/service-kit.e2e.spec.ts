// Real: Postgres and NATS JetStream; the service started as in production.
import { describeServedDocuments, describeStreamOptions } from '@liaison/testing';
import { NotificationsConfig } from '../src/config';
import { notificationsService } from '../src/notifications.module';

describeStreamOptions(notificationsService, NotificationsConfig);
describeServedDocuments(notificationsService, NotificationsConfig);
