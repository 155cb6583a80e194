import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { STATE_DIR } from './settings';

/** Stops the preview server the setup started (by its process group); the services stay for the next run. */
export default async function globalTeardown(): Promise<void> {
  const pidFile = join(STATE_DIR, 'preview.pid');
  if (!existsSync(pidFile)) return;
  try {
    process.kill(-Number(readFileSync(pidFile, 'utf8')), 'SIGTERM');
  } catch {
    // already gone
  }
  rmSync(pidFile);
}
