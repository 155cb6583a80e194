// The standalone's demo world (services/standalone/src/demo), as the browser tests use it: the
// officers they act as, found by e-mail through the API, and each one's token, taken once.

import { fetchWaitingOutBusy } from '../src/api/busy';

export interface DemoOfficer {
  id: string;
  email: string;
  name: string;
  organizationId: string;
  language: string;
}

export interface DemoWorld {
  /** each officer's access token, by e-mail: tests that are not about signing in start signed in */
  tokens: Record<string, { accessToken: string; expiresIn: number }>;
  /** organization ids by acronym */
  organizations: Record<string, string>;
  /** the UN administrator */
  admin: DemoOfficer;
  /** Amina Diallo, DPPA — Africa, reads English; follows Africa */
  un: DemoOfficer;
  /** Kwame Mensah, AU Political Affairs, Peace and Security; holds a seat in the demo's full mediation session (the UN and the AU organize it) */
  au: DemoOfficer;
  /** Omar Haddad, League of Arab States, reads Arabic; follows the Middle East */
  las: DemoOfficer;
}

const OFFICERS = {
  un: 'amina.diallo@un.example.org',
  au: 'kwame.mensah@au.example.org',
  las: 'omar.haddad@las.example.org',
} as const;

async function call<T>(base: string, token: string | null, method: string, path: string, body?: unknown): Promise<T> {
  const reply = await fetchWaitingOutBusy(
    new Request(`${base}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  const text = await reply.text();
  if (!reply.ok) throw new Error(`${method} ${path}: ${reply.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** POST /auth/token, waiting out its rate limit (ten sign-ins a minute per address) when hit. */
export async function tokenFor(base: string, email: string, password: string): Promise<{ accessToken: string; expiresIn: number }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call<{ accessToken: string; expiresIn: number }>(base, null, 'POST', '/auth/token', { email, password });
    } catch (error) {
      if (!/: 429 /.test((error as Error).message) || attempt > 6) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10_000));
    }
  }
}

export async function demoWorld(base: string, admin: { email: string; password: string }, password: string): Promise<DemoWorld> {
  const tokens: DemoWorld['tokens'] = { [admin.email]: await tokenFor(base, admin.email, admin.password) };
  const token = tokens[admin.email].accessToken;
  const listed = await call<{ items: { id: string; acronym: string }[] }>(base, token, 'GET', '/organizations?limit=200');
  const organizations = Object.fromEntries(listed.items.map((organization) => [organization.acronym, organization.id]));
  const find = async (email: string): Promise<DemoOfficer> => {
    const [officer] = (await call<{ items: DemoOfficer[] }>(base, token, 'GET', `/officers?email=${encodeURIComponent(email)}`)).items;
    if (!officer) throw new Error(`${email} is not in the registry at ${base}: the browser tests need the standalone's demo world`);
    return officer;
  };
  const officers = Object.fromEntries(await Promise.all(Object.entries(OFFICERS).map(async ([key, email]) => [key, await find(email)] as const))) as Record<keyof typeof OFFICERS, DemoOfficer>;
  for (const { email } of Object.values(officers)) tokens[email] = await tokenFor(base, email, password);
  return { organizations, tokens, admin: await find(admin.email), ...officers };
}
