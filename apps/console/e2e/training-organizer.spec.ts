import { expect, test } from '@playwright/test';
import { ar } from '../src/i18n/messages/ar';
import { en } from '../src/i18n/messages/en';
import { asOfficer, expectAccessible, signedIn } from './helpers';
import { world } from './settings';
import { courseCard } from './training-catalogue';

// An organizer from the console alone: the UN officer publishes a course and schedules a session
// of it open only to the AU, with one seat (its bad inputs refused at their fields first); the AU
// officer sees it, amber and open to the AU, and takes the seat; the League of Arab States officer
// sees the course, never the session (and, reading Arabic, may schedule one of his own).

test('a UN officer publishes a course and schedules a session for the AU alone; the AU enrols, the LAS does not see it', async ({ browser }) => {
  const { au, las, un } = world();
  const title = `Early warning for joint desks ${Date.now()}`;
  const organizer = await signedIn(browser, un);
  const { page } = organizer;
  const sessionPosts: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/v1/sessions')) sessionPosts.push(request.url());
  });
  await page.goto('/training');

  const courseForm = page.getByTestId('course-form');
  await courseForm.getByLabel('Title').fill(title);
  await courseForm.getByLabel('Topic').selectOption('conflict-prevention');
  await courseForm.getByLabel('French').check();
  await courseForm.getByLabel('Description').fill('Reading the signals together, before a crisis.');
  await expectAccessible(page);
  await courseForm.getByRole('button', { name: 'Publish' }).click();
  // The new course is listed at once, without a reload; the form is empty again.
  const course = page.getByRole('region', { name: title });
  await expect(course.getByText('Conflict prevention')).toBeVisible();
  await expect(course.getByText('No session scheduled.')).toBeVisible();
  await expect(courseForm.getByLabel('Title')).toHaveValue('');

  await course.getByRole('button', { name: `Schedule a session of “${title}”` }).click();
  const form = course.getByTestId('new-session-form');
  const day = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  await form.getByLabel('Starts').fill(`${day}T09:00`);
  await form.getByLabel('Ends').fill(`${day}T08:00`);
  const seats = form.getByLabel('Seats');
  await seats.fill('0');
  await form.getByLabel('Place').fill('Addis Ababa');
  // Keyboard: from "every partner" the arrow key moves to "named organizations".
  await form.getByTestId('audience-everyone').focus();
  await expect(form.getByTestId('audience-everyone')).toBeChecked();
  await page.keyboard.press('ArrowDown');
  await expect(form.getByTestId('audience-named')).toBeChecked();
  await expect(form.getByText('Only officers of the organizations you name, and of the organizers, see the session and may enrol.')).toBeVisible();
  // None named would open it to every partner: refused at the list before anything is sent.
  await form.getByRole('button', { name: 'Schedule', exact: true }).click();
  const eligible = form.getByRole('combobox', { name: /^Organizations whose officers may enrol/ });
  await expect(form.getByText('Name at least one organization.')).toBeVisible();
  await eligible.click();
  await page.getByRole('option', { name: /^AU —/ }).click();
  await page.keyboard.press('Escape');

  // Seats left blank: the API has no default for them, so the form refuses it at the field and sends nothing.
  await seats.fill('');
  await form.getByRole('button', { name: 'Schedule', exact: true }).click();
  await expect(seats).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('.mantine-InputWrapper-error')).toHaveText(en['field.isDefined']);
  expect(sessionPosts).toEqual([]);
  // No seat at all: the body's refusal, at the seats field.
  await seats.fill('0');
  await form.getByRole('button', { name: 'Schedule', exact: true }).click();
  await expect(seats).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('.mantine-InputWrapper-error')).toHaveText('At least 1.');
  await expectAccessible(page);
  // One seat, but ending before it starts: the service's refusal, at the end.
  await seats.fill('1');
  await form.getByRole('button', { name: 'Schedule', exact: true }).click();
  await expect(form.getByLabel('Ends')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('.mantine-InputWrapper-error')).toHaveText('Must be after the start.');
  await form.getByLabel('Ends').fill(`${day}T17:00`);
  // An organization the registry does not know, named (the request is made to carry one): refused
  // at the list of organizations, once, not again at the audience choice above it.
  await page.route('**/api/v1/sessions', async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    const body = route.request().postDataJSON() as { audience: { organizations: string[] } };
    await route.continue({ postData: JSON.stringify({ ...body, audience: { organizations: [...body.audience.organizations, '00000000-0000-4000-8000-00000000dead'] } }) });
  });
  await form.getByRole('button', { name: 'Schedule', exact: true }).click();
  await expect(eligible).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText(en['field.unknownOrganization'])).toHaveCount(1);
  await page.unrouteAll();
  await form.getByRole('button', { name: 'Schedule', exact: true }).click();
  // Listed without a reload, and the UN organizes it.
  const row = course.getByTestId('training-session');
  await expect(row).toContainText('Addis Ababa');
  await expect(row).toContainText('1 seat');
  // Amber, as the TLP label says, and open to the AU: the list says both.
  await expect(row.locator('[data-tlp]')).toHaveText('TLP:AMBER');
  await expect(row).toContainText('Open to AU');
  await expect(row.getByRole('button', { name: 'Reschedule or change seats' })).toBeVisible();
  await expectAccessible(page);
  await expect(form).toHaveCount(0);
  await organizer.context.close();

  const auOfficer = await signedIn(browser, au);
  await auOfficer.page.goto('/training');
  const seen = auOfficer.page.getByRole('region', { name: title }).getByTestId('training-session');
  await expect(seen).toContainText('1 seat');
  await expect(seen.locator('[data-tlp]')).toHaveText('TLP:AMBER');
  await expect(seen).toContainText('Open to AU');
  await seen.getByRole('button', { name: 'Enrol' }).click();
  await expect(seen.getByTestId('enrolment-status')).toHaveText('Confirmed');
  // The AU may enrol but does not organize it: nothing offers its roster, a change or a cancellation (the service refuses them, not-organizer).
  for (const control of ['Roster', 'Reschedule or change seats', 'Cancel the session']) await expect(seen.getByRole('button', { name: control })).toHaveCount(0);
  await auOfficer.context.close();

  // The catalogue is green: the LAS officer sees the course, but not the session, open to the AU only.
  const lasOfficer = await signedIn(browser, las);
  await lasOfficer.page.goto('/training');
  const outside = lasOfficer.page.getByRole('region', { name: title });
  await expect(outside.getByText(ar['training.noSessions'])).toBeVisible();
  await expect(outside.getByTestId('training-session')).toHaveCount(0);
  // Any officer may schedule a session of it, as one of its organizers: the form, in Arabic, passes axe-core too.
  await outside.getByRole('button', { name: ar['training.scheduleNamed'].replace('{title}', title) }).click();
  const arabicForm = outside.getByTestId('new-session-form');
  await expect(arabicForm.getByText(ar['training.audience.everyoneHelp'])).toBeVisible();
  await expectAccessible(lasOfficer.page);
  // A refusal naming a field the form does not show (co-organizers, of an internal session) is
  // listed above it under the field's name and position in Arabic, not the API's path: the request
  // is made to carry a co-organizer with a NUL character, which the service refuses as `organizers.1`.
  await arabicForm.getByTestId('audience-own').check();
  await arabicForm.getByLabel(ar['training.field.startsAt']).fill(`${day}T09:00`);
  await arabicForm.getByLabel(ar['training.field.endsAt']).fill(`${day}T17:00`);
  await lasOfficer.page.route('**/api/v1/sessions', async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    const body = route.request().postDataJSON() as { organizers: string[] };
    await route.continue({ postData: JSON.stringify({ ...body, organizers: [...body.organizers, 'LAS\u0000'] }) });
  });
  await arabicForm.getByRole('button', { name: ar['training.scheduleButton'], exact: true }).click();
  // (the position in the digits Arabic is written with here, Western or Eastern Arabic)
  const field = ar['problem.fieldItem'].replace('{field}', ar['training.field.organizers']).replace('{position}', '[2٢]');
  await expect(arabicForm.getByRole('alert')).toContainText(new RegExp(`${ar['problem.fieldLine'].replace('{field}', field).replace('{message}', ar['field.noNulCharacter'].replace('.', '\\.'))}`));
  await expect(arabicForm.getByRole('alert')).not.toContainText('organizers');
  await expectAccessible(lasOfficer.page);
  await lasOfficer.page.unrouteAll();
  await arabicForm.getByRole('button', { name: ar.cancel }).click();
  await expect(arabicForm).toHaveCount(0);
  await lasOfficer.context.close();
});

