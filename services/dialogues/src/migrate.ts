import 'reflect-metadata';
import { runMigrate } from '@liaison/kit';
import { DialoguesConfig } from './config';
import { dialoguesService } from './dialogues.module';

/** `nx migrate dialogues`: runs pending migrations and exits; the service also runs them at start. */
runMigrate(dialoguesService, DialoguesConfig, process.env);
