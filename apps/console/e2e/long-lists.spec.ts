import { expect, test } from '@playwright/test';
import { en } from '../src/i18n/messages/en';
import { asOfficer, signedIn } from './helpers';
import { world } from './settings';

// A list longer than a page: the service pages it newest first (API.md: at most 200 a page), so
// what was scheduled first is on its last page. The list reaches it through "Show more"; a
// calendar month reads every page of the month.
test('more than a page of dialogues: the list shows more up to the first scheduled, the calendar month shows them all', async ({ browser }) => {
  const { un, organizations } = world();
  const run = Date.now();
  // a month of this run's own, years ahead, that no other test fills
  const month = `${2100 + (Math.floor(run / 1000) % 800)}-03`;
  const schedule = (title: string, day: number) =>
    asOfficer(un.email, 'POST', '/dialogues', {
      kind: 'staff-level',
      title,
      participants: [organizations.UN, organizations.AU],
      startsAt: `${month}-${String(day).padStart(2, '0')}T09:00:00Z`,
    });
  const first = `First of a long month ${run}`;
  await schedule(first, 1);
  for (let batch = 0; batch < 10; batch += 1) {
    await Promise.all(Array.from({ length: 20 }, (_, n) => schedule(`Staff talks ${run} no. ${batch * 20 + n + 1}`, 2 + ((batch * 20 + n) % 27))));
  }
  const last = `Staff talks ${run} no. 200`;

  const { context, page } = await signedIn(browser, un);
  await page.goto(`/dialogues?view=calendar&month=${month}`);
  const calendar = page.getByRole('region', { name: new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.parse(`${month}-01`)) });
  await expect(calendar.getByRole('link', { name: new RegExp(`${run}`) })).toHaveCount(201);
  await expect(calendar.getByRole('link', { name: first })).toBeVisible();

  await page.goto('/dialogues');
  await expect(page.getByRole('link', { name: last })).toBeVisible();
  await expect(page.getByRole('link', { name: first })).toHaveCount(0);
  const more = page.getByRole('button', { name: en.more });
  const rows = page.getByRole('row');
  while (await more.isVisible()) {
    const shown = await rows.count();
    await more.click();
    await expect.poll(() => rows.count()).toBeGreaterThan(shown);
  }
  await expect(page.getByRole('link', { name: first })).toBeVisible();
  await context.close();
});
