import { SignJWT } from 'jose';
import { Client } from 'pg';
import { sleep } from '../clock';
import { expectStatus, inParallel } from '../http';
import type { LiaisonDeployment } from './services';
import { THEMES } from '@liaison/contracts';
import { type NetworkPlan, regionOf } from './network';

export interface Officer {
  id: string;
  organizationId: string;
  token: string;
}

export interface SeededNetwork {
  plan: NetworkPlan;
  posters: Officer[];
  subscribers: Officer[];
  seconds: number;
}

const CONCURRENCY = 16;

/**
 * Seeds the network through the public HTTP API, as partner desks would: organizations, desks and
 * officers with a UN admin's token (officers without passwords: argon2 is deliberately slow, and
 * the bench signs their tokens with the deployment's AUTH_JWT_SECRET), then each subscriber's own
 * subscriptions with their own token. Waits until dialogues and notifications know every officer
 * (they learn of them through events).
 */
export async function seedNetwork(deployment: LiaisonDeployment, plan: NetworkPlan, log: (line: string) => void): Promise<SeededNetwork> {
  const started = Date.now();
  const org = deployment.services.organizations.url;
  const { accessToken: adminToken } = await expectStatus<{ accessToken: string }>(200, 'POST', `${org}/api/v1/auth/token`, deployment.admin);
  const unId = JSON.parse(Buffer.from(adminToken.split('.')[1], 'base64url').toString()).org as string;

  const organizationIds = [unId];
  const created = await inParallel(
    Array.from({ length: plan.organizations - 1 }, (_, i) => i + 1),
    CONCURRENCY,
    (i) =>
      expectStatus<{ id: string }>(201, 'POST', `${org}/api/v1/organizations`, {
        acronym: `BENCH ${i}`,
        name: `Bench regional organization ${i}`,
        kind: 'regional',
        region: regionOf(i),
      }, adminToken),
  );
  organizationIds.push(...created.map((o) => o.id));
  const desks = await inParallel(
    organizationIds.flatMap((organizationId, o) => Array.from({ length: plan.desksPerOrganization }, (_, d) => ({ organizationId, name: `Desk ${o}.${d}` }))),
    CONCURRENCY,
    (desk) => expectStatus<{ id: string; organizationId: string }>(201, 'POST', `${org}/api/v1/desks`, desk, adminToken),
  );
  log(`    ${organizationIds.length} organizations, ${desks.length} desks`);

  const total = plan.subscribers + plan.posters;
  const officers = await inParallel(Array.from({ length: total }, (_, i) => i), CONCURRENCY, async (i) => {
    const desk = desks[i % desks.length];
    const officer = await expectStatus<{ id: string }>(201, 'POST', `${org}/api/v1/officers`, {
      organizationId: desk.organizationId,
      deskId: desk.id,
      email: `officer${i}@bench.example.org`,
      name: `Officer ${i}`,
      language: 'en',
    }, adminToken);
    return { id: officer.id, organizationId: desk.organizationId, token: await signToken(deployment.jwtSecret, officer.id, desk.organizationId) };
  });
  log(`    ${officers.length} officers registered`);

  await waitForOfficers(deployment, officers.length + 1, log); // + the first admin
  const subscribers = officers.slice(0, plan.subscribers);
  const notifications = deployment.services.notifications.url;
  await inParallel(subscribers, CONCURRENCY, async (officer, i) => {
    const follows = plan.follows[i];
    const subscriptions = [
      { filters: { countries: [follows.crowd] } },
      { filters: { themes: follows.themes } },
      ...(follows.solo ? [{ filters: { countries: [follows.solo] } }] : []),
    ];
    for (const subscription of subscriptions) {
      await expectStatus(201, 'POST', `${notifications}/api/v1/subscriptions`, { ...subscription, channels: ['in-app'] }, officer.token);
    }
  });
  log(`    ${subscribers.length} subscribers' subscriptions made`);
  const posters = officers.slice(plan.subscribers);
  if (plan.programmes > 0) await seedProgrammes(deployment, plan, posters, organizationIds, log);
  return { plan, posters, subscribers, seconds: (Date.now() - started) / 1000 };
}

/**
 * Each programme is launched by a poster for their own organization (its officers may write to
 * it; a UN poster's is for another organization, the UN being no partner of its own), with two
 * focus areas and one milestone due next year, so notifications has programme and
 * milestone events to fan out to the theme subscribers beside the briefs.
 */
async function seedProgrammes(deployment: LiaisonDeployment, plan: NetworkPlan, posters: Officer[], organizationIds: string[], log: (line: string) => void): Promise<void> {
  const [unId, ...partners] = organizationIds;
  const service = deployment.services['capacity-building'];
  if (!service) throw new Error('the network has programmes but capacity-building is not running');
  const dueOn = `${new Date().getUTCFullYear() + 1}-06-30`;
  await inParallel(Array.from({ length: plan.programmes }, (_, i) => i), CONCURRENCY, async (i) => {
    const poster = posters[i % posters.length];
    const programme = await expectStatus<{ id: string }>(201, 'POST', `${service.url}/api/v1/programmes`, {
      title: `Bench programme ${i}`,
      partnerOrganizationId: poster.organizationId === unId ? partners[i % partners.length] : poster.organizationId,
      scope: i % 2 === 0 ? 'comprehensive' : 'mediation',
      focusAreas: [...new Set([THEMES[i % THEMES.length], THEMES[(i * 7 + 3) % THEMES.length]])],
    }, poster.token);
    await expectStatus(201, 'POST', `${service.url}/api/v1/milestones`, { programmeId: programme.id, title: `Milestone of programme ${i}`, dueOn }, poster.token);
  });
  log(`    ${plan.programmes} programmes launched, a milestone each`);
}

/** HS256 with the deployment's secret and the claims Liaison reads: sub, org, roles, exp. */
export async function signToken(secret: string, officerId: string, organizationId: string): Promise<string> {
  return new SignJWT({ org: organizationId, roles: ['officer'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(officerId)
    .setIssuedAt()
    .setExpirationTime('4h')
    .sign(new TextEncoder().encode(secret));
}

/** The read models of dialogues, notifications (and capacity-building) fill from officer.joined events; the load must wait for them. */
async function waitForOfficers(deployment: LiaisonDeployment, count: number, log: (line: string) => void): Promise<void> {
  for (const name of ['dialogues', 'notifications', 'capacity-building'] as const) {
    const service = deployment.services[name];
    if (!service) continue;
    const db = new Client({ connectionString: service.databaseUrl });
    await db.connect();
    try {
      const deadline = Date.now() + 120_000;
      let known = 0;
      while (Date.now() < deadline) {
        known = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM registry_officers WHERE email IS NOT NULL')).rows[0].n);
        if (known >= count) break;
        await sleep(200);
      }
      if (known < count) throw new Error(`${name} knows ${known} of ${count} officers after 120 s`);
      log(`    ${name} knows all ${count} officers`);
    } finally {
      await db.end();
    }
  }
}
