import { expect, test } from '@playwright/test';
import { ar } from '../src/i18n/messages/ar';
import { asOfficer, expectAccessible, signedIn } from './helpers';
import { world } from './settings';
import { courseCard } from './training-catalogue';

// What a session's organizers do once it is scheduled, from the console alone: its roster, where
// attendance and completion are recorded once it has begun (before, nothing offers them), and its
// cancellation after a confirmation step; the participant sees the certificate, or the cancellation.

const DEMO_COURSE = 'Mediation process design for desk officers';

/** A course of the UN officer's and a session of it open to every partner, the AU officer enrolled. */
async function sessionWithAuEnrolled(title: string, startsAt: number, endsAt: number) {
  const { au, un } = world();
  const course = await asOfficer<{ id: string }>(un.email, 'POST', '/courses', { title, topic: 'mediation' });
  const session = await asOfficer<{ id: string }>(un.email, 'POST', '/sessions', {
    courseId: course.id, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString(), seats: 2, online: true,
  });
  const enrolment = await asOfficer<{ status: string }>(au.email, 'POST', '/enrolments', { sessionId: session.id });
  expect(enrolment.status).toBe('confirmed');
  return session;
}

test('an organizer records attendance and completes an enrolment from the roster; the participant sees the certificate', async ({ browser }) => {
  const { au, las, un } = world();
  const title = `Roster briefing ${Date.now()}`;
  // It begins in a few seconds and runs for an hour; the AU and LAS officers take its two seats.
  const startsAt = Date.now() + 5_000;
  const session = await sessionWithAuEnrolled(title, startsAt, startsAt + 3_600_000);
  const omar = await asOfficer<{ id: string }>(las.email, 'POST', '/enrolments', { sessionId: session.id });

  const organizer = await signedIn(browser, un);
  const { page } = organizer;
  await page.goto('/training');
  // The demo's session is weeks away: its roster lists who is seated and who waits, and offers no attendance yet.
  const demo = (await courseCard(page, DEMO_COURSE)).getByTestId('training-session');
  await demo.getByRole('button', { name: 'Roster' }).click();
  const demoRoster = demo.getByTestId('roster');
  await expect(demoRoster.getByRole('row', { name: /Kwame Mensah \(AU\)/ }).getByTestId('roster-status')).toHaveText('Confirmed');
  await expect(demoRoster.getByRole('row', { name: /Claire Martin \(EU\)/ }).getByTestId('roster-status')).toHaveText('Waitlisted, position 1');
  await expect(demoRoster.getByRole('button', { name: 'Attended' })).toHaveCount(0);

  // The short session's roster, opened before it begins, offers no attendance either; left open,
  // it records attendance, then completion, once the session has begun, without a reload.
  const row = page.getByRole('region', { name: title }).getByTestId('training-session');
  await row.getByRole('button', { name: 'Roster' }).click();
  const roster = row.getByTestId('roster');
  const kwame = roster.getByRole('row', { name: /Kwame Mensah \(AU\)/ });
  await expect(kwame.getByTestId('roster-status')).toHaveText('Confirmed');
  await expect(kwame.getByRole('button', { name: 'Attended' })).toHaveCount(0);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, startsAt - Date.now() + 500)));
  // Completion needs attendance first: nothing offers it before.
  await expect(kwame.getByRole('button', { name: 'Complete and issue the certificate' })).toHaveCount(0);
  await kwame.getByRole('button', { name: 'Attended' }).click();
  await expect(kwame.getByRole('button', { name: 'Attended' })).toHaveAttribute('aria-pressed', 'true');
  // The day defaults to the organizer's today (her browser's zone, UTC), bounded as the service bounds it.
  const completedOn = kwame.getByLabel('Completed on');
  await expect(completedOn).toHaveValue(new Date().toISOString().slice(0, 10));
  await expect(completedOn).toHaveAttribute('max', new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10));
  await expect(completedOn).toHaveAttribute('min', new Date(startsAt - 12 * 3_600_000).toISOString().slice(0, 10));
  await expectAccessible(page);
  await kwame.getByRole('button', { name: 'Complete and issue the certificate' }).click();
  await expect(kwame.getByTestId('roster-status')).toHaveText('Completed');
  await expect(kwame.getByRole('link', { name: /^Certificate of / })).toBeVisible();
  // The LAS officer attends, then withdraws before the organizer completes his enrolment: the service's refusal is shown.
  const lasRow = roster.getByRole('row', { name: /Omar Haddad \(LAS\)/ });
  await lasRow.getByRole('button', { name: 'Attended' }).click();
  await expect(lasRow.getByRole('button', { name: 'Attended' })).toHaveAttribute('aria-pressed', 'true');
  await asOfficer(las.email, 'POST', `/enrolments/${omar.id}/withdraw`, {});
  await lasRow.getByRole('button', { name: 'Complete and issue the certificate' }).click();
  await expect(lasRow.getByRole('alert')).toContainText('The enrolment is not confirmed.');
  await organizer.context.close();

  // The participant sees the completion and its certificate.
  const participant = await signedIn(browser, au);
  await participant.page.goto('/training');
  const seen = participant.page.getByRole('region', { name: title }).getByTestId('training-session');
  await expect(seen.getByTestId('enrolment-status')).toHaveText('Completed');
  await seen.getByRole('link', { name: 'Certificate' }).click();
  await expect(participant.page.getByTestId('certificate')).toContainText(au.name);
  await expect(participant.page.getByTestId('certificate')).toContainText(title);
  await participant.context.close();
});

