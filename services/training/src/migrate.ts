import 'reflect-metadata';
import { runMigrate } from '@liaison/kit';
import { TrainingConfig } from './config';
import { trainingService } from './training.module';

/** `nx run training:migrate`: runs pending migrations and exits; the service also runs them at start. */
runMigrate(trainingService, TrainingConfig, process.env);
