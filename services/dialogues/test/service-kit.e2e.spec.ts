// Real: Postgres and NATS JetStream; the service started as in production.
import { describeServedDocuments, describeStreamOptions } from '@liaison/testing';
import { DialoguesConfig } from '../src/config';
import { dialoguesService } from '../src/dialogues.module';

describeStreamOptions(dialoguesService, DialoguesConfig);
describeServedDocuments(dialoguesService, DialoguesConfig);