test('an internal session is for its organization alone, said under the choice', async ({ browser }) => {
  const { un } = world();
  const { context, page } = await signedIn(browser, un);
  await page.goto('/training');
  const course = await courseCard(page, 'Mediation process design for desk officers');
  await course.getByRole('button', { name: /^Schedule a session of/ }).click();
  const form = course.getByTestId('new-session-form');
  await form.getByTestId('audience-own').check();
  await expect(form.getByText('An internal course: only officers of your own organization see the session and may enrol.')).toBeVisible();
  // Co-organizers would share it: an internal session offers none.
  await expect(form.getByRole('combobox', { name: /^Co-organizing organizations/ })).toHaveCount(0);
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(form).toHaveCount(0);
  await context.close();
});

// A course's sessions longer than a page: the service pages them newest first, so the first
// scheduled is on the last page; the course shows more, page by page, until it is reached.
test('more than a page of sessions of a course: the course shows more up to the first scheduled', async ({ browser }) => {
  const { un, organizations } = world();
  const run = Date.now();
  const title = `Standing clinic ${run}`;
  const course = await asOfficer<{ id: string }>(un.email, 'POST', '/courses', { title, topic: 'mediation' });
  const startsAt = run + 60 * 86_400_000;
  // internal to the UN (amber+strict), so no other organization's officers hear of them
  const schedule = (location: string) =>
    asOfficer(un.email, 'POST', '/sessions', {
      courseId: course.id,
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 3_600_000).toISOString(),
      seats: 5,
      location,
      organizers: [organizations.UN],
      audience: { organizations: [organizations.UN] },
    });
  const first = `First room ${run}`;
  await schedule(first);
  for (let batch = 0; batch < 10; batch += 1) {
    await Promise.all(Array.from({ length: 20 }, (_, n) => schedule(`Room ${batch * 20 + n + 1} of ${run}`)));
  }

  const { context, page } = await signedIn(browser, un);
  await page.goto('/training');
  const sessions = page.getByRole('region', { name: title }).getByTestId('training-session');
  await expect(sessions.filter({ hasText: `Room 200 of ${run}` })).toBeVisible();
  await expect(sessions.filter({ hasText: first })).toHaveCount(0);
  const more = page.getByRole('region', { name: title }).getByRole('button', { name: en.more });
  while (await more.isVisible()) {
    const shown = await sessions.count();
    await more.click();
    await expect.poll(() => sessions.count()).toBeGreaterThan(shown);
  }
  await expect(sessions).toHaveCount(201);
  await expect(sessions.filter({ hasText: first })).toBeVisible();
  await context.close();
});
