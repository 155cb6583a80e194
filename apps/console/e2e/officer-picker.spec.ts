import { expect, test } from '@playwright/test';
import { en } from '../src/i18n/messages/en';
import { asOfficer, expectAccessible, signedIn } from './helpers';
import { world } from './settings';

// A red record names its readers among every officer of the registry, more than a page of them
// (API.md: at most 200 a page). The picker asks the service for the officers whose name, or e-mail
// address where the reader may read it, contains what is typed (`q`), never for the whole registry,
// and a picked officer keeps its name when the record's reach is opened again.

test('more than a page of officers: a red brief names one found by part of the name, and the registry is never read whole', async ({ browser }) => {
  const { admin, au, organizations } = world();
  const run = Date.now();
  const register = (name: string, email: string) =>
    asOfficer<{ id: string; name: string; email: string }>(admin.email, 'POST', '/officers', { organizationId: organizations.UN, name, email });
  for (let batch = 0; batch < 10; batch += 1) {
    await Promise.all(Array.from({ length: 25 }, (_, n) => register(`Registry clerk ${run} no. ${batch * 25 + n + 1}`, `clerk.${run}.${batch * 25 + n + 1}@un.example.org`)));
  }
  const named = await register(`Zainab Okonkwo ${run}`, `zainab.okonkwo.${run}@un.example.org`);
  // the AU officer may not read a UN officer's address: the organization tells namesakes apart
  const label = `${named.name} (UN)`;

  const { context, page } = await signedIn(browser, au);
  // every list request for officers the form makes: each must be narrowed by a search or an organization
  const wholeRegistry: string[] = [];
  let searches = 0;
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname !== '/api/v1/officers') return;
    searches += 1;
    if (!url.searchParams.get('q') && !url.searchParams.get('organizationId')) wholeRegistry.push(url.search);
  });

  await page.goto('/briefs/new');
  await page.getByLabel('Title').fill(`Sudan: names for the ceasefire committee ${run}`);
  await page.getByLabel(/^Text/).fill('The names proposed for the committee, for one UN officer only.');
  await page.getByTestId('classification-red').check();
  const officers = page.getByRole('combobox', { name: /^Officers who may read it/ });
  await officers.click();
  await expect(page.getByText(en['audience.officersType'])).toBeVisible();
  // part of the name, in another case: the service matches it whatever its case
  await officers.pressSequentially(`okonkwo ${run}`);
  await page.getByRole('option', { name: label }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('main').getByText(label)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page).toHaveURL(/\/briefs\/[0-9a-f-]{36}$/);
  const id = new URL(page.url()).pathname.split('/').pop() as string;

  const brief = await asOfficer<{ classification: string; audience: { officers: string[] } }>(au.email, 'GET', `/briefs/${id}`);
  expect(brief.classification).toBe('red');
  expect(brief.audience.officers).toEqual([named.id]);

  // The reach opened again: the named officer is shown by name, read by id, not found in a list.
  await page.goto(`/briefs/${id}/edit`);
  await expect(page.getByRole('main').getByText(label)).toBeVisible();
  await page.waitForLoadState('networkidle');

  expect(wholeRegistry).toEqual([]);
  // one search per pause in typing, not one per page of the registry
  expect(searches).toBeLessThanOrEqual(5);
  await context.close();
});

test('a colleague known by address: typing part of the e-mail address, in another case, finds the officer', async ({ browser }) => {
  const { admin, au, organizations } = world();
  const run = Date.now();
  // a transliterated name the desk officer might not spell; the AU officer may read an AU colleague's address
  const colleague = await asOfficer<{ id: string; name: string; email: string }>(admin.email, 'POST', '/officers', {
    organizationId: organizations.AU,
    name: `Екатерина Воронцова ${run}`,
    email: `e.vorontsova.${run}@au.example.org`,
  });
  const label = `${colleague.name} <${colleague.email}>`;

  const { context, page } = await signedIn(browser, au);
  const searched: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/v1/officers' && url.searchParams.has('q')) searched.push(url.searchParams.get('q') as string);
  });
  await page.goto('/briefs/new');
  await page.getByTestId('classification-red').check();
  const officers = page.getByRole('combobox', { name: /^Officers who may read it/ });
  await officers.click();
  await expect(page.getByText(en['audience.officersType'])).toBeVisible();
  // nothing of the address is in the name, written in Cyrillic: only the address can match
  await officers.pressSequentially(`VORONTSOVA.${run}@AU`);
  await page.getByRole('option', { name: label }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('main').getByText(label)).toBeVisible();
  expect(searched.at(-1)).toBe(`VORONTSOVA.${run}@AU`);
  await context.close();
});
