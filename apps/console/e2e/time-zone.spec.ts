import { expect, test } from '@playwright/test';
import { en } from '../src/i18n/messages/en';
import { asOfficer, signedIn } from './helpers';
import { world } from './settings';

// Days are the officer's own: a dialogue is in the month, and was held on the day, that the
// officer's calendar shows, not the day it is in UTC. The officer's calendar is the time zone
// saved in Settings (UTC too), else, when none is saved, the browser's.

const ZONE = 'Pacific/Auckland';

/**
 * The 1st of a month two months back, at 20:30 UTC the day before: the morning of the 1st in
 * Auckland (UTC+12 or +13). In the past, so the dialogue has started and offers its outcome form.
 */
function morningOfTheFirstInAuckland() {
  const back = new Date(Date.now() - 60 * 86_400_000);
  const first = Date.UTC(back.getUTCFullYear(), back.getUTCMonth(), 1);
  const startsAt = new Date(first - 3.5 * 3_600_000);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(startsAt);
  const month = new Intl.DateTimeFormat('en', { timeZone: ZONE, month: 'long', year: 'numeric' }).format(startsAt);
  expect(day.endsWith('-01')).toBe(true);
  return { startsAt, day, month };
}

/** An instant as a zone's clock shows it, as a `datetime-local` value. */
const clockIn = (zone: string) => (instant: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: zone, dateStyle: 'short', timeStyle: 'short' }).format(instant).replace(' ', 'T');
const aucklandClock = clockIn(ZONE);

test('a dialogue on the morning of the 1st in Auckland is on the 1st there: in the calendar month and as the day it was held', async ({ browser }) => {
  const { un, organizations } = world();
  const { startsAt, day, month } = morningOfTheFirstInAuckland();

  const title = `UN–AU retreat in Auckland ${Date.now()}`;
  const dialogue = await asOfficer<{ id: string }>(un.email, 'POST', '/dialogues', {
    kind: 'retreat', title, participants: [organizations.UN, organizations.AU], startsAt: startsAt.toISOString(), location: 'Auckland',
  });

  // The UN officer saved no time zone: her browser's, Auckland's, is hers.
  const { context, page } = await signedIn(browser, un, 'en-GB', ZONE);
  await page.goto('/settings');
  await expect(page.getByLabel(en['settings.timezone'], { exact: true }).locator('option:checked')).toHaveText(en['settings.timezoneNotChosen'].replace('{zone}', ZONE));
  await page.goto(`/dialogues?view=calendar&month=${day.slice(0, 7)}`);
  await expect(page.getByRole('region', { name: month }).getByRole('link', { name: title })).toBeVisible();

  await page.goto(`/dialogues/${dialogue.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByLabel(/^Held on/)).toHaveValue(day);
  await context.close();
});

test("the time zone saved in Settings, not the browser's, gives the days, the times shown and the times typed", async ({ browser }) => {
  const { au, organizations } = world();
  const { startsAt, day, month } = morningOfTheFirstInAuckland();
  const title = `AU–UN retreat, Auckland time ${Date.now()}`;
  const dialogue = await asOfficer<{ id: string }>(au.email, 'POST', '/dialogues', {
    kind: 'retreat', title, participants: [organizations.AU, organizations.UN], startsAt: startsAt.toISOString(), location: 'Auckland',
  });

  // The AU officer's browser is in Los Angeles, where the dialogue is on the last day of the month before.
  const { context, page } = await signedIn(browser, au, 'en-GB', 'America/Los_Angeles');
  try {
    await page.goto('/settings');
    await page.getByLabel(en['settings.timezone'], { exact: true }).selectOption(ZONE);
    await page.getByRole('button', { name: en.save, exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: en.saved })).toBeVisible();

    await page.goto(`/dialogues?view=calendar&month=${day.slice(0, 7)}`);
    await expect(page.getByRole('region', { name: month }).getByRole('link', { name: title })).toBeVisible();

    await page.goto(`/dialogues/${dialogue.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    const date = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: ZONE }).format(startsAt);
    await expect(page.getByText(`${en['dialogue.kind.retreat']} · ${date}`)).toBeVisible();
    await expect(page.getByLabel(/^Held on/)).toHaveValue(day);

    // The start is shown as Auckland's clock, and a time typed is read as Auckland's.
    await page.goto(`/dialogues/${dialogue.id}/edit`);
    const starts = page.getByLabel(new RegExp(`^${en['dialogues.field.startsAt']}`));
    await expect(starts).toHaveValue(aucklandClock(startsAt));
    await starts.fill(`${day}T10:00`);
    await page.getByRole('button', { name: en.save, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/dialogues/${dialogue.id}$`));
    const saved = await asOfficer<{ startsAt: string }>(au.email, 'GET', `/dialogues/${dialogue.id}`);
    expect(aucklandClock(new Date(saved.startsAt))).toBe(`${day}T10:00`);
  } finally {
    // Leaves the officer as the other tests expect him: no time zone chosen.
    await asOfficer(au.email, 'PATCH', '/notifications/preferences', { timezone: null });
    await context.close();
  }
});

test("a UTC saved in Settings is UTC, not the browser's zone: the days and times shown and typed are UTC's", async ({ browser }) => {
  const { au, organizations } = world();
  const { startsAt } = morningOfTheFirstInAuckland();
  const utcDay = startsAt.toISOString().slice(0, 10);
  const title = `AU–UN retreat, UTC time ${Date.now()}`;
  const dialogue = await asOfficer<{ id: string }>(au.email, 'POST', '/dialogues', {
    kind: 'retreat', title, participants: [organizations.AU, organizations.UN], startsAt: startsAt.toISOString(), location: 'Auckland',
  });

  // The AU officer's browser is in Auckland, where the dialogue is on the 1st; in UTC it is the day before.
  const { context, page } = await signedIn(browser, au, 'en-GB', ZONE);
  try {
    await page.goto('/settings');
    const zone = page.getByLabel(en['settings.timezone'], { exact: true });
    await zone.selectOption('UTC');
    await page.getByRole('button', { name: en.save, exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: en.saved })).toBeVisible();
    await page.reload();
    await expect(zone).toHaveValue('UTC');

    await page.goto(`/dialogues/${dialogue.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    const date = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(startsAt);
    await expect(page.getByText(`${en['dialogue.kind.retreat']} · ${date}`)).toBeVisible();
    await expect(page.getByLabel(/^Held on/)).toHaveValue(utcDay);

    await page.goto(`/dialogues/${dialogue.id}/edit`);
    await expect(page.getByLabel(new RegExp(`^${en['dialogues.field.startsAt']}`))).toHaveValue(clockIn('UTC')(startsAt));
  } finally {
    await asOfficer(au.email, 'PATCH', '/notifications/preferences', { timezone: null });
    await context.close();
  }
});