test('an organizer cancels a session after confirming it; the participant reads it cancelled', async ({ browser }) => {
  const { au, un } = world();
  const title = `Cancelled seminar ${Date.now()}`;
  const startsAt = Date.now() + 30 * 86_400_000;
  await sessionWithAuEnrolled(title, startsAt, startsAt + 86_400_000);

  const organizer = await signedIn(browser, un);
  await organizer.page.goto('/training');
  const row = organizer.page.getByRole('region', { name: title }).getByTestId('training-session');
  // A first thought is kept: nothing is cancelled until confirmed.
  await row.getByRole('button', { name: 'Cancel the session' }).click();
  const form = row.getByTestId('cancel-session-form');
  await form.getByRole('button', { name: 'Keep the session' }).click();
  await expect(form).toHaveCount(0);
  await row.getByRole('button', { name: 'Cancel the session' }).click();
  await form.getByLabel('Reason (optional, shown with the session)').fill('Venue unavailable.');
  await expectAccessible(organizer.page);
  await form.getByRole('button', { name: 'Yes, cancel the session' }).click();
  await expect(row.getByTestId('session-status')).toHaveText('Session cancelled');
  await expect(form).toHaveCount(0);
  // Cancelled, it can be neither changed nor cancelled again; its roster reads cancelled.
  await expect(row.getByRole('button', { name: 'Reschedule or change seats' })).toHaveCount(0);
  await expect(row.getByRole('button', { name: 'Cancel the session' })).toHaveCount(0);
  await row.getByRole('button', { name: 'Roster' }).click();
  await expect(row.getByRole('row', { name: /Kwame Mensah \(AU\)/ }).getByTestId('roster-status')).toHaveText('Cancelled');
  await organizer.context.close();

  const participant = await signedIn(browser, au);
  await participant.page.goto('/training');
  const seen = participant.page.getByRole('region', { name: title }).getByTestId('training-session');
  await expect(seen.getByTestId('session-status')).toHaveText('Session cancelled');
  await expect(seen.getByTestId('enrolment-status')).toHaveText('Cancelled');
  await expect(seen).toContainText('Reason given: Venue unavailable.');
  await expect(seen.getByRole('button')).toHaveCount(0);
  await expectAccessible(participant.page);
  await participant.context.close();
});

test('the roster reads right to left in Arabic and passes axe-core', async ({ browser }) => {
  const { un } = world();
  // the UN organizer reading Arabic in this browser only: her saved language is left as it is
  const { context, page } = await signedIn(browser, { ...un, language: 'ar' });
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.goto('/training');
  const demo = (await courseCard(page, DEMO_COURSE, ar.more)).getByTestId('training-session');
  await demo.getByRole('button', { name: ar['training.roster.title'] }).click();
  const roster = demo.getByRole('table', { name: ar['training.roster.title'] });
  await expect(roster.getByRole('row', { name: /Kwame Mensah/ }).getByTestId('roster-status')).toHaveText(ar['training.status.confirmed']);
  await expectAccessible(page);
  await context.close();
});
