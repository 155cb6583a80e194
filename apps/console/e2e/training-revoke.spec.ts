import { expect, test } from '@playwright/test';
import { ar } from '../src/i18n/messages/ar';
import { asOfficer, expectAccessible, signedIn } from './helpers';
import { settings, world } from './settings';
import { courseCard } from './training-catalogue';

// An organizer revokes a certificate from the roster, after a confirmation step and with the
// reason the service requires; the roster and the public verification page then read it revoked,
// with the day and the reason. The holder, who does not organize the session, is offered no revocation.

/** A UN course's session beginning in a few seconds, which the AU officer attends and completes: the completion, with its certificate. */
async function certified(title: string): Promise<{ certificateId: string }> {
  const { au, un } = world();
  const startsAt = Date.now() + 3_000;
  const course = await asOfficer<{ id: string }>(un.email, 'POST', '/courses', { title, topic: 'mediation' });
  const session = await asOfficer<{ id: string }>(un.email, 'POST', '/sessions', {
    courseId: course.id, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 3_600_000).toISOString(), seats: 1, online: true,
  });
  const enrolment = await asOfficer<{ id: string }>(au.email, 'POST', '/enrolments', { sessionId: session.id });
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, startsAt - Date.now() + 500)));
  await asOfficer(un.email, 'POST', `/enrolments/${enrolment.id}/attendance`, { attended: true });
  return asOfficer<{ certificateId: string }>(un.email, 'POST', `/enrolments/${enrolment.id}/complete`, {});
}

test('an organizer revokes a certificate from the roster; the verification page reads it revoked; the holder is not offered it', async ({ browser }) => {
  const { au, un } = world();
  const title = `Revoked briefing ${Date.now()}`;
  const completed = await certified(title);

  const organizer = await signedIn(browser, un);
  const { page } = organizer;
  await page.goto('/training');
  const row = (await courseCard(page, title)).getByTestId('training-session');
  await row.getByRole('button', { name: 'Roster' }).click();
  const kwame = row.getByTestId('roster').getByRole('row', { name: /Kwame Mensah \(AU\)/ });
  await expect(kwame.getByRole('link', { name: /^Certificate of / })).toBeVisible();
  // A first thought is kept: nothing is revoked until confirmed.
  await kwame.getByRole('button', { name: 'Revoke the certificate' }).click();
  const form = kwame.getByTestId('revoke-certificate-form');
  await form.getByRole('button', { name: 'Keep the certificate' }).click();
  await expect(form).toHaveCount(0);
  await kwame.getByRole('button', { name: 'Revoke the certificate' }).click();
  // No reason: refused at the field, as the service refuses it, before anything is sent.
  await form.getByRole('button', { name: 'Yes, revoke the certificate' }).click();
  const reason = form.getByLabel(/^Reason \(shown to whoever checks the certificate\)/);
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('.mantine-InputWrapper-error')).toHaveText('Must not be empty.');
  await reason.fill('Attendance was recorded in error.');
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Yes, revoke the certificate' }).click();
  await expect(form).toHaveCount(0);
  const year = String(new Date().getUTCFullYear());
  await expect(kwame.getByTestId('certificate-revoked')).toHaveText(new RegExp(`^Revoked on .*${year}`));
  await expect(kwame.getByRole('button', { name: 'Revoke the certificate' })).toHaveCount(0);

  // The public page, without signing in, says it was revoked, when and why.
  await kwame.getByRole('link', { name: /^Certificate of / }).click();
  await expect(page).toHaveURL(new RegExp(`/verify/${completed.certificateId}$`));
  const verified = page.getByTestId('certificate');
  await expect(verified.getByTestId('certificate-revoked')).toContainText('This certificate was revoked.');
  await expect(verified.getByTestId('certificate-revoked')).toContainText(new RegExp(`Revoked on .*${year}\\. Reason given: Attendance was recorded in error\\.`));
  await expect(verified).not.toContainText('This certificate is valid.');
  await organizer.context.close();
  const anyone = await browser.newContext({ baseURL: settings.baseUrl });
  const publicPage = await anyone.newPage();
  await publicPage.goto(`/verify/${completed.certificateId}`);
  await expect(publicPage.getByTestId('certificate-revoked')).toContainText('This certificate was revoked.');
  await expectAccessible(publicPage);
  await anyone.close();

  // The holder, an AU officer, does not organize the session: no roster, no revocation.
  const holder = await signedIn(browser, au);
  await holder.page.goto('/training');
  const seen = (await courseCard(holder.page, title)).getByTestId('training-session');
  await expect(seen.getByTestId('enrolment-status')).toHaveText('Completed');
  await expect(seen.getByRole('button', { name: 'Roster' })).toHaveCount(0);
  await expect(holder.page.getByRole('button', { name: 'Revoke the certificate' })).toHaveCount(0);
  await holder.context.close();
});

test("in Arabic the revocation's confirmation step reads right to left, passes axe-core and shows the service's refusal at the reason", async ({ browser }) => {
  const { un } = world();
  const title = `Briefing revoked in Arabic ${Date.now()}`;
  await certified(title);

  // Arabic in this browser only: the organizer's saved language stays as the other tests expect it
  const organizer = await signedIn(browser, { ...un, language: 'ar' });
  const { page } = organizer;
  await page.goto('/training');
  const row = (await courseCard(page, title, ar.more)).getByTestId('training-session');
  await row.getByRole('button', { name: ar['training.roster.title'], exact: true }).click();
  const kwame = row.getByTestId('roster').getByRole('row', { name: /Kwame Mensah/ });
  await kwame.getByRole('button', { name: ar['training.revoke.open'] }).click();
  const form = kwame.getByTestId('revoke-certificate-form');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(form.getByText(ar['training.revoke.warning'])).toBeVisible();
  const reason = form.getByLabel(ar['training.revoke.reason']);
  await reason.fill('سُجّل الحضور خطأً.');
  // A reason the service refuses at its field (one carrying a NUL character, which it never stores):
  // its refusal, in Arabic, is read at the reason, and nothing is revoked.
  await page.route('**/api/v1/certificates/*/revoke', async (route) => {
    const body = route.request().postDataJSON() as { reason: string };
    await route.continue({ postData: JSON.stringify({ reason: `${body.reason}\u0000` }) });
  });
  await form.getByRole('button', { name: ar['training.revoke.confirm'] }).click();
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('.mantine-InputWrapper-error')).toHaveText(ar['field.noNulCharacter']);
  await expect(kwame.getByTestId('certificate-revoked')).toHaveCount(0);
  await expectAccessible(page);
  // The same reason, sent as typed, revokes it.
  await page.unroute('**/api/v1/certificates/*/revoke');
  await form.getByRole('button', { name: ar['training.revoke.confirm'] }).click();
  await expect(form).toHaveCount(0);
  await expect(kwame.getByTestId('certificate-revoked')).toBeVisible();
  await organizer.context.close();
});
