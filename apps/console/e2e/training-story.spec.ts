import { expect, test } from '@playwright/test';
import { asOfficer, expectAccessible, signedIn } from './helpers';
import { world } from './settings';

// The training part of the story, on the demo world's joint UN–AU mediation course: its session's
// two seats are taken (the AU and ECOWAS officers), the EU officer waits; an officer who enrols now
// is waitlisted behind them; the AU officer's certificate is verified without signing in.

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

  // The UN organizes the session: its officer records the AU officer's attendance and completes
  // the enrolment, which issues a certificate anyone can check.
  const demoCourse = (await asOfficer<{ items: { id: string; title: string }[] }>(au.email, 'GET', '/courses?limit=200')).items.find((candidate) => candidate.title === COURSE);
  const [session] = (await asOfficer<{ items: { id: string }[] }>(au.email, 'GET', `/sessions?courseId=${demoCourse!.id}`)).items;
  const seated = (await asOfficer<{ items: { id: string; status: string }[] }>(au.email, 'GET', `/enrolments?officerId=${au.id}&sessionId=${session.id}`)).items.find((enrolment) => enrolment.status === 'confirmed');
  expect(seated, 'the AU officer holds a seat in the demo session').toBeDefined();
  await asOfficer(un.email, 'POST', `/enrolments/${seated!.id}/attendance`, { attended: true });
  const completed = await asOfficer<{ certificateId: string }>(un.email, 'POST', `/enrolments/${seated!.id}/complete`, {});
  const anonymous = await browser.newContext();
  const page = await anonymous.newPage();
  await page.goto(`/verify/${completed.certificateId}`);
  await expect(page.getByTestId('certificate')).toContainText(au.name);
  await expect(page.getByTestId('certificate')).toContainText(COURSE);
  await expect(page.getByRole('status')).toContainText('This certificate is valid.');
  await expectAccessible(page);
  await anonymous.close();
});

test('a certificate that does not exist is said not to exist', async ({ page }) => {
  await page.goto('/verify/00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('alert')).toContainText('No such certificate');
});
