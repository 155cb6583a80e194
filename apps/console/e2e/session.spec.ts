import { expect, test } from '@playwright/test';
import { expectAccessible, signIn, signedIn } from './helpers';
import { world } from './settings';

test('a token the API refuses returns the officer to sign-in, and what they typed is still there after', async ({ browser }) => {
  const { au } = world();
  const { context, page } = await signedIn(browser, au);
  await page.goto('/briefs/new');
  await page.getByLabel('Title').fill('Mali: the transition calendar');
  await page.getByLabel(/^Text/).fill('Notes from the AU desk, half written.');
  // The token stops being honoured (expired, or the officer's roles changed): its signature no longer verifies.
  await page.evaluate(() => {
    const session = JSON.parse(sessionStorage.getItem('liaison.session')!);
    session.token = `${session.token}x`;
    sessionStorage.setItem('liaison.session', JSON.stringify(session));
  });
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('status')).toContainText('Your session has ended');
  await expectAccessible(page);
  await signIn(page, au.email);
  await expect(page).toHaveURL(/\/briefs\/new$/);
  await expect(page.getByLabel('Title')).toHaveValue('Mali: the transition calendar');
  await expect(page.getByLabel(/^Text/)).toHaveValue('Notes from the AU desk, half written.');
  await context.close();
});

test('the console works from the keyboard alone: navigation, skip link, a form', async ({ browser }) => {
  const { un } = world();
  const { context, page } = await signedIn(browser, un);
  const briefs = page.getByRole('link', { name: 'Briefs' });
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  // Through the header to the navigation, then open Briefs with Enter.
  for (let i = 0; i < 12 && !(await briefs.evaluate((link) => link === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(briefs).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/briefs$/);
  // From the top again: the skip link jumps over header and navigation into the page.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Briefs' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Publish a brief' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('searchbox')).toBeFocused();
  await page.keyboard.type('Darfur');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/briefs\?q=Darfur$/);
  await context.close();
});
