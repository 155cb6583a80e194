import 'reflect-metadata';
import { runService } from '@liaison/kit';
import { TrainingConfig } from './config';
import { trainingService } from './training.module';

runService(trainingService, TrainingConfig, process.env);
