import 'reflect-metadata';
import { loadConfig } from '@liaison/http';
import { NotificationsConfig } from './config';
import { startNotifications } from './start-notifications';

startNotifications(loadConfig(NotificationsConfig, process.env)).catch((error: unknown) => {
  // A start that fails says why and exits non-zero, so an orchestrator does not wait on it.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
