import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { demoWorld } from './demo-world';
import { STATE_DIR, WORLD_FILE, settings } from './settings';

const root = join(__dirname, '..', '..', '..');

async function answering(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

async function waitFor(url: string, seconds: number): Promise<void> {
  for (let i = 0; i < seconds * 2; i++) {
    if (await answering(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

export default async function globalSetup(): Promise<void> {
  mkdirSync(STATE_DIR, { recursive: true });
  // Fail at once, and say why, when the browser cannot start.
  try {
    const browser = await chromium.launch({ executablePath: settings.chromium, args: ['--headless', '--no-sandbox', '--disable-background-networking'] });
    await browser.close();
  } catch (error) {
    throw new Error(`Chromium does not start from ${settings.chromium} (install Debian's chromium: apt-get install -y chromium): ${(error as Error).message}`);
  }

  if (!process.env.CONSOLE_BASE_URL) {
    // No running console named: start the three services and serve the built console with the dev proxy.
    execFileSync(join(root, 'apps/console/scripts/dev-services.sh'), ['start'], { cwd: root, stdio: 'inherit' });
    if (!existsSync(join(root, 'apps/console/dist/index.html'))) {
      execFileSync('npx', ['vite', 'build', '--config', 'apps/console/vite.config.ts'], { cwd: root, stdio: 'inherit' });
    }
    if (!(await answering(settings.baseUrl))) {
      const preview = spawn('npx', ['vite', 'preview', '--config', 'apps/console/vite.config.ts'], { cwd: root, stdio: 'ignore', detached: true });
      preview.unref();
      writeFileSync(join(STATE_DIR, 'preview.pid'), String(preview.pid));
      await waitFor(settings.baseUrl, 60);
    }
  }
  await waitFor(`${settings.baseUrl}/`, 60);
  const world = await demoWorld(settings.baseUrl, settings.admin, settings.demoPassword);
  writeFileSync(WORLD_FILE, JSON.stringify(world, null, 2));
}
