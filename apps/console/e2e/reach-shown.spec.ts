import { expect, test } from '@playwright/test';
import { ar } from '../src/i18n/messages/ar';
import { en } from '../src/i18n/messages/en';
import { asOfficer, expectAccessible, signedIn } from './helpers';
import { world } from './settings';
import { courseCard } from './training-catalogue';

// A desk officer about to discuss a record reads on its page who else may read it, as its
// classification says: a red brief's author and the officers it names, by name; an amber
// dialogue's origin organization and those of its audience; a programme's, an initiative's and a
// training session's likewise (a session's organizers read it too). The TLP label stays as it is.

/** A message with its ICU arguments filled in, as the console writes it. */
const filled = (message: string, values: Record<string, string>) => Object.entries(values).reduce((text, [name, value]) => text.replace(`{${name}}`, value), message);

test('a red brief names its author and the one UN officer it is for, in English and in Arabic', async ({ browser }) => {
  const { au, un } = world();
  const title = `Sudan: names for the ceasefire monitors ${Date.now()}`;
  const { context, page } = await signedIn(browser, au);
  await page.goto('/briefs/new');
  await page.getByLabel('Title').fill(title);
  await page.getByLabel(/^Text/).fill('The names the parties proposed, for one UN officer only.');
  await page.getByTestId('classification-red').check();
  const officers = page.getByRole('combobox', { name: /^Officers who may read it/ });
  await officers.click();
  await officers.pressSequentially(un.name);
  await page.getByRole('option', { name: `${un.name} (UN)` }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page).toHaveURL(/\/briefs\/[0-9a-f-]{36}$/);
  const briefPath = new URL(page.url()).pathname;

  // The TLP label as before, and who may read it: the author and the named officer, by name.
  await expect(page.locator('[data-tlp=red]')).toHaveText('TLP:RED');
  const reach = page.getByTestId('reach');
  await expect(reach).toHaveText(filled(en['reach.red'], { author: `${au.name} (AU)`, officers: `${un.name} (UN)` }));
  await expectAccessible(page);
  await context.close();

  // The named officer reads the same, in Arabic too, right to left.
  const reader = await signedIn(browser, un);
  await reader.page.goto(briefPath);
  await expect(reader.page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(reader.page.getByTestId('reach')).toHaveText(filled(en['reach.red'], { author: `${au.name} (AU)`, officers: `${un.name} (UN)` }));
  await reader.context.close();
  // Arabic in this browser only: her saved language stays as the other tests expect it
  const inArabic = await signedIn(browser, { ...un, language: 'ar' });
  await inArabic.page.goto(briefPath);
  await expect(inArabic.page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(inArabic.page.getByTestId('reach')).toHaveText(filled(ar['reach.red'], { author: `${au.name} (AU)`, officers: `${un.name} (UN)` }));
  await expect(inArabic.page.locator('[data-tlp=red]')).toHaveText('TLP:RED');
  await expectAccessible(inArabic.page);
  await inArabic.context.close();
});

test("an amber dialogue's page names its origin organization and those of its audience", async ({ browser }) => {
  const { au, un, organizations } = world();
  const title = `AU–UN consultation on the Sahel ${Date.now()}`;
  const dialogue = await asOfficer<{ id: string; audience: { organizations: string[] } }>(au.email, 'POST', '/dialogues', {
    kind: 'consultation', title, participants: [organizations.AU, organizations.UN], startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    classification: 'amber', audience: { organizations: [organizations.LAS] },
  });
  const acronyms = Object.fromEntries(Object.entries(organizations).map(([acronym, id]) => [id.toLowerCase(), acronym]));
  const audience = dialogue.audience.organizations.map((id) => acronyms[id.toLowerCase()]);
  // the participants are part of the audience, the named organization too; the origin is said apart
  expect([...audience].sort()).toEqual(['LAS', 'UN']);

  const { context, page } = await signedIn(browser, un);
  await page.goto(`/dialogues/${dialogue.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.locator('[data-tlp=amber]')).toHaveText('TLP:AMBER');
  await expect(page.getByTestId('reach')).toHaveText(filled(en['reach.amber'], { origin: 'AU', organizations: new Intl.ListFormat('en', { type: 'conjunction' }).format(audience) }));
  await expectAccessible(page);
  await context.close();
});

test('a programme, an initiative and a training session each say who may read them, the session its organizers too', async ({ browser }) => {
  const { au, organizations } = world();
  const stamp = Date.now();
  const acronyms = Object.fromEntries(Object.entries(organizations).map(([acronym, id]) => [id.toLowerCase(), acronym]));
  const list = (ids: string[]) => new Intl.ListFormat('en', { type: 'conjunction' }).format(ids.map((id) => acronyms[id.toLowerCase()]));
  // An amber programme of the AU's, shared with the LAS: the service adds the UN, always of its audience.
  const programme = await asOfficer<{ id: string; title: string; audience: { organizations: string[] } }>(au.email, 'POST', '/programmes', {
    title: `AU mediation support unit ${stamp}`, partnerOrganizationId: organizations.AU, scope: 'mediation', classification: 'amber', audience: { organizations: [organizations.LAS] },
  });
  expect(programme.audience.organizations.map((id) => acronyms[id.toLowerCase()]).sort()).toEqual(['LAS', 'UN']);
  // An AU initiative for the AU alone: amber+strict.
  const initiative = await asOfficer<{ title: string }>(au.email, 'POST', '/initiatives', {
    title: `AU good offices in the Great Lakes ${stamp}`, leadOrganizationId: organizations.AU, kind: 'mediation', classification: 'amber-strict',
  });
  // A session the AU organizes with the UN, open to the LAS: amber, its audience the LAS, its organizers read it too.
  const course = await asOfficer<{ id: string; title: string }>(au.email, 'POST', '/courses', { title: `Ceasefire monitoring ${stamp}`, topic: 'mediation' });
  const startsAt = Date.now() + 30 * 86_400_000;
  const session = await asOfficer<{ classification: string }>(au.email, 'POST', '/sessions', {
    courseId: course.id, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 3_600_000).toISOString(), seats: 10, online: true,
    organizers: [organizations.AU, organizations.UN], audience: { organizations: [organizations.LAS] },
  });
  expect(session.classification).toBe('amber');

  const { context, page } = await signedIn(browser, au);
  await page.goto('/programmes');
  const programmeCard = page.getByRole('region', { name: programme.title, exact: true });
  await expect(programmeCard.locator('[data-tlp=amber]')).toHaveText('TLP:AMBER');
  await expect(programmeCard.getByTestId('reach')).toHaveText(filled(en['reach.amber'], { origin: 'AU', organizations: list(programme.audience.organizations) }));

  await page.goto('/initiatives');
  const initiativeCard = page.getByRole('listitem').filter({ hasText: initiative.title });
  await expect(initiativeCard.getByTestId('reach')).toHaveText(filled(en['reach.amberStrict'], { origin: 'AU' }));

  await page.goto('/training');
  const row = (await courseCard(page, course.title)).getByTestId('training-session');
  // its audience (the LAS), then its organizers but the origin (the UN)
  await expect(row.getByTestId('reach')).toHaveText(filled(en['reach.amber'], { origin: 'AU', organizations: list([organizations.LAS, organizations.UN]) }));
  await expectAccessible(page);
  await context.close();
});
