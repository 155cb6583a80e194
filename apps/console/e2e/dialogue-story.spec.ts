import { expect, test, type Page } from '@playwright/test';
import { ar } from '../src/i18n/messages/ar';
import { en } from '../src/i18n/messages/en';
import { asOfficer, expectAccessible, signedIn, switchLanguage } from './helpers';
import { world } from './settings';

async function pick(page: Page, label: RegExp, option: RegExp) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).first().click();
  await page.keyboard.press('Escape');
}

// An outcome says the dialogue was held: the stories record dialogues that took place (their start
// in the past), and the form offers the day it started.
test('a desk-to-desk dialogue is recorded with recommendations, and one is followed to implemented', async ({ browser }) => {
  const { un, au } = world();
  const title = `UN–AU desk-to-desk on the Sahel ${Date.now()}`;
  const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const unOfficer = await signedIn(browser, un);
  const page = unOfficer.page;

  await page.goto('/dialogues/new');
  await page.getByLabel('Kind').selectOption('desk-to-desk');
  await page.getByLabel('Title').fill(title);
  await pick(page, /^Participating organizations/, /^AU —/);
  await page.getByLabel(/^Starts/).fill(`${day(-14)}T09:00`);
  await page.getByLabel('Place').fill('Addis Ababa');
  await page.getByLabel('Agenda').fill('Early warning\nJoint analysis');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Schedule' }).click();
  await expect(page).toHaveURL(/\/dialogues\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

  await page.getByLabel(/^Outcome/).fill('Agreed on two joint steps on early warning.');
  const heldOn = page.getByLabel(/^Held on/);
  await expect(heldOn).toHaveValue(day(-14));
  // The picker offers the dialogue's first day to today; a day typed past the latest the service
  // allows (today on the date line) is refused at the field, which names that latest day.
  await expect(heldOn).toHaveAttribute('min', day(-14));
  await expect(heldOn).toHaveAttribute('max', day(0));
  await heldOn.fill(day(400));
  await page.getByRole('button', { name: 'Record the outcome' }).click();
  const latest = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.now() + 14 * 3_600_000);
  const refusal = page.locator('.mantine-InputWrapper-error');
  await expect(refusal).toContainText(latest);
  await expect(refusal).toHaveText(en['field.notInFuture'].replace('{max}', latest));
  await heldOn.fill(day(-14));
  await page.getByRole('button', { name: 'Record the outcome' }).click();
  await expect(page.getByText('Agreed on two joint steps on early warning.')).toBeVisible();

  for (const text of ['Exchange early-warning analysis every quarter.', 'Hold a joint mediation training.']) {
    await page.getByLabel(/^Recommendation/).fill(text);
    await pick(page, /^Owners/, /^AU$/);
    await page.getByLabel('Due on').fill(day(200));
    await page.getByRole('button', { name: 'Adopt' }).click();
    await expect(page.getByTestId('recommendation').filter({ hasText: text })).toBeVisible();
  }

  const followed = page.getByTestId('recommendation').filter({ hasText: 'Exchange early-warning analysis every quarter.' });
  for (const [status, label] of [['agreed', 'Agreed'], ['in-progress', 'In progress'], ['implemented', 'Implemented']]) {
    await followed.getByLabel('New status').selectOption(status);
    await followed.getByRole('button', { name: 'Change the status' }).click();
    await expect(followed.getByTestId('recommendation-status')).toHaveText(label);
  }
  // Its history: proposed, then each change, oldest first.
  await expect(followed.getByRole('list', { name: 'Status history' }).or(followed.locator('.mantine-Timeline-item'))).toHaveCount(4);
  await expectAccessible(page);

  // The AU officer, a participant, sees the dialogue in the calendar, in the month it started.
  const auOfficer = await signedIn(browser, au);
  await auOfficer.page.goto(`/dialogues?view=calendar&month=${day(-14).slice(0, 7)}`);
  await expect(auOfficer.page.getByRole('link', { name: title })).toBeVisible();
  await expectAccessible(auOfficer.page);

  await unOfficer.context.close();
  await auOfficer.context.close();
});

