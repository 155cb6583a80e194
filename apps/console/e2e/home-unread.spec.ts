import { expect, test } from '@playwright/test';
import { tokenFor } from './demo-world';
import { asOfficer, signedInWith, withToken } from './helpers';
import { settings, world } from './settings';

// Home's unread card counts one page of unread items (200): past it, it says "200+" rather than
// a number it did not count; at 200 or fewer, the number. Two fresh officers keep the items away
// from the demo officers' inboxes: one publishes red briefs naming only the other, who follows
// them on a country no other test writes about.

const PAGE = 200;

test('past a page of 200 unread items Home says "200+"; at 200 it says 200', async ({ browser }) => {
  const { admin, organizations } = world();
  const run = Date.now();
  const password = `unread-${run}-password`;
  const register = (who: string) =>
    asOfficer<{ id: string; email: string }>(admin.email, 'POST', '/officers', { organizationId: organizations.LAS, name: `${who} ${run}`, email: `${who}.${run}@las.example.org`, password });
  const [author, reader] = [await register('author'), await register('reader')];
  const authorToken = (await tokenFor(settings.baseUrl, author.email, password)).accessToken;
  const readerToken = (await tokenFor(settings.baseUrl, reader.email, password)).accessToken;
  await withToken(readerToken, 'POST', '/subscriptions', { filters: { eventTypes: ['liaison.brief.published.v1'], countries: ['NR'] }, channels: ['in-app'] });

  // one more than a page, ten at a time
  for (let first = 0; first <= PAGE; first += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, PAGE + 1 - first) }, (_, n) =>
        withToken(authorToken, 'POST', '/briefs', {
          title: `Nauru: note ${first + n + 1} of ${run}`, body: 'For one reader only.', countries: ['NR'], classification: 'red', audience: { officers: [reader.id] },
        }),
      ),
    );
  }
  const unread = async () => {
    let count = 0;
    let cursor: string | null = null;
    do {
      const reply: { items: { id: string }[]; nextCursor: string | null } = await withToken(readerToken, 'GET', `/notifications?unread=true&limit=${PAGE}${cursor ? `&cursor=${cursor}` : ''}`);
      count += reply.items.length;
      cursor = reply.nextCursor;
    } while (cursor);
    return count;
  };
  await expect.poll(unread, { timeout: 30_000 }).toBe(PAGE + 1);

  const { context, page } = await signedInWith(browser, readerToken);
  await expect(page.getByTestId('home-unread')).toHaveText(`${PAGE}+`);

  // one read: 200 left, a page exactly, counted
  const [newest] = (await withToken<{ items: { id: string }[] }>(readerToken, 'GET', '/notifications?unread=true&limit=1')).items;
  await withToken(readerToken, 'POST', `/notifications/${newest.id}/read`, {});
  await page.reload();
  await expect(page.getByTestId('home-unread')).toHaveText(String(PAGE));
  await context.close();
});
