import { type Browser, expect, test } from '@playwright/test';
import { en } from '../src/i18n/messages/en';
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
  await expect(page.getByTestId('outcome-from')).toBeVisible();
  await feed;

  await asOfficer(au.email, 'POST', `/dialogues/${dialogue.id}/cancel`, {});
  await expect(page.getByTestId('live-announcement')).toContainText(`Dialogue cancelled: ${title}`, { timeout: 30_000 });
  await expect(page.getByText(/· Cancelled$/)).toBeVisible();
  await expect(page.getByTestId('outcome-from')).toHaveCount(0);
  await context.close();
});

// A reclassification or a withdrawal makes no item: the feed still says which record changed
// (nothing of it), so a brief on screen that the officer may no longer see goes at once.

/** An AU brief shared with the UN, open on a UN officer's screen with the live feed connected. */
async function briefOnScreen(browser: Browser, title: string) {
  const { au, un, organizations } = world();
  const brief = await asOfficer<{ id: string }>(au.email, 'POST', '/briefs', {
    title, body: 'Positions of the parties before the talks.', classification: 'amber', countries: ['SD'], region: 'africa', audience: { organizations: [organizations.UN] },
  });
  const { context, page } = await signedIn(browser, un);
  const feed = page.waitForResponse((response) => response.url().includes('/notifications/stream?'));
  await page.goto(`/briefs/${brief.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await feed;
  return { brief, context, page };
}

test('a brief restricted to its origin while a reader outside it has it open turns Not found on their screen, without a reload', async ({ browser }) => {
  const { au } = world();
  const title = `Sudan: talks positions, restricted ${Date.now()}`;
  const { brief, context, page } = await briefOnScreen(browser, title);

  await asOfficer(au.email, 'PATCH', `/briefs/${brief.id}`, { classification: 'amber-strict' });
  await expect(page.getByRole('alert')).toContainText(en['problem.code.not-found'], { timeout: 30_000 });
  await expect(page.getByText(title)).toHaveCount(0);
  await context.close();
});

test('a brief withdrawn while a reader has it open turns Not found on their screen, without a reload', async ({ browser }) => {
  const { au } = world();
  const title = `Sudan: talks positions, withdrawn ${Date.now()}`;
  const { brief, context, page } = await briefOnScreen(browser, title);

  await asOfficer(au.email, 'POST', `/briefs/${brief.id}/withdraw`, {});
  await expect(page.getByRole('alert')).toContainText(en['problem.code.not-found'], { timeout: 30_000 });
  await expect(page.getByText(title)).toHaveCount(0);
  await context.close();
});
