import { expect, test, type Page } from '@playwright/test';
import { en } from '../src/i18n/messages/en';
import { fr } from '../src/i18n/messages/fr';
import { fetchWaitingOutBusy } from '../src/api/busy';
import { asOfficer, expectAccessible, screenshot, signedIn, switchLanguage } from './helpers';
import { settings, world } from './settings';

// The founding document's story, in the standalone's demo world: the AU officer publishes an
// amber brief for the UN; the UN's Africa desk officer sees it appear live in the inbox, in
// English; the Arabic-speaking officer of the League of Arab States (whose desk follows Sudan),
// not in its audience, never sees it.

async function unreadOf(page: Page): Promise<number> {
  return Number((await page.getByTestId('unread-badge').textContent())?.replace('+', '') ?? '0');
}

async function chooseAudience(page: Page, acronym: string) {
  await page.getByRole('combobox', { name: /^Organizations that may read it/ }).click();
  await page.getByRole('option', { name: new RegExp(`^${acronym} —`) }).click();
  await page.keyboard.press('Escape');
}

test('a problem the API names is shown next to its field', async ({ browser }) => {
  const { au } = world();
  const { context, page } = await signedIn(browser, au);
  await page.goto('/briefs/new');
  await page.getByLabel('Title').fill('Sahel: early warning');
  await page.getByLabel(/^Text/).fill('Draft.');
  await page.getByTestId('classification-amber').check();
  // Amber without an audience: the API refuses and names the audience.
  await page.getByRole('button', { name: 'Publish' }).click();
  const audience = page.getByRole('combobox', { name: /^Organizations that may read it/ });
  await expect(audience).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.mantine-InputWrapper-error')).toBeVisible();
  await expectAccessible(page);
  await context.close();
});

test('AMBER+STRICT is offered as the origin organization only: no audience to name, none shared', async ({ browser }) => {
  const { au, un } = world();
  const title = `Sahel: AU-internal assessment ${Date.now()}`;
  const { context, page } = await signedIn(browser, au);
  await page.goto('/briefs/new');
  await page.getByLabel('Title').fill(title);
  await page.getByLabel(/^Text/).fill('For the AU desk only.');
  await page.getByTestId('classification-amber').check();
  await chooseAudience(page, 'UN');
  // Tightened to AMBER+STRICT: the rule reads no audience list, so none is offered or said.
  await page.getByTestId('classification-amber-strict').check();
  await expect(page.getByRole('radio', { name: `TLP:AMBER+STRICT ${en['classification.amber-strict.help']}` })).toBeChecked();
  await expect(page.getByRole('combobox', { name: /^Organizations that may read it/ })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page).toHaveURL(/\/briefs\/[0-9a-f-]{36}$/);
  const briefPath = new URL(page.url()).pathname;
  await expect(page.locator('[data-tlp=amber-strict]')).toHaveText('TLP:AMBER+STRICT');
  await expect(page.getByTestId('reach')).toHaveText(en['reach.amberStrict'].replace('{origin}', 'AU'));
  await context.close();

  const unOfficer = await signedIn(browser, un);
  await unOfficer.page.goto(briefPath);
  await expect(unOfficer.page.getByRole('alert')).toBeVisible();
  await expect(unOfficer.page.getByText(title)).toHaveCount(0);
  await unOfficer.context.close();
});

