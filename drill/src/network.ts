import { SignJWT } from 'jose';
import { Client } from 'pg';
import type { ClassifiedResource, Role } from '@liaison/auth';
import type { DrillLiaison } from './liaison';
import type { DrillWebhookReceiver } from './receivers';

export interface DrillOfficer {
  id: string;
  organizationId: string;
  token: string;
  roles: Role[];
  /** whether the officer asked for e-mail too, of EMAIL_EVENT_TYPES (one officer of the network: e-mail is the slow channel) */
  email: boolean;
}

/** What each organization's load writes against: a held dialogue, a programme, a course. */
export interface OrganizationFixtures {
  dialogue: ClassifiedResource & { id: string };
  programme: ClassifiedResource & { id: string };
  courseId: string;
}

export interface DrillNetwork {
  organizations: string[];
  officers: DrillOfficer[];
  /** organization → its webhook endpoint's id */
  webhooks: Map<string, string>;
  fixtures: Map<string, OrganizationFixtures>;
}

/** The event types the load's writes publish: every officer and every endpoint subscribes to them. */
export const LOAD_EVENT_TYPES = [
  'liaison.brief.published.v1',
  'liaison.dialogue.scheduled.v1',
  'liaison.dialogue.held.v1',
  'liaison.recommendation.adopted.v1',
  'liaison.recommendation.status-changed.v1',
  'liaison.milestone.planned.v1',
  'liaison.session.scheduled.v1',
  'liaison.enrolment.confirmed.v1',
  'liaison.enrolment.waitlisted.v1',
] as const;

/** What the network's e-mail subscriber asked to have by e-mail (beside the inbox): the rarer writes. */
export const EMAIL_EVENT_TYPES: readonly string[] = ['liaison.dialogue.held.v1', 'liaison.milestone.planned.v1'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function call(url: string, method: string, token: string | undefined, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed };
}

