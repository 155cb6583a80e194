import { expect, test } from '@playwright/test';
import { en } from '../src/i18n/messages/en';
import { asOfficer, signedIn } from './helpers';
import { world } from './settings';

// The admin's webhooks panel reads the organization's endpoints 50 at a time, newest first: the
// first registered of 51 is on the second page, which "Show more" brings.
test('more than 50 webhook endpoints: the first registered shows after "Show more"', async ({ browser }) => {
  const { admin } = world();
  const run = Date.now();
  // an address of the documentation range (RFC 5737): public, so the service takes it, and reached by no one
  const urlOf = (n: number) => `https://203.0.113.7/liaison-e2e/${run}/endpoint-${n}`;
  const register = (n: number) => asOfficer<{ id: string }>(admin.email, 'POST', '/webhooks', { url: urlOf(n), eventTypes: ['liaison.certificate.revoked.v1'] });
  const registered: { id: string }[] = [];
  try {
    registered.push(await register(1));
    for (let batch = 0; batch < 5; batch += 1) {
      registered.push(...(await Promise.all(Array.from({ length: 10 }, (_, n) => register(2 + batch * 10 + n)))));
    }

    const { context, page } = await signedIn(browser, admin);
    await page.goto('/admin');
    await page.getByRole('tab', { name: en['admin.webhooks'] }).click();
    const panel = page.getByRole('tabpanel', { name: en['admin.webhooks'] });
    await expect(panel.getByRole('cell', { name: urlOf(51), exact: true })).toBeVisible();
    await expect(panel.getByRole('cell', { name: urlOf(1), exact: true })).toHaveCount(0);

    await panel.getByRole('button', { name: en.more }).click();
    await expect(panel.getByRole('cell', { name: urlOf(1), exact: true })).toBeVisible();
    await expect(panel.getByRole('cell', { name: new RegExp(`/liaison-e2e/${run}/`) })).toHaveCount(51);
    await context.close();
  } finally {
    // removed, they leave the organization's panel as the other tests expect it
    for (const endpoint of registered) await asOfficer(admin.email, 'DELETE', `/webhooks/${endpoint.id}`);
  }
});
