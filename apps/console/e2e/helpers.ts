import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { fetchWaitingOutBusy } from '../src/api/busy';
import type { DemoOfficer } from './demo-world';
import { settings, world } from './settings';

export const SCREENSHOTS = join(__dirname, '..', 'screenshots');

/**
 * A fresh browser context (its own sessionStorage) already signed in as a demo officer: the
 * token from the global setup is put where the console keeps it, as its sign-in would (the
 * sign-in form itself is tested in sign-in.spec.ts; POST /auth/token allows few sign-ins a minute),
 * its browser in `timezoneId`.
 */
export async function signedIn(browser: Browser, officer: DemoOfficer, locale = 'en-GB', timezoneId = 'UTC'): Promise<{ context: BrowserContext; page: Page }> {
  return signedInWith(browser, world().tokens[officer.email].accessToken, officer.language, locale, timezoneId);
}

/** A fresh browser context signed in with an access token (of any officer), the console in `language`. */
export async function signedInWith(browser: Browser, accessToken: string, language = 'en', locale = 'en-GB', timezoneId = 'UTC'): Promise<{ context: BrowserContext; page: Page }> {
  const claims = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString('utf8')) as { sub: string; org: string; roles: string[]; exp: number };
  const session = { token: accessToken, officerId: claims.sub, organizationId: claims.org, roles: claims.roles, expiresAt: claims.exp * 1000 };
  const context = await browser.newContext({ locale, baseURL: settings.baseUrl, timezoneId });
  await context.addInitScript(
    ([value, chosen]) => {
      if (!sessionStorage.getItem('liaison.session.injected')) {
        sessionStorage.setItem('liaison.session', value);
        sessionStorage.setItem('liaison.language', chosen);
        sessionStorage.setItem('liaison.session.injected', 'yes');
      }
    },
    [JSON.stringify(session), language],
  );
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('nav')).toBeVisible();
  return { context, page };
}

export async function signIn(page: Page, email: string, password = settings.demoPassword): Promise<void> {
  if (!page.url().includes('/sign-in')) await page.goto('/sign-in');
  await page.locator('input[type=email]').fill(email);
  await page.locator('input[type=password]').fill(password);
  await page.locator('form button[type=submit]').click();
  await expect(page.locator('nav')).toBeVisible();
}

/**
 * WCAG 2.2 A and AA rules of axe-core on the page as it is: no violation allowed. It waits for the
 * network to settle first, unless `settle` is false (a test holding a request back on purpose).
 */
export async function expectAccessible(page: Page, { settle = true } = {}): Promise<void> {
  if (settle) await page.waitForLoadState('networkidle').catch(() => undefined);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(' | ')})`);
  expect(summary, `axe-core violations on ${page.url()}`).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/**
 * Collects what the browser refused under the console's Content-Security-Policy (it reports each
 * refusal as a console error): call before the page loads, read after.
 */
export function contentPolicyRefusals(page: Page): string[] {
  const refusals: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) refusals.push(`${page.url()}: ${message.text()}`);
  });
  return refusals;
}

/** Chooses a language in the switch and waits for the page to follow it. */
export async function switchLanguage(page: Page, language: string): Promise<void> {
  await page.getByTestId('language-switch').first().selectOption(language);
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

/**
 * A call to the API as a demo officer (with the token the global setup took), failing the test on a
 * refusal. Like the console, it waits out the standalone's "busy, nothing was written" (503, Retry-After).
 */
export async function asOfficer<T>(email: string, method: string, path: string, body?: unknown): Promise<T> {
  return withToken<T>(world().tokens[email].accessToken, method, path, body);
}

/** A call to the API with an access token (of any officer), as asOfficer. */
export async function withToken<T>(accessToken: string, method: string, path: string, body?: unknown): Promise<T> {
  const reply = await fetchWaitingOutBusy(
    new Request(`${settings.baseUrl}/api/v1${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), authorization: `Bearer ${accessToken}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  const text = await reply.text();
  expect(reply.ok, `${method} ${path}: ${reply.status} ${text}`).toBe(true);
  return (text ? JSON.parse(text) : undefined) as T;
}
