import { expect, test } from '@playwright/test';
import { asOfficer, expectAccessible, signedIn } from './helpers';
import { world } from './settings';

// The training part of the story, on the demo world's joint UN–AU mediation course: its session's
// two seats are taken (the AU and ECOWAS officers), the EU officer waits; an officer who enrols now
// is waitlisted behind them. A certificate needs a session that has begun (the demo's is weeks
// away), so the AU officer takes a short one about to start, and that certificate is verified
// without signing in.

const COURSE = 'Mediation process design for desk officers';

test("an officer enrols in the demo's full session and is waitlisted; a certificate is verified without signing in", async ({ browser }) => {
  const { au, un } = world();
  const unOfficer = await signedIn(browser, un);
  await unOfficer.page.goto('/training');
  const course = unOfficer.page.getByRole('region', { name: COURSE });
  await expect(course.getByText('2 seats')).toBeVisible();
  await course.getByTestId('training-session').getByRole('button', { name: 'Enrol' }).click();
  // Two confirmed, one waiting before her: second on the waitlist.
  await expect(course.getByTestId('enrolment-status')).toHaveText('Waitlisted, position 2');
  await expectAccessible(unOfficer.page);
  await unOfficer.context.close();

  // The UN organizes a short session starting in a few seconds; the AU officer takes a seat. Once
  // it has begun, the UN officer records his attendance and completes the enrolment, which issues
  // a certificate anyone can check.
  const briefing = `Mediation briefing ${Date.now()}`;
  const briefingCourse = await asOfficer<{ id: string }>(un.email, 'POST', '/courses', { title: briefing, topic: 'mediation' });
  const startsAt = Date.now() + 8_000;
  const session = await asOfficer<{ id: string }>(un.email, 'POST', '/sessions', {
    courseId: briefingCourse.id, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 3_600_000).toISOString(), seats: 5, online: true,
  });
  const seated = await asOfficer<{ id: string; status: string }>(au.email, 'POST', '/enrolments', { sessionId: session.id });
  expect(seated.status).toBe('confirmed');
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
});

test('a certificate that does not exist is said not to exist', async ({ page }) => {
  await page.goto('/verify/00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('alert')).toContainText('No such certificate');
});
