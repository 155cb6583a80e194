// Real: Postgres and NATS JetStream; the service started as in production.
import { describeStreamOptions } from '@liaison/testing';
import { DialoguesConfig } from '../src/config';
import { dialoguesService } from '../src/dialogues.module';

describeStreamOptions(dialoguesService, DialoguesConfig);
