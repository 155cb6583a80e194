import { expect, test } from '@playwright/test';
import { ar } from '../src/i18n/messages/ar';
import { en } from '../src/i18n/messages/en';
import { asOfficer, expectAccessible, signedIn, switchLanguage } from './helpers';
import { world } from './settings';

// Changing what was recorded: a brief's reach (its origin organization only), a session's dates
// and seats (its organizers), a milestone's due date, a dialogue's place. A refusal from the API
// shows at the field it names, in the officer's language (by the problem's codes); each form
// passes axe-core in English and in Arabic.

/** A message with one `{name, number}` argument as a pattern for that digit, Latin or Arabic-Indic (as the locale writes it). */
function withNumber(message: string, digit: string): RegExp {
  const arabic = String.fromCharCode(0x0660 + Number(digit));
  const [before, after] = message.split(/\{[^{}]*\}/);
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${escape(before)}[${digit}${arabic}]${escape(after ?? '')}`);
}

test("the AU officer widens an amber brief's audience to the League of Arab States, which then reads it", async ({ browser }) => {
  const { au, un, las, organizations } = world();
  const title = `Sudan: ceasefire committee membership ${Date.now()}`;
  const brief = await asOfficer<{ id: string }>(au.email, 'POST', '/briefs', {
    title, body: 'Names proposed for the committee.', classification: 'amber', countries: ['SD'], region: 'africa', audience: { organizations: [organizations.UN] },
  });

  const lasOfficer = await signedIn(browser, las, 'ar');
  await lasOfficer.page.goto(`/briefs/${brief.id}`);
  await expect(lasOfficer.page.getByRole('alert')).toBeVisible();
  await expect(lasOfficer.page.getByText(title)).toHaveCount(0);

  // A reader outside the origin organization is not offered the change.
  const unOfficer = await signedIn(browser, un);
  await unOfficer.page.goto(`/briefs/${brief.id}`);
  await expect(unOfficer.page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(unOfficer.page.getByRole('link', { name: 'Change classification or audience' })).toHaveCount(0);
  await unOfficer.context.close();

  const { context, page } = await signedIn(browser, au);
  await page.goto(`/briefs/${brief.id}`);
  await page.getByRole('link', { name: 'Change classification or audience' }).click();
  await expect(page).toHaveURL(new RegExp(`/briefs/${brief.id}/edit$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Who may read this brief');
  await expectAccessible(page);

  // Red without named officers: the API refuses and names the officers' field.
  await page.getByTestId('classification-red').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('combobox', { name: /^Officers who may read it/ })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.mantine-InputWrapper-error')).toHaveText(en['field.audienceRequired'].replace('{classification}', 'TLP:RED'));
  await expectAccessible(page);

  // Back to amber: the UN is still chosen; the League of Arab States is added.
  await page.getByTestId('classification-amber').check();
  await page.getByRole('combobox', { name: /^Organizations that may read it/ }).click();
  await page.getByRole('option', { name: /^LAS —/ }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(new RegExp(`/briefs/${brief.id}$`));
  await expect(page.getByTestId('reach')).toContainText('LAS');
  await context.close();

  await lasOfficer.page.reload();
  await expect(lasOfficer.page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expectAccessible(lasOfficer.page);

  // The League's officer, a reader but not of its origin organization, tries the change by its
  // address: she is told, in Arabic, that only its origin organization changes it, and offered no form.
  await lasOfficer.page.goto(`/briefs/${brief.id}/edit`);
  await expect(lasOfficer.page.getByRole('heading', { level: 1 })).toHaveText(ar['briefs.editTitle']);
  await expect(lasOfficer.page.getByText(ar['briefs.mayNotChange'])).toBeVisible();
  await expect(lasOfficer.page.getByRole('button', { name: ar.save })).toHaveCount(0);
  await expectAccessible(lasOfficer.page);
  await lasOfficer.context.close();
});

test('organizers reschedule a session and add a seat: too few seats is refused at the field, in English and in Arabic, and the waitlist moves up', async ({ browser }) => {
  const { un, au, las, organizations } = world();
  const courseTitle = `Electoral mediation ${Date.now()}`;
  const course = await asOfficer<{ id: string }>(un.email, 'POST', '/courses', { title: courseTitle, topic: 'mediation', languages: ['en', 'ar'] });
  const startsAt = new Date(Date.now() + 20 * 86_400_000);
  const session = await asOfficer<{ id: string }>(un.email, 'POST', '/sessions', {
    courseId: course.id, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 2 * 86_400_000).toISOString(), seats: 2, organizers: [organizations.UN, organizations.LAS], online: true,
  });
  expect((await asOfficer<{ status: string }>(au.email, 'POST', '/enrolments', { sessionId: session.id })).status).toBe('confirmed');
  expect((await asOfficer<{ status: string }>(un.email, 'POST', '/enrolments', { sessionId: session.id })).status).toBe('confirmed');
  const waiting = await asOfficer<{ id: string; status: string }>(las.email, 'POST', '/enrolments', { sessionId: session.id });
  expect(waiting.status).toBe('waitlisted');

  const { context, page } = await signedIn(browser, un);
  await page.goto('/training');
  const row = page.getByRole('region', { name: courseTitle }).getByTestId('training-session');
  await row.getByRole('button', { name: 'Reschedule or change seats' }).click();
  const form = row.getByTestId('session-form');
  await form.getByLabel('Seats').fill('0');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByLabel('Seats')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('.mantine-InputWrapper-error')).toHaveText('At least 1.');
  // A blank field is refused at the field before anything is sent, not sent as no seats at all.
  const patches: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'PATCH' && request.url().includes(`/sessions/${session.id}`)) patches.push(request.url());
  });
  await form.getByLabel('Seats').fill('');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.locator('.mantine-InputWrapper-error')).toHaveText('Required.');
  expect(patches).toEqual([]);
  await expectAccessible(page);
  await context.close();

  // The League of Arab States co-organizes; its officer reads Arabic. Fewer seats than the two
  // confirmed is the service's refusal (409 seats-taken, naming the seats); none at all is the
  // body's (400, the rule's minimum): each is said in Arabic at the seats field.
  const organizer = await signedIn(browser, las);
  await organizer.page.goto('/training');
  const arabicRow = organizer.page.getByRole('region', { name: courseTitle }).getByTestId('training-session');
  await arabicRow.getByRole('button', { name: ar['training.edit'] }).click();
  const arabicForm = arabicRow.getByTestId('session-form');
  const seats = arabicForm.getByLabel(ar['training.field.seats']);
  await seats.fill('1');
  await arabicForm.getByRole('button', { name: ar.save }).click();
  await expect(seats).toHaveAttribute('aria-invalid', 'true');
  await expect(arabicForm.locator('.mantine-InputWrapper-error')).toHaveText(withNumber(ar['field.min'], '2'));
  await seats.fill('0');
  await arabicForm.getByRole('button', { name: ar.save }).click();
  await expect(arabicForm.locator('.mantine-InputWrapper-error')).toHaveText(withNumber(ar['field.min'], '1'));
  await expectAccessible(organizer.page);

  const later = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await arabicForm.getByLabel(ar['training.field.startsAt']).fill(`${later}T09:00`);
  await arabicForm.getByLabel(ar['training.field.endsAt']).fill(`${later}T17:00`);
  await seats.fill('3');
  await arabicForm.getByRole('button', { name: ar.save }).click();
  await expect(arabicForm).toHaveCount(0);
  await organizer.context.close();

  const moved = await asOfficer<{ startsAt: string; seats: number }>(un.email, 'GET', `/sessions/${session.id}`);
  expect(moved).toMatchObject({ startsAt: `${later}T09:00:00.000Z`, seats: 3 });
  await expect.poll(async () => (await asOfficer<{ status: string }>(las.email, 'GET', `/enrolments/${waiting.id}`)).status).toBe('confirmed');
});

