import { expect, test } from '@playwright/test';
import { en } from '../src/i18n/messages/en';
import { asOfficer, signedIn } from './helpers';
import { world } from './settings';

// The kinds of record the inbox filters on, and a subscription to a kind names, are those the
// notifications service makes items for (services/notifications/src/events/event-facts.ts):
// a session rescheduled and an enrolment withdrawn are training news too, courses and
// certificates are kinds of their own; reclassifications make no items and are not offered.

interface Subscription {
  id: string;
  isDefault: boolean;
  filters: { eventTypes: string[] };
}

test('a subscription to training sessions and enrolments names every event the service makes items of for them, listed with every other', async ({ browser }) => {
  const { au } = world();
  const { context, page } = await signedIn(browser, au);
  let created: Subscription | undefined;
  // more than a page of the service's (50) of the officer's own, on a country no story records anything on
  const many: Subscription[] = [];
  try {
    for (let batch = 0; batch < 6; batch += 1) {
      many.push(...(await Promise.all(Array.from({ length: 10 }, () => asOfficer<Subscription>(au.email, 'POST', '/subscriptions', { filters: { countries: ['IS'] }, channels: ['in-app'] })))));
    }
    await page.goto('/settings');
    // the settings list every one the officer keeps, not a page of them; read to the last before
    // the kinds list is opened, so the page no longer grows under it
    const iceland = page.getByText(`${en['settings.everything']} · Iceland`, { exact: true });
    await expect(iceland).toHaveCount(many.length);
    // (not searchable, the list's input takes no click: the keyboard opens it)
    await page.getByRole('combobox', { name: en['settings.kinds'] }).focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('option', { name: en['inbox.kind.session'] }).click();
    await page.getByRole('option', { name: en['inbox.kind.enrolment'] }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: en['settings.subscribe'], exact: true }).click();
    const line = new Intl.ListFormat('en', { type: 'conjunction' }).format([en['inbox.kind.session'], en['inbox.kind.enrolment']]);
    await expect(page.getByText(line, { exact: true })).toBeVisible();

    const { items } = await asOfficer<{ items: Subscription[] }>(au.email, 'GET', '/subscriptions?limit=100');
    await expect(iceland).toHaveCount(many.length);
    created = items.find((subscription) => !subscription.isDefault && subscription.filters.eventTypes.includes('liaison.session.scheduled.v1'));
    expect(created?.filters.eventTypes.sort()).toEqual(
      [
        'liaison.session.scheduled.v1', 'liaison.session.rescheduled.v1', 'liaison.session.cancelled.v1',
        'liaison.enrolment.confirmed.v1', 'liaison.enrolment.waitlisted.v1', 'liaison.enrolment.withdrawn.v1', 'liaison.enrolment.completed.v1',
      ].sort(),
    );
  } finally {
    for (const subscription of [...many, ...(created ? [created] : [])]) await asOfficer(au.email, 'DELETE', `/subscriptions/${subscription.id}`);
    await context.close();
  }
});

test('the inbox filters on courses and certificates too', async ({ browser }) => {
  const { un } = world();
  const { context, page } = await signedIn(browser, un);
  await page.goto('/inbox');
  const kind = page.getByLabel(en['inbox.kind'], { exact: true });
  await expect(kind.getByRole('option', { name: en['inbox.kind.course'] })).toHaveCount(1);
  await expect(kind.getByRole('option', { name: en['inbox.kind.certificate'] })).toHaveCount(1);
  await kind.selectOption('course');
  await expect(page).toHaveURL(/[?&]kind=course/);
  await context.close();
});
