import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signIn, switchLanguage } from './helpers';
import { world } from './settings';

test.describe('signing in', () => {
  test('before sign-in the page follows the browser language, Arabic right to left', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'ar-EG' });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(page.getByRole('button', { name: 'تسجيل الدخول' })).toBeVisible();
    await expectAccessible(page);
    await context.close();
  });

  test('a wrong password is refused with a message; the right one opens the desk home in the officer\'s language', async ({ page }) => {
    const { las } = world();
    await page.goto('/sign-in');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expectAccessible(page);
    await signInExpectingRefusal(page, las.email);
    await signIn(page, las.email);
    // The officer of the League of Arab States reads Arabic: the layout mirrors.
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('LAS');
    await expectAccessible(page);
  });

  test('the desk home shows unread, overdue recommendations, dialogues coming up and a chart, in English and Arabic', async ({ page }) => {
    const { un } = world();
    await signIn(page, un.email);
    await expect(page.getByTestId('home-unread')).toBeVisible();
    await expect(page.getByRole('figure')).toBeVisible();
    // The chart's bars start after their labels in the reading direction.
    expect(await barAgainstLabel(page)).toBe('after');
    await expectAccessible(page);
    await screenshot(page, 'desk-home-en');
    await switchLanguage(page, 'ar');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByRole('link', { name: 'صندوق الوارد' }).first()).toBeVisible();
    expect(await barAgainstLabel(page)).toBe('before');
    await expectAccessible(page);
    await screenshot(page, 'desk-home-ar');
    // The choice is saved to the officer's profile: a new sign-in opens in Arabic.
    await page.getByRole('button', { name: 'تسجيل الخروج' }).click();
    await page.evaluate(() => sessionStorage.clear());
    await page.goto('/sign-in');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await signIn(page, un.email);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await switchLanguage(page, 'en');
  });
});

async function signInExpectingRefusal(page: import('@playwright/test').Page, email: string) {
  await page.locator('input[type=email]').fill(email);
  await page.locator('input[type=password]').fill('not-the-password');
  await page.locator('form button[type=submit]').click();
  await expect(page.getByRole('alert')).toContainText('do not match');
}

/** Whether the first bar of the desk home's chart lies to the right ('after') or left ('before') of its label. */
async function barAgainstLabel(page: import('@playwright/test').Page): Promise<'after' | 'before'> {
  return page.getByTestId('bar-chart').evaluate((svg) => {
    const bar = (svg.querySelector('rect') as SVGGraphicsElement).getBBox();
    const label = (svg.querySelector('text') as SVGGraphicsElement).getBBox();
    return bar.x >= label.x + label.width ? 'after' : 'before';
  });
}