test("a late milestone is rescheduled and a dialogue's place changed, each form passing axe-core in English and Arabic", async ({ browser }) => {
  const { un } = world();
  const { context, page } = await signedIn(browser, un);
  await page.goto('/programmes');
  const milestone = page.getByRole('region', { name: 'UN–AU capacity-building in political and security affairs' }).getByRole('listitem').filter({ hasText: 'AU mediation roster operational' });
  await expect(milestone.getByText('Late')).toBeVisible();
  await milestone.getByRole('button', { name: 'Reschedule “AU mediation roster operational”' }).click();
  await milestone.getByLabel('New due date').fill(new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10));
  await expectAccessible(page);
  // the open form in Arabic (the switch keeps it open), then back: the officer's profile stays English
  await switchLanguage(page, 'ar');
  await expect(milestone.getByLabel(ar['programme.newDueOn'])).toBeVisible();
  await expectAccessible(page);
  await switchLanguage(page, 'en');
  await milestone.getByRole('button', { name: 'Save' }).click();
  await expect(milestone.getByText('Late')).toHaveCount(0);

  await page.goto('/dialogues');
  await page.getByRole('link', { name: 'Annual UN–OSCE staff-level meeting' }).first().click();
  await page.getByRole('link', { name: 'Change or reschedule' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Change the dialogue');
  await expect(page.getByLabel('Place')).toHaveValue('Vienna');
  await expectAccessible(page);
  await page.getByLabel('Title').fill('');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.mantine-InputWrapper-error')).toHaveText('Must not be empty.');
  // The refusal is kept by its code: in Arabic the same field says it in Arabic.
  await switchLanguage(page, 'ar');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ar['dialogue.editTitle']);
  await expect(page.locator('.mantine-InputWrapper-error')).toHaveText(ar['field.minLength'].match(/one \{([^}]*)\}/)![1]);
  await expectAccessible(page);
  await switchLanguage(page, 'en');
  await page.getByLabel('Title').fill('Annual UN–OSCE staff-level meeting');
  await page.getByLabel('Place').fill('Vienna, Hofburg');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/\/dialogues\/[0-9a-f-]{36}$/);
  await expect(page.getByText(/Vienna, Hofburg/)).toBeVisible();
  // An end time given, then emptied, is removed: the form does not keep the old one.
  const dialogueUrl = page.url();
  for (const endsAt of ['2030-01-01T17:00', '']) {
    await page.getByRole('link', { name: 'Change or reschedule' }).click();
    await page.getByLabel('Ends').fill(endsAt);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page).toHaveURL(dialogueUrl);
  }
  await page.getByRole('link', { name: 'Change or reschedule' }).click();
  await expect(page.getByLabel('Ends')).toHaveValue('');
  await context.close();
});
