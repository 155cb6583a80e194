import { expect, test } from '@playwright/test';
import { asOfficer, signedIn } from './helpers';
import { world } from './settings';

// What the live feed tells of is not shown from the cache: a record open on screen follows the
// change as soon as its item arrives, without a reload.

test("a dialogue its convenor cancels is shown cancelled on a participant's open page when the feed tells of it", async ({ browser }) => {
  const { au, un, organizations } = world();
  const title = `AU–UN staff talks on Darfur ${Date.now()}`;
  const dialogue = await asOfficer<{ id: string }>(au.email, 'POST', '/dialogues', {
    kind: 'staff-level', title, participants: [organizations.AU, organizations.UN], startsAt: new Date(Date.now() + 21 * 86_400_000).toISOString(),
  });

  const { context, page } = await signedIn(browser, un);
  const feed = page.waitForResponse((response) => response.url().includes('/notifications/stream?'));
  await page.goto(`/dialogues/${dialogue.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByText(/· Scheduled$/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Record the outcome' })).toBeVisible();
  await feed;

  await asOfficer(au.email, 'POST', `/dialogues/${dialogue.id}/cancel`, {});
  await expect(page.getByTestId('live-announcement')).toContainText(`Dialogue cancelled: ${title}`, { timeout: 30_000 });
  await expect(page.getByText(/· Cancelled$/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Record the outcome' })).toHaveCount(0);
  await context.close();
});
