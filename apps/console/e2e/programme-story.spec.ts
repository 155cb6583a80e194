import { expect, test } from '@playwright/test';
import { ar } from '../src/i18n/messages/ar';
import { expectAccessible, signedIn } from './helpers';
import { world } from './settings';

test('a programme is launched with a partner, milestones planned and one completed: its progress follows', async ({ browser }) => {
  const { un, au } = world();
  const title = `AU mediation support ${Date.now()}`;
  const { context, page } = await signedIn(browser, un);
  await page.goto('/programmes');
  const launch = page.getByRole('region', { name: 'Launch a programme' });
  await launch.getByLabel(/^Title/).fill(title);
  // a UN officer launches with a regional or other organization, never with the UN itself
  const partners = launch.getByLabel(/^Partner organization/);
  await expect(partners.getByRole('option', { name: 'AU', exact: true })).toHaveCount(1);
  await expect(partners.getByRole('option', { name: 'UN', exact: true })).toHaveCount(0);
  await partners.selectOption({ label: 'AU' });
  await launch.getByRole('button', { name: 'Launch' }).click();
  const programme = page.getByRole('region', { name: title });
  await expect(programme).toBeVisible();

  const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  for (const milestone of ['Mediation roster agreed', 'First joint training held']) {
    await programme.getByRole('textbox', { name: 'Milestone' }).fill(milestone);
    await programme.getByLabel('Due on').fill(due);
    await programme.getByRole('button', { name: 'Plan' }).click();
    await expect(programme.getByText(milestone)).toBeVisible();
  }
  await expect(programme.getByText('0 of 2 milestones reached')).toBeVisible();
  await programme.getByRole('listitem').filter({ hasText: 'Mediation roster agreed' }).getByRole('button', { name: 'Mark done' }).click();
  await expect(programme.getByRole('listitem').filter({ hasText: 'Mediation roster agreed' }).getByText('Done')).toBeVisible();
  await expect(programme.getByText('1 of 2 milestones reached')).toBeVisible();
  await expectAccessible(page);
  await context.close();

  // The partner's officer sees it with its progress.
  const partner = await signedIn(browser, au);
  await partner.page.goto('/programmes');
  await expect(partner.page.getByRole('region', { name: title }).getByText('1 of 2 milestones reached')).toBeVisible();
  await partner.context.close();
});

test('a red programme names the officers who may read it: they see it, no one else does', async ({ browser }) => {
  const { un, au, las, organizations } = world();
  const title = `AU mediation roster, restricted ${Date.now()}`;
  const { context, page } = await signedIn(browser, un);
  await page.goto('/programmes');
  const launch = page.getByRole('region', { name: 'Launch a programme' });
  await launch.getByLabel(/^Title/).fill(title);
  await launch.getByLabel(/^Partner organization/).selectOption({ label: 'AU' });
  await launch.getByTestId('classification-red').check();
  // Red without a named officer: the API refuses, and the form says so where the officers are named.
  await launch.getByRole('button', { name: 'Launch' }).click();
  const officers = launch.getByRole('combobox', { name: /^Officers who may read it/ });
  await expect(officers).toHaveAttribute('aria-invalid', 'true');
  await officers.click();
  // the picker searches the registry by name as it is typed
  await officers.pressSequentially(au.name);
  await page.getByRole('option', { name: new RegExp(`^${au.name} `) }).click();
  await page.keyboard.press('Escape');
  await launch.getByRole('button', { name: 'Launch' }).click();
  await expect(page.getByRole('region', { name: title })).toBeVisible();
  await context.close();

  const named = await signedIn(browser, au);
  await named.page.goto('/programmes');
  await expect(named.page.getByRole('region', { name: title })).toBeVisible();
  await named.context.close();

  const outsider = await signedIn(browser, las);
  await outsider.page.goto('/programmes');
  // the demo world's green programme is listed, so the list has loaded; she reads it but, neither of
  // the UN nor its partner, is offered none of the writes the service would refuse her
  const green = outsider.page.getByRole('region', { name: /^UN–AU capacity-building/ });
  await expect(green).toBeVisible();
  await expect(outsider.page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(outsider.page.getByText(title)).toHaveCount(0);
  await expect(green.getByRole('listitem')).not.toHaveCount(0);
  await expect(green.getByRole('button', { name: ar['programme.complete'] })).toHaveCount(0);
  await expect(green.getByRole('button', { name: ar['programme.plan'] })).toHaveCount(0);
  // she launches a programme only with her own organization, which the form has chosen for her
  const partner = outsider.page.getByRole('region', { name: ar['programme.launch'] }).getByLabel(new RegExp(`^${ar['programme.partnerLabel']}`));
  await expect(partner.getByRole('option')).toHaveText(['LAS']);
  await expect(partner).toHaveValue(organizations.LAS);
  await outsider.context.close();
});
