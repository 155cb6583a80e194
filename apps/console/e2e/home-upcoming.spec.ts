import { expect, test } from '@playwright/test';
import { IntlMessageFormat } from 'intl-messageformat';
import { en } from '../src/i18n/messages/en';
import { asOfficer, signedIn } from './helpers';
import { world } from './settings';

const DAY_MS = 86_400_000;

/** What the Home card counts, read from the API to its last page: the scheduled dialogues of the next 30 days the officer may see. */
async function dialoguesInTheNext30Days(email: string): Promise<number> {
  const from = new Date();
  const query = new URLSearchParams({ status: 'scheduled', from: from.toISOString(), to: new Date(from.getTime() + 30 * DAY_MS).toISOString(), order: 'startsAt', limit: '200' });
  let count = 0;
  let cursor: string | null = null;
  do {
    if (cursor) query.set('cursor', cursor);
    const reply: { items: unknown[]; nextCursor: string | null } = await asOfficer(email, 'GET', `/dialogues?${query}`);
    count += reply.items.length;
    cursor = reply.nextCursor;
  } while (cursor);
  return count;
}

// The Home card says how many dialogues are coming in the next 30 days, every one of them, not
// the five its list below shows.
test("more dialogues coming than the Home list shows: the card counts every one of the next 30 days, the list keeps its first five", async ({ browser }) => {
  const { un, organizations } = world();
  const run = Date.now();
  const scheduled = await Promise.all(
    Array.from({ length: 7 }, (_, n) =>
      asOfficer<{ id: string }>(un.email, 'POST', '/dialogues', {
        kind: 'staff-level',
        title: `Desk-to-desk talks ${run} no. ${n + 1}`,
        participants: [organizations.UN, organizations.AU],
        startsAt: new Date(run + (10 + n) * DAY_MS).toISOString(),
      }),
    ),
  );
  try {
    const expected = await dialoguesInTheNext30Days(un.email);
    expect(expected).toBeGreaterThanOrEqual(7);

    const { context, page } = await signedIn(browser, un);
    await expect(page.getByText(String(new IntlMessageFormat(en['home.upcomingWithin'], 'en').format({ days: 30 })), { exact: true })).toBeVisible();
    await expect(page.getByTestId('home-upcoming-count')).toHaveText(String(expected));
    await expect(page.getByRole('region', { name: en['home.upcoming'] }).getByRole('listitem')).toHaveCount(5);
    await context.close();
  } finally {
    // cancelled, they leave the other tests' Home as it was
    for (const dialogue of scheduled) await asOfficer(un.email, 'POST', `/dialogues/${dialogue.id}/cancel`, {});
  }
});
