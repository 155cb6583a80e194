import { defineConfig } from '@playwright/test';

// Browser tests of the console: Debian's Chromium (browsers cannot be downloaded here), against
// CONSOLE_BASE_URL or, without it, the services and a preview server the global setup starts.
export default defineConfig({
  testDir: './e2e',
  outputDir: '/tmp/liaison-console-e2e/results',
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: process.env.CONSOLE_BASE_URL ?? 'http://127.0.0.1:5173',
    locale: 'en-GB',
    timezoneId: 'UTC',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
    },
  },
});
