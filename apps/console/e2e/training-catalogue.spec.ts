import { expect, test } from '@playwright/test';
import { asOfficer, signedIn } from './helpers';
import { world } from './settings';
import { courseCard } from './training-catalogue';

// A catalogue longer than a page: the service lists courses the most recently published first,
// so the course published first is past the first page. The training screen reaches it through
// "Show more", and a session of it is scheduled from there like any other's.

const DEMO_COURSE = 'Mediation process design for desk officers';

test('more than a page of courses: the first published is listed after "Show more" and a session of it is scheduled', async ({ browser }) => {
  const { un } = world();
  const run = Date.now();
  const first = `Oldest course of a long catalogue ${run}`;
  await asOfficer(un.email, 'POST', '/courses', { title: first, topic: 'mediation' });
  for (let batch = 0; batch < 3; batch += 1) {
    await Promise.all(Array.from({ length: 20 }, (_, n) => asOfficer(un.email, 'POST', '/courses', { title: `Course ${batch * 20 + n + 1} of ${run}`, topic: 'peacebuilding' })));
  }

  const { context, page } = await signedIn(browser, un);
  await page.goto('/training');
  // The first page is the sixty published after it.
  await expect(page.locator('main section[aria-label]')).toHaveCount(50);
  await expect(page.getByRole('region', { name: first })).toHaveCount(0);
  const course = await courseCard(page, first);

  await course.getByRole('button', { name: `Schedule a session of “${first}”` }).click();
  const form = course.getByTestId('new-session-form');
  const day = new Date(Date.now() + 50 * 86_400_000).toISOString().slice(0, 10);
  await form.getByLabel('Starts').fill(`${day}T09:00`);
  await form.getByLabel('Ends').fill(`${day}T17:00`);
  await form.getByLabel('Seats').fill('3');
  await form.getByLabel('Place').fill('Nairobi');
  await form.getByRole('button', { name: 'Schedule', exact: true }).click();
  await expect(form).toHaveCount(0);
  await expect(course.getByTestId('training-session')).toContainText('Nairobi');

  // The demo's course, published before all of them, is reached too.
  await expect(await courseCard(page, DEMO_COURSE)).toBeVisible();
  await context.close();
});
