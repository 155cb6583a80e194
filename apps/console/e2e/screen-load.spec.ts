import { expect, test } from '@playwright/test';
import { ar } from '../src/i18n/messages/ar';
import { expectAccessible, signedIn } from './helpers';
import { world } from './settings';

// Each screen is a chunk fetched when first opened: one that does not arrive (the network
// dropped, or the console was upgraded under an open page and the old chunk is gone) is said so,
// in the officer's language, and the rest of the console keeps working.

test("a screen whose code does not load is said so in the officer's language, and the console stays", async ({ browser }) => {
  const { las } = world();
  const { context, page } = await signedIn(browser, las, 'ar');
  await page.route(/\/assets\/ProgrammesPage-[^/]*\.js$/, (route) => route.abort('internetdisconnected'));
  const navigation = page.getByRole('navigation');
  await navigation.getByRole('link', { name: ar['nav.programmes'] }).click();
  await expect(page.getByRole('alert')).toContainText(ar['error.screen']);
  await expect(page.getByRole('button', { name: ar['error.reload'] })).toBeVisible();
  await expectAccessible(page);

  // The navigation is still there, and another screen opens.
  await navigation.getByRole('link', { name: ar['nav.briefs'] }).click();
  await expect(page.getByRole('heading', { level: 1, name: ar['briefs.title'] })).toBeVisible();
  await context.close();
});
