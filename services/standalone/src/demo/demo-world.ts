import { access, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TokenIssuer } from '@liaison/auth';
import type { RunningHost } from '../host';
import { DemoClient } from './demo-client';
import { DEMO_DESKS, DEMO_OFFICERS, DEMO_ORGANIZATIONS } from './demo-registry';

/** What the console prints about the demo world, kept in the data directory. */
export interface DemoWorld {
  officers: Array<{ email: string; organization: string; language: string; role: string }>;
}

/**
 * The demo world of a data directory: made on its first start (`create`), through the services'
 * HTTP APIs; read back on later starts. A pending marker makes an interrupted one finish at the
 * next start (its writes are idempotent); a directory that started empty never gets one.
 */
export async function ensureDemoWorld(host: RunningHost, dataDirectory: string, options: { create: boolean }): Promise<DemoWorld | undefined> {
  const file = path.join(dataDirectory, 'demo-world.json');
  const pending = path.join(dataDirectory, 'demo-world.pending');
  const made = await readFile(file, 'utf8').then((text) => JSON.parse(text) as DemoWorld, () => undefined);
  if (made) return made;
  const interrupted = await access(pending).then(() => true, () => false);
  if (!options.create && !interrupted) return undefined;
  await writeFile(pending, `${new Date().toISOString()}\n`);
  console.log('Creating the demo world…');
  const world = await createDemoWorld(new DemoClient(host.url), host.credentials);
  await writeFile(file, `${JSON.stringify(world, null, 2)}\n`);
  await rm(pending, { force: true });
  return world;
}

