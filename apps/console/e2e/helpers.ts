import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { settings } from './settings';

export const SCREENSHOTS = join(__dirname, '..', 'screenshots');

/** A fresh browser context (its own sessionStorage) signed in as the officer. */
export async function signedIn(browser: Browser, email: string, locale = 'en-GB'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale, baseURL: settings.baseUrl, timezoneId: 'UTC' });
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

export async function signIn(page: Page, email: string, password = settings.demoPassword): Promise<void> {
  if (!page.url().includes('/sign-in')) await page.goto('/sign-in');
  await page.locator('input[type=email]').fill(email);
  await page.locator('input[type=password]').fill(password);
  await page.locator('form button[type=submit]').click();
  await expect(page.locator('nav')).toBeVisible();
}

/** WCAG 2.2 A and AA rules of axe-core on the page as it is: no violation allowed. */
export async function expectAccessible(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(' | ')})`);
  expect(summary, `axe-core violations on ${page.url()}`).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/** Chooses a language in the switch and waits for the page to follow it. */
export async function switchLanguage(page: Page, language: string): Promise<void> {
  await page.getByTestId('language-switch').first().selectOption(language);
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}
