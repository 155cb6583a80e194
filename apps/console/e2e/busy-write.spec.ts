import { expect, test, type Page } from '@playwright/test';
import { BUSY_RETRIES } from '../src/api/busy';
import { en } from '../src/i18n/messages/en';
import { fr } from '../src/i18n/messages/fr';
import { asOfficer, expectAccessible, signedIn } from './helpers';
import { world } from './settings';

// The standalone turns a write away while a service's event delivery is behind (503 with
// Retry-After: nothing was read or written). The console waits as asked and sends it again, so the
// officer's Publish goes through; only a refusal that lasts is shown, in the officer's words.

const BUSY = {
  status: 503,
  headers: { 'retry-after': '1', 'content-type': 'application/problem+json' },
  body: JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'organizations is 1.2 s behind in delivering its events (the bound is 1 s): nothing was written; try again after Retry-After' }),
};

/** The new-brief form filled in, green, in the officer's language. */
async function fillGreenBrief(page: Page, messages: typeof en, title: string): Promise<void> {
  await page.goto('/briefs/new');
  await page.getByLabel(messages['briefs.field.title']).fill(title);
  await page.getByLabel(new RegExp(`^${messages['briefs.field.body']}`)).fill('Turnout figures by province.');
  await page.getByTestId('classification-green').check();
}

async function briefsTitled(email: string, title: string): Promise<number> {
  const page = await asOfficer<{ items: { title: string }[] }>(email, 'GET', '/briefs?limit=200');
  return page.items.filter((brief) => brief.title === title).length;
}

test('a brief published while the service is busy is sent again after the wait it asks, and made once', async ({ browser }) => {
  const { au } = world();
  const title = `Guinea-Bissau: electoral calendar ${Date.now()}`;
  const { context, page } = await signedIn(browser, au);
  let refused = 0;
  await page.route('**/api/v1/briefs', (route) => (route.request().method() === 'POST' && refused++ === 0 ? route.fulfill(BUSY) : route.fallback()));

  await fillGreenBrief(page, en, title);
  await page.getByRole('button', { name: en['briefs.publishButton'] }).click();
  await expect(page).toHaveURL(/\/briefs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  expect(refused).toBe(2); // the refused attempt, then the one that went through
  expect(await briefsTitled(au.email, title)).toBe(1);
  await context.close();
});

test('a service that stays busy: the officer is told, in French, that nothing changed, and keeps the form', async ({ browser }) => {
  const { au } = world();
  const title = `Guinée-Bissau : calendrier électoral ${Date.now()}`;
  const { context, page } = await signedIn(browser, { ...au, language: 'fr' });
  let attempts = 0;
  await page.route('**/api/v1/briefs', (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    attempts++;
    return route.fulfill(BUSY);
  });

  await fillGreenBrief(page, fr, title);
  await page.getByRole('button', { name: fr['briefs.publishButton'] }).click();
  // BUSY_RETRIES waits of a second each, then the refusal
  await expect(page.getByRole('alert').filter({ hasText: fr['problem.503'] })).toBeVisible({ timeout: 15_000 });
  expect(attempts).toBe(BUSY_RETRIES + 1);
  await expect(page.getByLabel(fr['briefs.field.title'])).toHaveValue(title);
  await expectAccessible(page);
  expect(await briefsTitled(au.email, title)).toBe(0);
  await context.close();
});
