import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { STATE_DIR } from './settings';

/**
 * Stops the preview server the setup started (by its process group) and the services it started,
 * so a test run leaves nothing running; CONSOLE_KEEP_SERVICES=1 keeps the services for the next run.
 */
export default async function globalTeardown(): Promise<void> {
  if (!process.env.CONSOLE_BASE_URL && !process.env.CONSOLE_KEEP_SERVICES) {
    execFileSync(join(__dirname, '../scripts/dev-services.sh'), ['stop'], { stdio: 'inherit' });
  }
  const pidFile = join(STATE_DIR, 'preview.pid');
  if (!existsSync(pidFile)) return;
  try {
    process.kill(-Number(readFileSync(pidFile, 'utf8')), 'SIGTERM');
  } catch {
    // already gone
  }
  rmSync(pidFile);
}
