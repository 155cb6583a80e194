import { expect, test } from '@playwright/test';
import { expectAccessible, signedIn, switchLanguage } from './helpers';
import { world } from './settings';

// Every screen of a signed-in officer, in English and in Arabic (right to left): axe-core finds
// no WCAG 2.2 A/AA violation, and each has its heading.
const SCREENS = ['/', '/inbox', '/briefs', '/briefs/new', '/dialogues', '/dialogues?view=calendar', '/dialogues/new', '/recommendations', '/initiatives', '/programmes', '/training', '/settings'];

for (const language of ['en', 'ar']) {
  test(`every officer screen passes axe-core in ${language}`, async ({ browser }) => {
    const { au } = world();
    const { context, page } = await signedIn(browser, au);
    if (language !== 'en') await switchLanguage(page, language);
    for (const path of SCREENS) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr');
      await expectAccessible(page);
    }
    if (language !== 'en') await switchLanguage(page, 'en');
    await context.close();
  });
}

test('the administration screens pass axe-core for a UN admin, and the registry lists the organizations', async ({ browser }) => {
  const { context, page } = await browser.newContext().then(async (context) => ({ context, page: await context.newPage() }));
  const { signIn } = await import('./helpers');
  const { settings } = await import('./settings');
  await page.goto('/sign-in');
  await signIn(page, settings.admin.email, settings.admin.password);
  await page.goto('/admin');
  for (const tab of ['Desks', 'Officers', 'Webhooks', 'Registry']) {
    await page.getByRole('tab', { name: tab }).click();
    await expectAccessible(page);
  }
  await expect(page.getByRole('cell', { name: 'League of Arab States' })).toBeVisible();
  await context.close();
});

test('the certificate page opens without signing in', async ({ page }) => {
  await page.goto('/verify/00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Certificate verification');
  await expect(page).toHaveURL(/\/verify\//);
  await expect(page.getByRole('alert')).toBeVisible();
  await expectAccessible(page);
});
