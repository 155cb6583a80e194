import { SignJWT } from 'jose';
import { Client } from 'pg';
import type { Audience, Classification } from '@liaison/contracts';
import type { DrillLiaison } from './liaison';

export interface DrillOfficer {
  id: string;
  organizationId: string;
  token: string;
}

export interface DrillNetwork {
  organizations: string[];
  officers: DrillOfficer[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function call(url: string, method: string, token: string | undefined, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function expectOk(url: string, method: string, token: string | undefined, body?: unknown): Promise<any> {
  const response = await call(url, method, token, body);
  if (response.status >= 300) throw new Error(`drill: ${method} ${url} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

async function signToken(secret: string, officer: { id: string; organizationId: string }): Promise<string> {
  return new SignJWT({ org: officer.organizationId, roles: ['officer'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(officer.id)
    .setIssuedAt()
    .setExpirationTime('6h')
    .sign(new TextEncoder().encode(secret));
}

/**
 * A small partnership through the public API: three regional organizations besides the UN, a few
 * officers each, every officer subscribed to briefs in the inbox. Waits until dialogues and
 * notifications know every officer.
 */
export async function seedNetwork(liaison: DrillLiaison, officersPerOrganization: number): Promise<DrillNetwork> {
  const registry = liaison.url('organizations');
  const { accessToken } = await expectOk(`${registry}/api/v1/auth/token`, 'POST', undefined, liaison.admin);
  const un = (await expectOk(`${registry}/api/v1/organizations?acronym=UN`, 'GET', accessToken)).items[0].id as string;
  const organizations = [un];
  for (const [acronym, name, region] of [['AU', 'African Union', 'africa'], ['EU', 'European Union', 'europe'], ['OAS', 'Organization of American States', 'americas']]) {
    organizations.push((await expectOk(`${registry}/api/v1/organizations`, 'POST', accessToken, { acronym, name, kind: 'regional', region, chapterVIII: true })).id);
  }
  const officers: DrillOfficer[] = [];
  for (const organizationId of organizations) {
    for (let i = 0; i < officersPerOrganization; i++) {
      const { id } = await expectOk(`${registry}/api/v1/officers`, 'POST', accessToken, {
        organizationId,
        email: `officer${i}.${organizationId.slice(-6)}@drill.example.org`,
        name: `Officer ${i}`,
      });
      officers.push({ id, organizationId, token: await signToken(liaison.jwtSecret, { id, organizationId }) });
    }
  }
  for (const name of ['dialogues', 'notifications'] as const) await waitForOfficers(liaison.databaseUrl(name), officers.length + 1);
  for (const officer of officers) {
    await expectOk(`${liaison.url('notifications')}/api/v1/subscriptions`, 'POST', officer.token, {
      filters: { eventTypes: ['liaison.brief.published.v1'] },
      channels: ['in-app'],
      frequency: 'immediate',
    });
  }
  return { organizations, officers };
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

/** A brief the dialogues service acknowledged (2xx): what the checker accounts for. */
export interface AcknowledgedBrief {
  id: string;
  classification: Classification;
  audience: Audience;
  originOrganizationId: string;
  authorId: string;
}

export interface LoadResult {
  acknowledged: AcknowledgedBrief[];
  refused: number;
  statuses: Record<string, number>;
}

const LEVELS: Classification[] = ['green', 'green', 'green', 'amber', 'amber', 'amber-strict', 'red', 'clear'];

/**
 * Posts briefs at a steady rate from officers across the network, at every level, until `stop`
 * resolves. A request that fails (refused, cut, or no answer) is counted, not retried: only what
 * was acknowledged must arrive.
 */
export async function briefLoad(liaison: DrillLiaison, network: DrillNetwork, ratePerSecond: number, stop: Promise<void>): Promise<LoadResult> {
  const result: LoadResult = { acknowledged: [], refused: 0, statuses: {} };
  let stopped = false;
  void stop.then(() => {
    stopped = true;
  });
  const inFlight = new Set<Promise<void>>();
  for (let n = 0; !stopped; n++) {
    const author = network.officers[n % network.officers.length];
    const classification = LEVELS[n % LEVELS.length];
    const other = network.officers[(n * 7 + 3) % network.officers.length];
    const audience =
      classification === 'amber'
        ? { organizations: [network.organizations[(network.organizations.indexOf(author.organizationId) + 1) % network.organizations.length]] }
        : classification === 'red'
          ? { officers: [other.id === author.id ? network.officers[(n + 1) % network.officers.length].id : other.id] }
          : undefined;
    const request = call(`${liaison.url('dialogues')}/api/v1/briefs`, 'POST', author.token, {
      title: `Drill brief ${n}`,
      body: `Situation update ${n}`,
      countries: ['SD'],
      themes: ['mediation'],
      classification,
      ...(audience ? { audience } : {}),
    })
      .then((response) => {
        result.statuses[response.status] = (result.statuses[response.status] ?? 0) + 1;
        if (response.status >= 200 && response.status < 300) {
          const brief = response.body;
          result.acknowledged.push({
            id: brief.id,
            classification: brief.classification,
            audience: { organizations: brief.audience?.organizations ?? [], officers: brief.audience?.officers ?? [] },
            originOrganizationId: brief.originOrganizationId,
            authorId: brief.authorId ?? author.id,
          });
        } else result.refused += 1;
      })
      .catch(() => {
        result.statuses.error = (result.statuses.error ?? 0) + 1;
        result.refused += 1;
      });
    inFlight.add(request);
    void request.finally(() => inFlight.delete(request));
    await sleep(1000 / ratePerSecond);
  }
  await Promise.all(inFlight);
  return result;
}
