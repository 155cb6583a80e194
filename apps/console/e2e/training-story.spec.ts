import { expect, test } from '@playwright/test';
import { expectAccessible, signedIn } from './helpers';
import { settings, world } from './settings';

// The training part of the story: an officer enrols in a full session and is waitlisted; a
// certificate is verified without signing in.

async function as<T>(email: string, method: string, path: string, body?: unknown): Promise<T> {
  const reply = await fetch(`${settings.baseUrl}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${world().tokens[email].accessToken}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await reply.text();
  expect(reply.ok, `${method} ${path}: ${reply.status} ${text}`).toBe(true);
  return JSON.parse(text) as T;
}

test('an officer enrols in a full session and is waitlisted; a certificate is verified without signing in', async ({ browser }) => {
  const { au, un, las, organizations } = world();
  const course = await as<{ id: string }>(au.email, 'POST', '/courses', { title: `Mediation process design ${Date.now()}`, topic: 'mediation', languages: ['en', 'ar'] });
  const startsAt = new Date(Date.now() + 7 * 86_400_000);
  const session = await as<{ id: string }>(au.email, 'POST', '/sessions', {
    courseId: course.id,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3 * 86_400_000).toISOString(),
    seats: 1,
    organizers: [organizations.AU],
    online: true,
  });
  // The one seat goes to the UN officer.
  const seated = await as<{ id: string; status: string }>(un.email, 'POST', '/enrolments', { sessionId: session.id });
  expect(seated.status).toBe('confirmed');

  // The LAS officer enrols from the console and is told the waitlist position, in Arabic.
  const lasOfficer = await signedIn(browser, las, 'ar');
  await lasOfficer.page.goto('/training');
  const row = lasOfficer.page.getByTestId('training-session').filter({ has: lasOfficer.page.getByRole('button', { name: 'التسجيل' }) }).first();
  await row.getByRole('button', { name: 'التسجيل' }).click();
  await expect(lasOfficer.page.getByTestId('enrolment-status').first()).toContainText('على قائمة الانتظار، الترتيب 1');
  await expectAccessible(lasOfficer.page);
  await lasOfficer.context.close();

  // The organizer completes the UN officer's enrolment: a certificate anyone can check.
  await as(au.email, 'POST', `/enrolments/${seated.id}/attendance`, { attended: true });
  const completed = await as<{ certificateId: string }>(au.email, 'POST', `/enrolments/${seated.id}/complete`, {});
  const anonymous = await browser.newContext();
  const page = await anonymous.newPage();
  await page.goto(`/verify/${completed.certificateId}`);
  await expect(page.getByTestId('certificate')).toContainText(un.name);
  await expect(page.getByRole('status')).toContainText('This certificate is valid.');
  await expectAccessible(page);
  await anonymous.close();
});

test('a certificate that does not exist is said not to exist', async ({ page }) => {
  await page.goto('/verify/00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('alert')).toContainText('No such certificate');
});
