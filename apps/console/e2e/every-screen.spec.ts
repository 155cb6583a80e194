import { expect, test } from '@playwright/test';
import { createWebhookDtoEventTypesValues } from '../src/api/generated/notifications';
import { ar } from '../src/i18n/messages/ar';
import { en, type MessageId } from '../src/i18n/messages/en';
import { asOfficer, contentPolicyRefusals, expectAccessible, signedIn } from './helpers';
import { world } from './settings';

// Every screen of a signed-in officer, in English and in Arabic (right to left): axe-core finds
// no WCAG 2.2 A/AA violation, each has its heading, and nothing on it is refused by the console's
// Content-Security-Policy (which the page is served with).
const SCREENS = ['/', '/inbox', '/briefs', '/briefs/new', '/dialogues', '/dialogues?view=calendar', '/dialogues/new', '/recommendations', '/initiatives', '/programmes', '/training', '/settings'];

// English as the AU officer reads it, Arabic as the League of Arab States officer does (their
// saved languages: no profile is changed, so a failure here leaves the other tests' officers as they were).
for (const language of ['en', 'ar']) {
  test(`every officer screen passes axe-core in ${language}`, async ({ browser }) => {
    const { au, las } = world();
    const officer = language === 'ar' ? las : au;
    const { context, page } = await signedIn(browser, officer);
    const refusals = contentPolicyRefusals(page);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    for (const path of SCREENS) {
      const served = await page.goto(path);
      expect(served?.headers()['content-security-policy']).toContain("script-src 'self'");
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr');
      await expectAccessible(page);
    }
    // An inbox link to a recommendation waits for it to learn its dialogue: the spinner meanwhile
    // is a status named in the officer's language (held back here, so it can be checked).
    const { items } = await asOfficer<{ items: { id: string; dialogueId: string }[] }>(officer.email, 'GET', '/recommendations?limit=1');
    const [recommendation] = items;
    let asked = () => {};
    let release = () => {};
    const requested = new Promise<void>((resolve) => (asked = resolve));
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**/api/v1/recommendations/${recommendation.id}`, async (route) => {
      asked();
      await held;
      await route.continue();
    });
    await page.goto(`/recommendations/${recommendation.id}`);
    // its screen has loaded and asks (the spinner while its code loads is another)
    await requested;
    await expect(page.getByRole('status', { name: (language === 'ar' ? ar : en).loading })).toBeVisible();
    await expectAccessible(page, { settle: false });
    release();
    await expect(page).toHaveURL(new RegExp(`/dialogues/${recommendation.dialogueId}$`));
    await page.unrouteAll();
    expect(refusals).toEqual([]);
    await context.close();
  });
}

test('a UN admin registers an organization in the registry; the admin tabs pass axe-core', async ({ browser }) => {
  const { admin } = world();
  const { context, page } = await signedIn(browser, admin);
  const refusals = contentPolicyRefusals(page);
  await page.goto('/admin');
  for (const tab of ['Desks', 'Officers', 'Webhooks', 'Registry']) {
    await page.getByRole('tab', { name: tab }).click();
    await expectAccessible(page);
  }
  // A webhook may be sent every event type the notifications service accepts for one (its
  // OpenAPI document, through the generated client), each named in the officer's language.
  await page.getByRole('tab', { name: 'Webhooks' }).click();
  await page.getByRole('combobox', { name: en['admin.eventTypes'] }).click();
  const labelOf = (type: string) => en[`eventType.${type.split('.').slice(1, 3).join('.')}` as MessageId];
  const offered = page.getByRole('listbox').getByRole('option');
  await expect(offered).toHaveText(createWebhookDtoEventTypesValues.map((type) => `${labelOf(type)}${type}`));
  await expect(offered.filter({ hasText: /^Certificate revoked/ })).toHaveCount(1);
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: 'Registry' }).click();
  await expect(page.getByRole('cell', { name: 'League of Arab States' })).toBeVisible();
  const acronym = `T${Date.now().toString(36).toUpperCase().slice(-5)}`;
  await page.getByLabel(/^Acronym/).fill(acronym);
  await page.getByLabel(/^Name/).fill('Test Regional Organization');
  await page.getByRole('combobox', { name: 'Member states' }).fill('KE');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByRole('cell', { name: acronym, exact: true })).toBeVisible();
  // The same acronym again: the API's conflict is shown.
  await page.getByLabel(/^Acronym/).fill(acronym);
  await page.getByLabel(/^Name/).fill('Test Regional Organization');
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByRole('alert').or(page.locator('.mantine-InputWrapper-error')).first()).toBeVisible();
  expect(refusals).toEqual([]);
  await context.close();
});

test('the certificate page opens without signing in', async ({ page }) => {
  await page.goto('/verify/00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Certificate verification');
  await expect(page).toHaveURL(/\/verify\//);
  await expect(page.getByRole('alert')).toBeVisible();
  await expectAccessible(page);
});