export async function expectOk(url: string, method: string, token: string | undefined, body?: unknown): Promise<any> {
  const response = await call(url, method, token, body);
  if (response.status >= 300) throw new Error(`drill: ${method} ${url} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

async function signToken(secret: string, officer: { id: string; organizationId: string }, roles: string[]): Promise<string> {
  return new SignJWT({ org: officer.organizationId, roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(officer.id)
    .setIssuedAt()
    .setExpirationTime('12h')
    .sign(new TextEncoder().encode(secret));
}

/** The classified fields of a record as its service answered them. */
export function recordOf(view: { id: string; classification: string; originOrganizationId: string; authorId: string; audience?: { organizations?: string[]; officers?: string[] } }): ClassifiedResource & { id: string } {
  return {
    id: view.id,
    classification: view.classification as ClassifiedResource['classification'],
    originOrganizationId: view.originOrganizationId,
    authorId: view.authorId,
    audience: { organizations: view.audience?.organizations ?? [], officers: view.audience?.officers ?? [] },
  };
}

/**
 * A small partnership through the public API: three regional organizations besides the UN, a few
 * officers each (the first an admin of their organization), every officer subscribed to the load's
 * event types in the inbox (one of them to the rarer ones by e-mail too), each organization's
 * admin with a webhook endpoint for them at the drill's receiver; and per organization a held
 * dialogue, a programme and a course for the load to write recommendations, milestones and
 * sessions against. Waits until every service with a registry knows every officer.
 */
export async function seedNetwork(liaison: DrillLiaison, receiver: DrillWebhookReceiver, officersPerOrganization: number): Promise<DrillNetwork> {
  const registry = liaison.url('organizations');
  const { accessToken } = await expectOk(`${registry}/api/v1/auth/token`, 'POST', undefined, liaison.admin);
  const un = (await expectOk(`${registry}/api/v1/organizations?acronym=UN`, 'GET', accessToken)).items[0].id as string;
  const organizations = [un];
  for (const [acronym, name, region] of [['AU', 'African Union', 'africa'], ['EU', 'European Union', 'europe'], ['OAS', 'Organization of American States', 'americas']]) {
    organizations.push((await expectOk(`${registry}/api/v1/organizations`, 'POST', accessToken, { acronym, name, kind: 'regional', region, chapterVIII: true })).id);
  }
  const officers: DrillOfficer[] = [];
  const admins = new Map<string, DrillOfficer>();
  for (const organizationId of organizations) {
    for (let i = 0; i < officersPerOrganization; i++) {
      const roles: Role[] = i === 0 ? ['officer', 'admin'] : ['officer'];
      const { id } = await expectOk(`${registry}/api/v1/officers`, 'POST', accessToken, {
        organizationId,
        email: `officer${i}.${organizationId.slice(-6)}@drill.example.org`,
        name: `Officer ${i}`,
        roles,
      });
      const email = organizationId !== un && officers.every((o) => !o.email) && i === 1;
      const officer = { id, organizationId, token: await signToken(liaison.jwtSecret, { id, organizationId }, roles), roles, email };
      officers.push(officer);
      if (i === 0) admins.set(organizationId, officer);
    }
  }
  for (const name of ['dialogues', 'notifications', 'capacity-building', 'training'] as const) await waitForOfficers(liaison.databaseUrl(name), officers.length + 1);
  const notifications = liaison.url('notifications');
  for (const officer of officers) {
    await expectOk(`${notifications}/api/v1/subscriptions`, 'POST', officer.token, { filters: { eventTypes: LOAD_EVENT_TYPES }, channels: ['in-app'], frequency: 'immediate' });
    if (officer.email) {
      await expectOk(`${notifications}/api/v1/subscriptions`, 'POST', officer.token, { filters: { eventTypes: EMAIL_EVENT_TYPES }, channels: ['email'], frequency: 'immediate' });
    }
    await dropDefaultSubscriptions(notifications, officer.token);
  }
  // the first UN admin (first start) is an officer too: without its default subscription, it asked for nothing
  await dropDefaultSubscriptions(notifications, accessToken);
  const webhooks = new Map<string, string>();
  const fixtures = new Map<string, OrganizationFixtures>();
  // a dialogue's outcome is recorded once it has started: each organization's meeting was last year's
  const lastYear = new Date().getUTCFullYear() - 1;
  for (const [index, organizationId] of organizations.entries()) {
    const admin = admins.get(organizationId)!;
    const endpoint = await expectOk(`${notifications}/api/v1/webhooks`, 'POST', admin.token, { url: `${receiver.origin}/${organizationId}`, eventTypes: LOAD_EVENT_TYPES });
    receiver.secrets.set(`/${organizationId}`, endpoint.secret);
    webhooks.set(organizationId, endpoint.id);
    const partner = organizations[(index + 1) % organizations.length];
    const dialogue = await expectOk(`${liaison.url('dialogues')}/api/v1/dialogues`, 'POST', admin.token, {
      kind: 'staff-level',
      title: `Drill staff-level meeting ${index}`,
      participants: [organizationId, partner],
      startsAt: `${lastYear}-01-15T09:00:00Z`,
    });
    await expectOk(`${liaison.url('dialogues')}/api/v1/dialogues/${dialogue.id}/outcome`, 'POST', admin.token, { summary: 'Agreed to follow up.', heldOn: `${lastYear}-01-15` });
    const programme = await expectOk(`${liaison.url('capacity-building')}/api/v1/programmes`, 'POST', admin.token, {
      title: `Drill programme ${index}`,
      // the UN's programme is with a regional partner; the UN's officers may write to every programme
      partnerOrganizationId: organizationId === un ? partner : organizationId,
      scope: 'mediation',
      focusAreas: ['mediation'],
    });
    const course = await expectOk(`${liaison.url('training')}/api/v1/courses`, 'POST', admin.token, { title: `Drill course ${index}`, topic: 'mediation', languages: ['en'] });
    fixtures.set(organizationId, { dialogue: recordOf(dialogue), programme: recordOf(programme), courseId: course.id });
  }
  return { organizations, officers, webhooks, fixtures };
}

/** Without the default subscription (what concerns me, in the inbox and by e-mail), an officer's subscriptions are exactly the drill's. */
async function dropDefaultSubscriptions(notifications: string, token: string): Promise<void> {
  const { items } = await expectOk(`${notifications}/api/v1/subscriptions`, 'GET', token);
  for (const subscription of items as Array<{ id: string; isDefault: boolean }>) {
    if (subscription.isDefault) await expectOk(`${notifications}/api/v1/subscriptions/${subscription.id}`, 'DELETE', token);
  }
}

async function waitForOfficers(databaseUrl: string, count: number): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(200)) {
      const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM registry_officers WHERE email IS NOT NULL');
      if (Number(rows[0].n) >= count) return;
    }
    throw new Error(`drill: ${databaseUrl} never learned of ${count} officers`);
  } finally {
    await db.end();
  }
}
