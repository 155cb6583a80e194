import { expect, test } from '@playwright/test';
import { asOfficer, signedIn } from './helpers';
import { world } from './settings';

async function publishAmberBrief(title: string): Promise<void> {
  const { au, organizations } = world();
  await asOfficer(au.email, 'POST', '/briefs', {
    title, body: 'Convoy figures for the week.', classification: 'amber', countries: ['SD'], region: 'africa', audience: { organizations: [organizations.UN] },
  });
}

test('a dropped live connection reconnects with a new ticket and Last-Event-ID, and misses nothing', async ({ browser }) => {
  const { un } = world();
  const { context, page } = await signedIn(browser, un);
  await page.goto('/inbox');
  await expect(page.getByTestId('live-status')).toHaveText('Live');
  const list = page.getByTestId('inbox-list');

  const first = `Convoys ${Date.now()} first`;
  await publishAmberBrief(first);
  await expect(list.getByRole('link', { name: first })).toBeVisible({ timeout: 30_000 });

  // The network drops: the console sees the feed fail and waits to reconnect.
  await context.setOffline(true);
  await expect(page.getByTestId('live-status')).toHaveText('Connecting…', { timeout: 30_000 });
  const second = `Convoys ${Date.now()} second`;
  await publishAmberBrief(second);

  const reconnect = page.waitForRequest((request) => request.url().includes('/notifications/stream?') && request.url().includes('lastEventId='), { timeout: 60_000 });
  await context.setOffline(false);
  const request = await reconnect;
  expect(new URL(request.url()).searchParams.get('ticket')).toBeTruthy();
  await expect(page.getByTestId('live-status')).toHaveText('Live', { timeout: 30_000 });
  await expect(list.getByRole('link', { name: second })).toBeVisible({ timeout: 30_000 });
  await expect(list.getByRole('link', { name: first })).toHaveCount(1);
  await context.close();
});