test('a held dialogue is restricted by its convenor: the participant it leaves out no longer sees it', async ({ browser }) => {
  const { un, au } = world();
  const title = `UN–AU retreat on the Horn ${Date.now()}`;
  const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const convenor = await signedIn(browser, un);
  const page = convenor.page;
  await page.goto('/dialogues/new');
  await page.getByLabel('Kind').selectOption('retreat');
  await page.getByLabel('Title').fill(title);
  await pick(page, /^Participating organizations/, /^AU —/);
  await page.getByLabel(/^Starts/).fill(`${day(-7)}T09:00`);
  await page.getByRole('button', { name: 'Schedule' }).click();
  await expect(page).toHaveURL(/\/dialogues\/[0-9a-f-]{36}$/);
  const url = new URL(page.url()).pathname;
  await page.getByLabel(/^Outcome/).fill('Frank exchange; nothing to share beyond DPPA.');
  await page.getByLabel(/^Held on/).fill(day(-6));
  await page.getByRole('button', { name: 'Record the outcome' }).click();
  await expect(page.getByText('Frank exchange; nothing to share beyond DPPA.')).toBeVisible();

  // The AU took part and sees it, but who may read it is the convenor's call.
  const participant = await signedIn(browser, au);
  await participant.page.goto(url);
  await expect(participant.page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(participant.page.getByRole('link', { name: 'Change classification or audience' })).toHaveCount(0);

  await page.getByRole('link', { name: 'Change classification or audience' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Who may read this dialogue');
  // the same form in Arabic, right to left, passes axe-core too
  await switchLanguage(page, 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ar['dialogue.reachTitle']);
  await expectAccessible(page);
  await switchLanguage(page, 'en');
  await page.getByTestId('classification-amber-strict').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(new RegExp(`${url}$`));
  await expect(page.getByText('TLP:AMBER+STRICT')).toBeVisible();
  await expectAccessible(page);

  await participant.page.reload();
  await expect(participant.page.getByRole('alert')).toContainText('Not found, or you may not see it.');
  await expect(participant.page.getByText('Frank exchange')).toHaveCount(0);
  await convenor.context.close();
  await participant.context.close();
});

test('a dialogue still to come offers no outcome form, only the time from which one can be recorded', async ({ browser }) => {
  const { un, organizations } = world();
  // the demo world's staff-level meeting with the OSCE, next March
  const { items } = await asOfficer<{ items: { id: string; title: string; startsAt: string }[] }>(un.email, 'GET', `/dialogues?kind=staff-level&status=scheduled&participant=${organizations.OSCE}`);
  const meeting = items.find((item) => item.title === 'Annual UN–OSCE staff-level meeting');
  expect(meeting, 'the demo world has its UN–OSCE meeting').toBeDefined();
  const { context, page } = await signedIn(browser, un);
  await page.goto(`/dialogues/${meeting!.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(meeting!.title);
  await expect(page.getByTestId('outcome-from')).toHaveText(/^Its outcome can be recorded once it has started: from Mar 10, \d{4}/);
  await expect(page.getByLabel(/^Held on/)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Record the outcome' })).toHaveCount(0);
  await context.close();
});

/** What changes a dialogue or its recommendations, in the officer's language: edit, cancel, record the outcome, adopt one, move one's status. */
const changeControls = (page: Page, messages: typeof en) => [
  page.getByRole('link', { name: messages['dialogue.edit'] }),
  page.getByRole('button', { name: messages['dialogue.cancel'] }),
  page.getByRole('button', { name: messages['dialogue.recordOutcomeButton'] }),
  page.getByRole('button', { name: messages['recommendation.adoptButton'] }),
  page.getByRole('button', { name: messages['recommendation.changeStatus'] }),
];

test('a green dialogue is read by every partner, but changed, held or cancelled only by those who take part', async ({ browser }) => {
  const { un, au, las, organizations } = world();
  const title = `UN–AU consultation on the Great Lakes ${Date.now()}`;
  const startsAt = new Date(Date.now() - 2 * 86_400_000).toISOString();
  const dialogue = await asOfficer<{ id: string }>(un.email, 'POST', '/dialogues', {
    kind: 'consultation', title, participants: [organizations.UN, organizations.AU], startsAt, classification: 'green',
  });
  await asOfficer(un.email, 'POST', '/recommendations', { dialogueId: dialogue.id, text: 'Share the Great Lakes early-warning notes.', owners: [organizations.AU] });

  // The League of Arab States' officer (reading Arabic) reads it, green, but takes no part: nothing offers a change the service would refuse.
  const outsider = await signedIn(browser, las);
  await outsider.page.goto(`/dialogues/${dialogue.id}`);
  await expect(outsider.page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(outsider.page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(outsider.page.getByTestId('recommendation')).toHaveCount(1);
  for (const control of changeControls(outsider.page, ar)) {
    await expect(control).toHaveCount(0);
  }
  // Nor by the change's own address: the page says she may not change it, and offers no form.
  await outsider.page.goto(`/dialogues/${dialogue.id}/edit`);
  await expect(outsider.page.getByRole('heading', { level: 1 })).toHaveText(ar['dialogue.editTitle']);
  await expect(outsider.page.getByText(ar['dialogue.mayNotChange'])).toBeVisible();
  await expect(outsider.page.getByRole('button', { name: ar.save })).toHaveCount(0);
  await expect(outsider.page.getByRole('textbox')).toHaveCount(0);
  await expectAccessible(outsider.page);
  await outsider.page.goto(`/dialogues/${dialogue.id}/reach`);
  await expect(outsider.page.getByText(ar['dialogue.reachMayNotChange'])).toBeVisible();
  await expect(outsider.page.getByRole('button', { name: ar.save })).toHaveCount(0);
  await outsider.context.close();

  // The AU, a participant and the recommendation's owner, is offered each.
  const participant = await signedIn(browser, au);
  await participant.page.goto(`/dialogues/${dialogue.id}`);
  await expect(participant.page.getByRole('heading', { level: 1 })).toHaveText(title);
  for (const control of changeControls(participant.page, en)) {
    await expect(control).toBeVisible();
  }
  await participant.context.close();
});