async function createDemoWorld(client: DemoClient, credentials: { adminEmail: string; password: string; jwtSecret: string }): Promise<DemoWorld> {
  const admin = await client.token(credentials.adminEmail, credentials.password);
  const orgs: Record<string, string> = {};
  const { items } = await client.get<{ items: Array<{ id: string }> }>(admin, '/organizations?kind=united-nations');
  orgs.UN = items[0].id;
  for (const organization of DEMO_ORGANIZATIONS) {
    orgs[organization.acronym] = (await client.post(admin, '/organizations', `organization-${organization.acronym}`, organization)).id;
  }
  const desks: Record<string, string> = {};
  for (const { key, organization, ...desk } of DEMO_DESKS) {
    desks[key] = (await client.post(admin, '/desks', `desk-${key}`, { ...desk, organizationId: orgs[organization] })).id;
  }
  const ids: Record<string, string> = {};
  for (const officer of DEMO_OFFICERS) {
    const body = { organizationId: orgs[officer.organization], deskId: desks[officer.desk], email: officer.email, name: officer.name, language: officer.language, password: credentials.password };
    ids[officer.key] = (await client.post(admin, '/officers', `officer-${officer.key}`, body)).id;
  }
  // The officers' tokens are signed here, with the deployment's secret, as POST /auth/token
  // would sign them: logins are limited per address, and the demo would take most of a minute's.
  const issuer = new TokenIssuer({ jwtSecret: credentials.jwtSecret });
  const tokens: Record<string, string> = {};
  for (const officer of DEMO_OFFICERS) {
    const viewer = { officerId: ids[officer.key], organizationId: orgs[officer.organization], roles: ['officer' as const] };
    tokens[officer.key] = (await issuer.issue(viewer)).accessToken;
  }

  // first the inboxes, then what fills them
  for (const officer of DEMO_OFFICERS) {
    await client.post(tokens[officer.key], '/subscriptions', `subscription-${officer.key}`, { filters: officer.filters, channels: ['in-app'] });
  }

  const brief = (by: string, step: string, body: object) => client.post(tokens[by], '/briefs', `brief-${step}`, body);
  await brief('au', 'sudan', {
    title: 'Sudan: the mediation track after the Jeddah talks',
    body: 'The AU High-Level Panel met both delegations; a ceasefire committee is being formed.',
    countries: ['SD'], region: 'africa', themes: ['mediation'], classification: 'green',
  });
  await brief('un-africa', 'sahel', {
    title: 'Sahel: early-warning note on the tri-border area',
    body: 'Displacement rose in the last month; joint analysis with the AU is proposed.',
    countries: ['ML'], region: 'africa', themes: ['conflict-prevention'], classification: 'amber',
    audience: { organizations: [orgs.UN, orgs.AU], officers: [] },
  });
  await brief('eu', 'balkans', {
    title: 'Western Balkans: facilitated dialogue, state of play',
    body: 'The next round is planned in Brussels; the OSCE mission is kept informed.',
    countries: ['RS', 'BA'], region: 'europe', themes: ['peacebuilding'], classification: 'clear',
  });
  // written by the UN's desks: an author is not notified of their own brief
  await brief('un-mediation', 'haiti', {
    title: 'Haiti: electoral calendar consultations',
    body: 'The OAS electoral mission met the transitional council on the timetable.',
    countries: ['HT'], region: 'americas', themes: ['electoral-assistance'], classification: 'green',
  });
  await brief('un-africa', 'libya', {
    title: 'Libya: consultations with the League of Arab States',
    body: 'The League convened its envoys to align positions ahead of the Berlin process meeting.',
    countries: ['LY'], region: 'middle-east', themes: ['mediation'], classification: 'green',
  });

  await client.post(tokens['un-africa'], '/dialogues', 'dialogue-osce', {
    kind: 'staff-level', title: 'Annual UN–OSCE staff-level meeting', participants: [orgs.UN, orgs.OSCE],
    startsAt: nextYear('03-10T09:00:00+01:00'), location: 'Vienna', agenda: ['Early warning', 'Mediation support', 'Joint training'],
  });
  const deskToDesk = await client.post(tokens['un-africa'], '/dialogues', 'dialogue-eu', {
    kind: 'desk-to-desk', title: 'UN–EU desk-to-desk dialogue', participants: [orgs.UN, orgs.EU],
    startsAt: daysFromNow(-40), location: 'Brussels', agenda: ['Sahel', 'Western Balkans'],
  });
  await client.post(tokens['un-africa'], `/dialogues/${deskToDesk.id}/outcome`, 'dialogue-eu-outcome', {
    summary: 'Agreed to share early-warning analysis and to plan joint mediation training.', heldOn: daysFromNow(-40).slice(0, 10),
  });
  await client.post(tokens['un-africa'], '/recommendations', 'recommendation-analysis', {
    dialogueId: deskToDesk.id, text: 'Exchange quarterly early-warning analysis on the Sahel.', owners: [orgs.UN, orgs.EU], dueOn: daysFromNow(-10).slice(0, 10), status: 'agreed',
  });
  await client.post(tokens['un-africa'], '/recommendations', 'recommendation-training', {
    dialogueId: deskToDesk.id, text: 'Run a joint mediation course for desk officers.', owners: [orgs.EU], dueOn: daysFromNow(120).slice(0, 10), status: 'agreed',
  });
  await client.post(tokens.au, '/initiatives', 'initiative-sudan', {
    title: 'AU-led mediation in Sudan', leadOrganizationId: orgs.AU, supporting: [orgs.UN], countries: ['SD'], kind: 'mediation', status: 'active',
  });

  // DPPA with the AU on political and security affairs (the founding document), one milestone late
  const programme = await client.post(tokens['un-africa'], '/programmes', 'programme-au', {
    title: 'UN–AU capacity-building in political and security affairs', partnerOrganizationId: orgs.AU, scope: 'comprehensive',
    focusAreas: ['conflict-prevention', 'mediation', 'electoral-assistance', 'policy-organs-support'],
    startsOn: daysFromNow(-200).slice(0, 10), endsOn: daysFromNow(500).slice(0, 10), status: 'active',
  });
  await client.post(tokens.au, '/milestones', 'milestone-roster', {
    programmeId: programme.id, title: 'AU mediation roster operational', dueOn: daysFromNow(-20).slice(0, 10), description: 'Forty mediators vetted and on call.',
  });
  await client.post(tokens.au, '/milestones', 'milestone-early-warning', {
    programmeId: programme.id, title: 'Continental early-warning reports shared monthly', dueOn: daysFromNow(90).slice(0, 10),
  });

  // a joint UN–AU training course; its session has two seats: full, and a third officer waits
  const course = await client.post(tokens['un-mediation'], '/courses', 'course-mediation', {
    title: 'Mediation process design for desk officers', topic: 'mediation', languages: ['en', 'fr', 'ar'],
    description: 'Joint UN–AU course on designing and supporting mediation processes.',
  });
  const session = await client.post(tokens['un-mediation'], '/sessions', 'session-addis', {
    courseId: course.id, startsAt: daysFromNow(45), endsAt: daysFromNow(48), seats: 2, organizers: [orgs.UN, orgs.AU],
    audience: { organizations: [orgs.UN, orgs.AU, orgs.EU, orgs.ECOWAS] }, location: 'Addis Ababa',
  });
  for (const key of ['au', 'ecowas', 'eu']) {
    await client.post(tokens[key], '/enrolments', `enrolment-${key}`, { sessionId: session.id });
  }

  return {
    officers: DEMO_OFFICERS.map((officer) => ({
      email: officer.email,
      organization: officer.organization,
      language: officer.language,
      role: DEMO_DESKS.find((desk) => desk.key === officer.desk)!.name,
    })),
  };
}

function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}

function nextYear(rest: string): string {
  return `${new Date().getUTCFullYear() + 1}-${rest}`;
}
