import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { STATE_DIR, settings } from './e2e/settings';

// Browser tests of the console: Debian's Chromium (browsers cannot be downloaded here), against
// CONSOLE_BASE_URL or, without it, the standalone the global setup starts with its demo world
// (its address reaches the workers through the environment, read again when they load this).
/**
 * `npm test`'s short path: signing in, the founding document's stories (the amber brief, the full
 * session and a certificate) and every screen under axe-core in English and Arabic.
 * CONSOLE_E2E=full, as `.ci/run` sets it, runs every story.
 */
export const SHORT_PATH = ['sign-in.spec.ts', 'brief-story.spec.ts', 'training-story.spec.ts', 'every-screen.spec.ts'];
const full = process.env.CONSOLE_E2E === 'full';

export default defineConfig({
  testDir: './e2e',
  ...(full ? {} : { testMatch: SHORT_PATH }),
  outputDir: join(STATE_DIR, 'results'),
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  // generous: the stories click through many screens, each checked with axe-core, on a shared machine
  timeout: 150_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: settings.baseUrl,
    locale: 'en-GB',
    timezoneId: 'UTC',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
    },
  },
});
