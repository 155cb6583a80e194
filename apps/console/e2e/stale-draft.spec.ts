import { expect, test } from '@playwright/test';
import { asOfficer, signedIn } from './helpers';
import { world } from './settings';

// A change form keeps what the officer typed in a draft (so a session that expires loses nothing),
// but never a draft of the record as it was before someone else changed it: saved, that draft
// would silently undo their change.

test("a brief's audience widened by a colleague is what its change form shows, and saving keeps it", async ({ browser }) => {
  const { au, organizations } = world();
  const title = `Somalia: AUSSOM funding gap ${Date.now()}`;
  const brief = await asOfficer<{ id: string }>(au.email, 'POST', '/briefs', {
    title, body: 'Figures for the next quarter.', classification: 'amber', countries: ['SO'], region: 'africa', audience: { organizations: [organizations.UN] },
  });

  // The officer opens the change form, then leaves it by the navigation, not by Cancel.
  const { context, page } = await signedIn(browser, au);
  await page.goto(`/briefs/${brief.id}/edit`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Who may read this brief');
  await expect(page.getByTestId('classification-amber')).toBeChecked();
  await page.getByRole('navigation').getByRole('link', { name: 'Briefs' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Briefs' })).toBeVisible();

  // A colleague of the AU desk shares it with the League of Arab States too.
  await asOfficer(au.email, 'PATCH', `/briefs/${brief.id}`, { classification: 'amber', audience: { organizations: [organizations.UN, organizations.LAS] } });

  // Back on the form, the officer only presses Save: the League stays among its readers.
  await page.goto(`/briefs/${brief.id}/edit`);
  await expect(page.getByTestId('classification-amber')).toBeChecked();
  await expect(page.getByText(/^LAS —/).filter({ visible: true })).toBeVisible();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(new RegExp(`/briefs/${brief.id}$`));
  await expect(page.getByTestId('reach')).toContainText('LAS');
  await context.close();
});