test('an amber brief for the UN reaches the UN officer live, and never the officer outside its audience', async ({ browser }) => {
  const { au, un, las } = world();
  const title = `Sudan: humanitarian access in Darfur ${Date.now()}`;

  const unOfficer = await signedIn(browser, un);
  await unOfficer.page.goto('/inbox');
  await expect(unOfficer.page.getByTestId('live-status')).toHaveText('Live');
  const unreadBefore = await unreadOf(unOfficer.page);

  const lasOfficer = await signedIn(browser, las, 'ar');
  await lasOfficer.page.goto('/inbox');
  await expect(lasOfficer.page.locator('html')).toHaveAttribute('dir', 'rtl');

  const auOfficer = await signedIn(browser, au);
  await auOfficer.page.goto('/briefs/new');
  await auOfficer.page.getByLabel('Title').fill(title);
  await auOfficer.page.getByLabel(/^Text/).fill('Access to North Darfur has narrowed since the rains. The AU desk asks the UN to share its latest convoy figures.');
  await auOfficer.page.getByRole('combobox', { name: 'Countries' }).fill('SD');
  await auOfficer.page.keyboard.press('Enter');
  // The UN officer's desk follows Africa.
  await auOfficer.page.getByLabel('Region').selectOption('africa');
  await auOfficer.page.getByTestId('classification-amber').check();
  await chooseAudience(auOfficer.page, 'UN');
  await expectAccessible(auOfficer.page);
  await auOfficer.page.getByRole('button', { name: 'Publish' }).click();
  await expect(auOfficer.page).toHaveURL(/\/briefs\/[0-9a-f-]{36}$/);
  const briefPath = new URL(auOfficer.page.url()).pathname;
  const label = auOfficer.page.locator('[data-tlp=amber]');
  await expect(label).toHaveText('TLP:AMBER');
  await expect(label).toHaveCSS('color', 'rgb(255, 192, 0)');
  await expect(label).toHaveCSS('background-color', 'rgb(0, 0, 0)');

  // The UN officer's inbox shows it without a reload, and the badge counts it.
  const item = unOfficer.page.getByTestId('inbox-list').getByRole('link', { name: title });
  await expect(item).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => unreadOf(unOfficer.page)).toBe(unreadBefore + 1);
  // Screen readers hear it arrive.
  await expect(unOfficer.page.getByTestId('live-announcement')).toContainText(title);
  await expectAccessible(unOfficer.page);
  await screenshot(unOfficer.page, 'inbox-en');

  await item.click();
  await expect(unOfficer.page).toHaveURL(new RegExp(`${briefPath}$`));
  await expect(unOfficer.page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(unOfficer.page.getByText('Access to North Darfur')).toBeVisible();
  await expect.poll(() => unreadOf(unOfficer.page)).toBe(unreadBefore);
  await expectAccessible(unOfficer.page);
  await screenshot(unOfficer.page, 'brief-en');

  await switchLanguage(unOfficer.page, 'ar');
  await expect(unOfficer.page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expectAccessible(unOfficer.page);
  await screenshot(unOfficer.page, 'brief-ar');
  await unOfficer.page.goto('/inbox');
  await expect(unOfficer.page.getByTestId('inbox-list').getByRole('link', { name: title })).toBeVisible();
  await expectAccessible(unOfficer.page);
  await screenshot(unOfficer.page, 'inbox-ar');
  await switchLanguage(unOfficer.page, 'en');

  // The LAS officer: not in the inbox, not in search, and the brief itself is not found.
  await lasOfficer.page.waitForTimeout(3_000);
  await expect(lasOfficer.page.getByTestId('inbox-list').getByText(title)).toHaveCount(0);
  await lasOfficer.page.goto(`/briefs?q=${encodeURIComponent('Darfur humanitarian access')}`);
  await expect(lasOfficer.page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(lasOfficer.page.getByText(title)).toHaveCount(0);
  await lasOfficer.page.goto(briefPath);
  await expect(lasOfficer.page.getByRole('alert')).toBeVisible();
  await expect(lasOfficer.page.getByText(title)).toHaveCount(0);
  await expectAccessible(lasOfficer.page);

  // The UN officer finds it by full-text search.
  await unOfficer.page.goto('/briefs');
  await unOfficer.page.getByRole('searchbox').fill('Darfur access');
  await unOfficer.page.getByRole('button', { name: 'Search' }).click();
  await expect(unOfficer.page.getByRole('link', { name: title })).toBeVisible();

  // The author withdraws it: the UN officer no longer reads it.
  auOfficer.page.once('dialog', (dialog) => void dialog.accept());
  await auOfficer.page.getByRole('button', { name: 'Withdraw this brief' }).click();
  await expect(auOfficer.page).toHaveURL(/\/briefs$/);
  await unOfficer.page.goto(briefPath);
  await expect(unOfficer.page.getByRole('alert')).toBeVisible();

  for (const session of [unOfficer, lasOfficer, auOfficer]) await session.context.close();
});

test('a brief is withdrawn by its author or an admin of its organization: another officer of it may change its reach, not withdraw it', async ({ browser }) => {
  const { admin, un } = world();
  const title = `DPPA note on the Sahel ${Date.now()}`;
  const brief = await asOfficer<{ id: string }>(admin.email, 'POST', '/briefs', { title, body: 'Notes for the Sahel desk.', classification: 'green', countries: ['ML'], region: 'africa' });
  const { context, page } = await signedIn(browser, un);
  await page.goto(`/briefs/${brief.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('link', { name: en['briefs.edit'] })).toBeVisible();
  await expect(page.getByRole('button', { name: en['briefs.withdraw'] })).toHaveCount(0);
  await context.close();
});

// No screen of the console reaches the service's `origin-only` refusal any more: the reach form is
// offered to officers of the brief's origin alone, and a brief's origin never changes. Its words are
// still the officer's: the refusal the service gives another organization's officer, put in the
// reply to the form, is shown in French.
test("the service's origin-only refusal is shown in the officer's language", async ({ browser }) => {
  const { au, un, organizations } = world();
  const brief = await asOfficer<{ id: string }>(au.email, 'POST', '/briefs', {
    title: `Sahel: cross-border patrols ${Date.now()}`, body: 'Figures for the UN desk.', classification: 'amber', countries: ['ML'], region: 'africa', audience: { organizations: [organizations.UN] },
  });
  const refused = await fetchWaitingOutBusy(
    new Request(`${settings.baseUrl}/api/v1/briefs/${brief.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world().tokens[un.email].accessToken}` },
      body: JSON.stringify({ classification: 'green' }),
    }),
  );
  const refusal = await refused.text();
  expect(refused.status).toBe(403);
  expect(JSON.parse(refusal)).toMatchObject({ code: 'origin-only' });

  // French in this browser only: the officer's saved language stays as the other tests expect it
  const { context, page } = await signedIn(browser, { ...au, language: 'fr' });
  await page.route(`**/api/v1/briefs/${brief.id}`, (route) =>
    route.request().method() === 'PATCH' ? route.fulfill({ status: 403, contentType: refused.headers.get('content-type') ?? 'application/problem+json', body: refusal }) : route.fallback(),
  );
  await page.goto(`/briefs/${brief.id}/edit`);
  await page.getByRole('button', { name: fr.save }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(fr['problem.403']);
  await expect(alert).toContainText(fr['problem.code.origin-only']);
  await expectAccessible(page);
  await context.close();
});
