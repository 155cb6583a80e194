// Real: Postgres and NATS JetStream; the service started as in production.
import { describeStreamOptions } from '@liaison/testing';
import { TrainingConfig } from '../src/config';
import { trainingService } from '../src/training.module';

describeStreamOptions(trainingService, TrainingConfig);
