import { expect, test } from '@playwright/test';
import { ar } from '../src/i18n/messages/ar';
import { en } from '../src/i18n/messages/en';
import { asOfficer, expectAccessible, signedIn } from './helpers';
import { world } from './settings';

// What the console writes itself, not only its messages, is in the officer's language: countries
// by name, lists joined as the language joins them. A language that does not load leaves the
// console in English, not blank.

test("a brief's countries are named, and its audience listed, in Arabic for an Arabic reader", async ({ browser }) => {
  const { au, las, organizations } = world();
  const title = `Sahel: cross-border displacement ${Date.now()}`;
  const brief = await asOfficer<{ id: string; audience: { organizations: string[] } }>(au.email, 'POST', '/briefs', {
    title, body: 'Figures from the border posts.', classification: 'amber', countries: ['SD', 'ML'], region: 'africa',
    audience: { organizations: [organizations.UN, organizations.LAS] },
  });
  const acronyms = Object.fromEntries(Object.entries(organizations).map(([acronym, id]) => [id, acronym]));
  const arabicList = (names: string[]) => new Intl.ListFormat('ar', { type: 'conjunction' }).format(names);

  const { context, page } = await signedIn(browser, las, 'ar');
  await page.goto(`/briefs/${brief.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  // Each country by its Arabic name, its ISO code kept as the title.
  await expect(page.getByTitle('SD', { exact: true })).toHaveText('السودان');
  await expect(page.getByTitle('ML', { exact: true })).toHaveText('مالي');
  const audience = arabicList(brief.audience.organizations.map((id) => acronyms[id]));
  await expect(page.getByTestId('reach')).toHaveText(ar['reach.amber'].replace('{origin}', 'AU').replace('{organizations}', audience));
  await expectAccessible(page);

  // The list of briefs joins the names with Arabic's "و", not ", ".
  await page.goto('/briefs');
  const row = page.getByRole('listitem').filter({ hasText: title });
  await expect(row).toContainText(arabicList(['السودان', 'مالي']));
  await expect(row.getByTitle('SD', { exact: true })).toHaveText('السودان');
  await context.close();
});

test('a language whose messages do not load leaves the console in English, saying so, and trying again brings it', async ({ browser }) => {
  const { las } = world();
  const { context, page } = await signedIn(browser, las, 'ar');
  const arabicChunk = /\/assets\/ar-[^/]*\.js$/;
  await page.route(arabicChunk, (route) => route.abort('internetdisconnected'));
  await page.reload();
  const notice = page.getByRole('alert').filter({ hasText: en['language.notLoadedInEnglish'].replace('{language}', `${en['languageName.ar']} (العربية)`) });
  await expect(notice).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('navigation').getByRole('link', { name: en['nav.briefs'] })).toBeVisible();
  await expectAccessible(page);

  // The network is back: trying again opens the console in Arabic, right to left.
  await page.unroute(arabicChunk);
  await notice.getByRole('button', { name: en['language.retry'] }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('navigation').getByRole('link', { name: ar['nav.briefs'] })).toBeVisible();
  await expect(notice).toHaveCount(0);
  await context.close();
});

test("the admin's webhooks panel is in Arabic, right to left: its labels, and each event type by name with the type under it", async ({ browser }) => {
  const { admin } = world();
  // The administrator reads Arabic in this tab only: his saved language is left as it is.
  const { context, page } = await signedIn(browser, { ...admin, language: 'ar' });
  await page.goto('/admin');
  await page.getByRole('tab', { name: ar['admin.webhooks'] }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('columnheader', { name: ar['admin.url'] })).toBeVisible();
  await expect(page.getByLabel(ar['admin.webhookUrl'])).toBeVisible();
  await expect(page.getByText('URL (https://)')).toHaveCount(0);

  await page.getByRole('combobox', { name: ar['admin.eventTypes'] }).click();
  const published = page.getByRole('option', { name: new RegExp(ar['eventType.brief.published']) });
  await expect(published).toContainText('liaison.brief.published.v1');
  await expect(page.getByRole('option', { name: new RegExp(ar['eventType.milestone.delayed']) })).toContainText('liaison.milestone.delayed.v1');
  await published.click();
  await page.keyboard.press('Escape');
  // The chosen type shows by its name (the list of options is outside the tab's panel).
  await expect(page.getByRole('tabpanel', { name: ar['admin.webhooks'] }).getByText(ar['eventType.brief.published'], { exact: true })).toBeVisible();
  await expectAccessible(page);
  await context.close();
});
