import { expect, test } from '@playwright/test';
import { ar } from '../src/i18n/messages/ar';
import { en } from '../src/i18n/messages/en';
import { expectAccessible, signedIn } from './helpers';
import { settings, world } from './settings';

// A form sent while the network fails: the service may have recorded it though its reply never
// arrived. Sending it again must not record it twice (the console repeats its Idempotency-Key).

async function briefsTitled(email: string, title: string): Promise<number> {
  const reply = await fetch(`${settings.baseUrl}/api/v1/briefs?limit=200`, { headers: { authorization: `Bearer ${world().tokens[email].accessToken}` } });
  expect(reply.ok).toBe(true);
  const { items } = (await reply.json()) as { items: { title: string }[] };
  return items.filter((brief) => brief.title === title).length;
}

test('a brief whose reply was lost is published once when the officer sends it again', async ({ browser }) => {
  const { au } = world();
  const title = `Chad: border crossings reopened ${Date.now()}`;
  const { context, page } = await signedIn(browser, au);
  await page.goto('/briefs/new');
  await page.getByLabel('Title').fill(title);
  await page.getByLabel(/^Text/).fill('Three crossings reopened on Monday; traffic is light.');
  // The first POST reaches the service, which publishes the brief; its reply is lost on the way back.
  let lost = false;
  await page.route('**/api/v1/briefs', async (route) => {
    if (route.request().method() !== 'POST' || lost) return route.fallback();
    lost = true;
    await route.fetch();
    await route.abort('connectionreset');
  });
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('alert')).toHaveText(en['error.network']);
  await expect.poll(() => briefsTitled(au.email, title)).toBe(1);

  // The officer presses Publish again: the service gives its first answer, and records nothing more.
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page).toHaveURL(/\/briefs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  expect(await briefsTitled(au.email, title)).toBe(1);
  await context.close();
});

test('a request that gets no reply is said so in the officer\'s language, not in the browser\'s English', async ({ browser }) => {
  const { las } = world();
  const { context, page } = await signedIn(browser, las, 'ar');
  await page.goto('/briefs/new');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByLabel(ar['briefs.field.title']).fill('اليمن: ممرات إنسانية');
  await page.getByLabel(new RegExp(`^${ar['briefs.field.body']}`)).fill('مسودة.');
  await page.route('**/api/v1/briefs', (route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.fallback()));
  await page.getByRole('button', { name: ar['briefs.publishButton'] }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toHaveText(ar['error.network']);
  await expect(alert).not.toContainText('Failed to fetch');
  // what was typed is still there
  await expect(page.getByLabel(ar['briefs.field.title'])).toHaveValue('اليمن: ممرات إنسانية');
  await expectAccessible(page);
  await context.close();
});
