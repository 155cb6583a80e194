import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DemoWorld } from './demo-world';

/** The run's state, one folder per checkout: two checkouts' runs never stop each other's standalone. */
export const STATE_DIR = process.env.CONSOLE_E2E_DIR ?? join(tmpdir(), `liaison-console-e2e-${createHash('sha256').update(join(__dirname, '..')).digest('hex').slice(0, 8)}`);
export const WORLD_FILE = `${STATE_DIR}/world.json`;
/** the standalone the global setup started: its pid and data directory, for the teardown */
export const STANDALONE_FILE = `${STATE_DIR}/standalone.json`;

/**
 * Where the console runs and who signs in. By default the global setup starts the standalone
 * (`npm start`'s entry point) with its demo world and sets CONSOLE_STANDALONE_URL, which the
 * test workers inherit; CONSOLE_BASE_URL names a console already running with that demo world.
 */
export const settings = {
  get baseUrl(): string {
    return process.env.CONSOLE_BASE_URL ?? process.env.CONSOLE_STANDALONE_URL ?? 'http://127.0.0.1:3100';
  },
  chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  admin: {
    email: process.env.CONSOLE_ADMIN_EMAIL ?? 'admin@un.example.org',
    password: process.env.CONSOLE_ADMIN_PASSWORD ?? 'console-e2e-password',
  },
  /** the standalone's demo officers share the administrator's password */
  get demoPassword(): string {
    return process.env.CONSOLE_DEMO_PASSWORD ?? this.admin.password;
  },
};

export function world(): DemoWorld {
  return JSON.parse(readFileSync(WORLD_FILE, 'utf8')) as DemoWorld;
}
