// The demo world the browser tests click through: the standalone mode (npm start) creates it;
// against separately started services this makes what is missing (idempotent), as the UN admin.
// Officers are found by organization and language, so the tests need only the demo password.

export interface DemoOfficer {
  id: string;
  email: string;
  name: string;
  organizationId: string;
  language: string;
}

export interface DemoWorld {
  /** each demo officer's access token, by e-mail: tests that are not about signing in start signed in */
  tokens: Record<string, { accessToken: string; expiresIn: number }>;
  organizations: Record<string, string>;
  /** the UN administrator the setup signed in as */
  admin: DemoOfficer;
  /** an English-speaking UN (DPPA) officer */
  un: DemoOfficer;
  /** an African Union officer */
  au: DemoOfficer;
  /** an Arabic-speaking officer of the League of Arab States */
  las: DemoOfficer;
}

const ORGANIZATIONS = [
  { acronym: 'AU', name: 'African Union', kind: 'regional', region: 'africa', chapterVIII: true, memberStates: ['SD', 'ML', 'ET'] },
  { acronym: 'LAS', name: 'League of Arab States', kind: 'regional', region: 'middle-east', chapterVIII: true, memberStates: ['EG', 'SD', 'LB'] },
  { acronym: 'EU', name: 'European Union', kind: 'regional', region: 'europe', chapterVIII: false, memberStates: ['FR', 'DE'] },
];

async function call<T>(base: string, token: string | null, method: string, path: string, body?: unknown): Promise<T> {
  const reply = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await reply.text();
  if (!reply.ok) throw new Error(`${method} ${path}: ${reply.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** POST /auth/token, waiting out its rate limit (a few sign-ins a minute per address) when hit. */
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
  const adminToken = await tokenFor(base, admin.email, admin.password);
  const token = adminToken.accessToken;
  const listed = await call<{ items: { id: string; acronym: string }[] }>(base, token, 'GET', '/organizations?limit=200');
  const organizations: Record<string, string> = Object.fromEntries(listed.items.map((organization) => [organization.acronym, organization.id]));
  for (const organization of ORGANIZATIONS) {
    if (!organizations[organization.acronym]) {
      organizations[organization.acronym] = (await call<{ id: string }>(base, token, 'POST', '/organizations', organization)).id;
    }
  }
  const officer = async (acronym: string, language: string, email: string, name: string): Promise<DemoOfficer> => {
    const organizationId = organizations[acronym];
    const found = await call<{ items: (DemoOfficer & { roles: string[]; leftAt: string | null })[] }>(base, token, 'GET', `/officers?organizationId=${organizationId}&language=${language}&role=officer&limit=200`);
    // A desk officer, not an administrator (the UN's first admin also speaks English).
    const existing = found.items.find((candidate) => !candidate.leftAt && !candidate.roles.includes('admin'));
    if (existing) return existing;
    // Ours, left in another language by an interrupted run: back to the one the tests expect.
    const byEmail = await call<{ items: DemoOfficer[] }>(base, token, 'GET', `/officers?email=${encodeURIComponent(email)}`);
    if (byEmail.items[0]) return call<DemoOfficer>(base, token, 'PATCH', `/officers/${byEmail.items[0].id}`, { language });
    return call<DemoOfficer>(base, token, 'POST', '/officers', { organizationId, email, name, language, roles: ['officer'], password });
  };
  const un = await officer('UN', 'en', 'desk.officer@un.org', 'Grace Mwangi');
  const au = await officer('AU', 'en', 'officer@au.int', 'Abebe Bekele');
  const las = await officer('LAS', 'ar', 'officer@las.int', 'ليلى حداد');
  const tokens: DemoWorld['tokens'] = { [admin.email]: adminToken };
  for (const { email } of [un, au, las]) tokens[email] = await tokenFor(base, email, password);
  const [administrator] = (await call<{ items: DemoOfficer[] }>(base, token, 'GET', `/officers?email=${encodeURIComponent(admin.email)}`)).items;
  return { organizations, tokens, admin: administrator, un, au, las };
}
