import { expect, test } from '@playwright/test';
import { signedIn } from './helpers';
import { settings, world } from './settings';

// Days are the officer's own: a dialogue is in the month, and was held on the day, that the
// officer's calendar shows, not the day it is in UTC.

const ZONE = 'Pacific/Auckland';

test('a dialogue on the morning of the 1st in Auckland is on the 1st there: in the calendar month and as the day it was held', async ({ browser }) => {
  const { un, organizations, tokens } = world();
  // The 1st of a month two months on, at 20:30 UTC the day before: the morning of the 1st in Auckland (UTC+12 or +13).
  const ahead = new Date(Date.now() + 60 * 86_400_000);
  const first = Date.UTC(ahead.getUTCFullYear(), ahead.getUTCMonth() + 1, 1);
  const startsAt = new Date(first - 3.5 * 3_600_000);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(startsAt);
  const month = new Intl.DateTimeFormat('en', { timeZone: ZONE, month: 'long', year: 'numeric' }).format(startsAt);
  expect(day.endsWith('-01')).toBe(true);

  const title = `UN–AU retreat in Auckland ${Date.now()}`;
  const reply = await fetch(`${settings.baseUrl}/api/v1/dialogues`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[un.email].accessToken}` },
    body: JSON.stringify({ kind: 'retreat', title, participants: [organizations.UN, organizations.AU], startsAt: startsAt.toISOString(), location: 'Auckland' }),
  });
  expect(reply.status).toBe(201);
  const dialogue = (await reply.json()) as { id: string };

  const { context, page } = await signedIn(browser, un, 'en-GB', ZONE);
  await page.goto('/dialogues?view=calendar');
  await expect(page.getByRole('region', { name: month }).getByRole('link', { name: title })).toBeVisible();

  await page.goto(`/dialogues/${dialogue.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByLabel(/^Held on/)).toHaveValue(day);
  await context.close();
});
