import { expect, test } from '@playwright/test';
import { signedIn } from './helpers';
import { settings, world } from './settings';

// What the live feed tells of is not shown from the cache: a record open on screen follows the
// change as soon as its item arrives, without a reload.

async function as<T>(email: string, method: string, path: string, body?: unknown): Promise<T> {
  const reply = await fetch(`${settings.baseUrl}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${world().tokens[email].accessToken}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await reply.text();
  expect(reply.ok, `${method} ${path}: ${reply.status} ${text}`).toBe(true);
  return (text ? JSON.parse(text) : undefined) as T;
}

test("a dialogue its convenor cancels is shown cancelled on a participant's open page when the feed tells of it", async ({ browser }) => {
  const { au, un, organizations } = world();
  const title = `AU–UN staff talks on Darfur ${Date.now()}`;
  const dialogue = await as<{ id: string }>(au.email, 'POST', '/dialogues', {
    kind: 'staff-level', title, participants: [organizations.AU, organizations.UN], startsAt: new Date(Date.now() + 21 * 86_400_000).toISOString(),
  });

  const { context, page } = await signedIn(browser, un);
  const feed = page.waitForResponse((response) => response.url().includes('/notifications/stream?'));
  await page.goto(`/dialogues/${dialogue.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByText(/· Scheduled$/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Record the outcome' })).toBeVisible();
  await feed;

  await as(au.email, 'POST', `/dialogues/${dialogue.id}/cancel`, {});
  await expect(page.getByTestId('live-announcement')).toContainText(`Dialogue cancelled: ${title}`, { timeout: 30_000 });
  await expect(page.getByText(/· Cancelled$/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Record the outcome' })).toHaveCount(0);
  await context.close();
});
