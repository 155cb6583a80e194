import { expect, type Locator, type Page } from '@playwright/test';
import { en } from '../src/i18n/messages/en';

/**
 * A course's card on the training screen. The catalogue lists the most recently published first,
 * a page at a time, so an older course (the demo's, once a story has published more than a page)
 * is reached through the catalogue's "Show more" (not a course's own, inside its card).
 */
export async function courseCard(page: Page, title: string, more = en.more): Promise<Locator> {
  const course = page.getByRole('region', { name: title, exact: true });
  const cards = page.locator('main section[aria-label]');
  const catalogueMore = page.locator('main').locator('xpath=.//button[not(ancestor::section)]').filter({ hasText: more });
  await expect(cards.first()).toBeVisible();
  while ((await course.count()) === 0) {
    await expect(catalogueMore, `“${title}” is listed`).toBeVisible();
    const shown = await cards.count();
    await catalogueMore.click();
    await expect.poll(() => cards.count()).toBeGreaterThan(shown);
  }
  return course;
}
