import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { STATE_DIR, settings } from './e2e/settings';

// Browser tests of the console: Debian's Chromium (browsers cannot be downloaded here), against
// CONSOLE_BASE_URL or, without it, the standalone the global setup starts with its demo world
// (its address reaches the workers through the environment, read again when they load this).
export default defineConfig({
  testDir: './e2e',
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
