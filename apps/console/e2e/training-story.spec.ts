import { expect, test } from '@playwright/test';
import { asOfficer, expectAccessible, signedIn } from './helpers';
import { world } from './settings';
import { courseCard } from './training-catalogue';

// The training part of the story, on the demo world's joint UN–AU mediation course: its session's
// two seats are taken (the AU and ECOWAS officers), the EU officer waits; an officer who enrols now
// is waitlisted behind them. A certificate needs a session that has begun (the demo's is weeks
// away), so the AU officer takes a short one about to start, and that certificate is verified
// without signing in; the UN officer, waitlisted for it, is told once it is over that she was not
// seated.

const COURSE = 'Mediation process design for desk officers';

test("an officer enrols in the demo's full session and is waitlisted; a certificate is verified without signing in", async ({ browser }) => {
  const { au, un } = world();
  const unOfficer = await signedIn(browser, un);
  await unOfficer.page.goto('/training');
  const course = await courseCard(unOfficer.page, COURSE);
  await expect(course.getByText('2 seats')).toBeVisible();
  await course.getByTestId('training-session').getByRole('button', { name: 'Enrol' }).click();
  // Two confirmed, one waiting before her: second on the waitlist.
  await expect(course.getByTestId('enrolment-status')).toHaveText('Waitlisted, position 2');
  await expectAccessible(unOfficer.page);
  await unOfficer.context.close();

  // The UN organizes a short session of one seat, starting in a few seconds and over a few seconds
  // later; the AU officer takes the seat, the UN officer waits behind. Once it has begun, the
  // UN officer records the AU officer's attendance and completes the enrolment, which issues a
  // certificate anyone can check.
  const briefing = `Mediation briefing ${Date.now()}`;
  const briefingCourse = await asOfficer<{ id: string }>(un.email, 'POST', '/courses', { title: briefing, topic: 'mediation' });
  const startsAt = Date.now() + 8_000;
  const endsAt = startsAt + 4_000;
  const session = await asOfficer<{ id: string }>(un.email, 'POST', '/sessions', {
    courseId: briefingCourse.id, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString(), seats: 1, online: true,
  });
  const seated = await asOfficer<{ id: string; status: string }>(au.email, 'POST', '/enrolments', { sessionId: session.id });
  expect(seated.status).toBe('confirmed');
  const waiting = await asOfficer<{ status: string; waitlistPosition: number }>(un.email, 'POST', '/enrolments', { sessionId: session.id });
  expect(waiting).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, startsAt - Date.now() + 500)));
  await asOfficer(un.email, 'POST', `/enrolments/${seated.id}/attendance`, { attended: true });
  const completed = await asOfficer<{ certificateId: string }>(un.email, 'POST', `/enrolments/${seated.id}/complete`, {});
  const anonymous = await browser.newContext();
  const page = await anonymous.newPage();
  await page.goto(`/verify/${completed.certificateId}`);
  await expect(page.getByTestId('certificate')).toContainText(au.name);
  await expect(page.getByTestId('certificate')).toContainText(briefing);
  await expect(page.getByRole('status')).toContainText('This certificate is valid.');
  await expectAccessible(page);
  await anonymous.close();

  // Over: the UN officer never got the seat. Her enrolment stays waitlisted in the service, a record
  // of what happened, but a place in a line that no longer moves is no place: the console says so,
  // and offers neither a withdrawal nor a change of the session (the service refuses both), only
  // the roster of a session her organization organizes.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, endsAt - Date.now() + 500)));
  const afterwards = await signedIn(browser, un);
  await afterwards.page.goto('/training');
  const over = afterwards.page.getByRole('region', { name: briefing }).getByTestId('training-session');
  await expect(over.getByTestId('enrolment-status')).toHaveText('Session over — not seated');
  await expect(over.getByRole('button')).toHaveText(['Roster']);
  await expectAccessible(afterwards.page);
  await afterwards.context.close();
});

test('a certificate that does not exist is said not to exist', async ({ page }) => {
  await page.goto('/verify/00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('alert')).toContainText('No such certificate');
});
