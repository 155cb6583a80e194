import { readFileSync } from 'node:fs';
import type { DemoWorld } from './demo-world';

export const STATE_DIR = process.env.CONSOLE_E2E_DIR ?? '/tmp/liaison-console-e2e';
export const WORLD_FILE = `${STATE_DIR}/world.json`;

/** Where the console runs and who signs in: from the environment, with the dev setup's defaults. */
export const settings = {
  baseUrl: process.env.CONSOLE_BASE_URL ?? 'http://127.0.0.1:5173',
  chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  admin: {
    email: process.env.CONSOLE_ADMIN_EMAIL ?? 'admin@un.org',
    password: process.env.CONSOLE_ADMIN_PASSWORD ?? 'console-dev-password',
  },
  demoPassword: process.env.CONSOLE_DEMO_PASSWORD ?? 'console-demo-password',
};

export function world(): DemoWorld {
  return JSON.parse(readFileSync(WORLD_FILE, 'utf8')) as DemoWorld;
}
