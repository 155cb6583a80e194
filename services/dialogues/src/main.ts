import 'reflect-metadata';
import { runService } from '@liaison/kit';
import { DialoguesConfig } from './config';
import { dialoguesService } from './dialogues.module';

runService(dialoguesService, DialoguesConfig, process.env);
