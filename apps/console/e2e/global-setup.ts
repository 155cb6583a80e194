import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { SHORT_PATH } from '../playwright.config';
import { demoWorld } from './demo-world';
import { STATE_DIR, WORLD_FILE, settings } from './settings';
import { startStandalone } from './standalone';

export default async function globalSetup(): Promise<void> {
  mkdirSync(STATE_DIR, { recursive: true });
  if (process.env.CONSOLE_E2E !== 'full') {
    console.log(`browser tests: the short path (${SHORT_PATH.join(', ')}); CONSOLE_E2E=full runs every story`);
  }
  // Fail at once, and say why, when the browser cannot start.
  try {
    const browser = await chromium.launch({ executablePath: settings.chromium, args: ['--headless', '--no-sandbox', '--disable-background-networking'] });
    await browser.close();
  } catch (error) {
    throw new Error(`Chromium does not start from ${settings.chromium} (install Debian's chromium: apt-get install -y chromium): ${(error as Error).message}`);
  }
  // No running console named: the standalone, with its demo world, serving the built console.
  // The workers inherit the address through the environment (settings.baseUrl, the config's baseURL).
  if (!process.env.CONSOLE_BASE_URL) process.env.CONSOLE_STANDALONE_URL = await startStandalone();
  const index = await fetch(`${settings.baseUrl}/`);
  if (!index.ok || !(await index.text()).includes('<div id="root"')) throw new Error(`${settings.baseUrl}/ does not serve the console`);
  const world = await demoWorld(settings.baseUrl, settings.admin, settings.demoPassword);
  writeFileSync(WORLD_FILE, JSON.stringify(world, null, 2));
}
