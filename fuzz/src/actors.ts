import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Deployment } from './deployment';
import type { Tokens } from './requests';

export interface Actors {
  tokens: Tokens;
  /** ids the fuzzer must not touch (its own officers and their organizations), or its tokens would stop working */
  protectedIds: Set<string>;
  /** passwords and tokens no log may hold */
  secrets: string[];
}

const PASSWORD = 'fuzzer password, long enough';

/**
 * The officers the fuzzer speaks for, registered through the API: the UN admin, an admin and an
 * officer of a regional organization, an officer of another; and tokens that must be refused.
 */
export async function registerActors(deployment: Deployment): Promise<Actors> {
  const organizations = deployment.services.find((service) => service.name === 'organizations');
  if (!organizations) throw new Error('the fuzzer needs the organizations service for its officers');
  const call = async (method: string, path: string, token: string | undefined, body: unknown) => {
    const answer = await fetch(`${organizations.url}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`);
    return answer.json() as Promise<Record<string, string>>;
  };
  const login = async (email: string, password: string) => (await call('POST', '/auth/token', undefined, { email, password })).accessToken;
  const unAdmin = await login(deployment.admin.email, deployment.admin.password);
  const protectedIds = new Set<string>();
  const organization = async (acronym: string, region: string) => {
    const { id } = await call('POST', '/organizations', unAdmin, { acronym, name: `${acronym} (fuzzer)`, kind: 'regional', region });
    protectedIds.add(id);
    return id;
  };
  const officer = async (organizationId: string, email: string, roles: string[]) => {
    const { id } = await call('POST', '/officers', unAdmin, { organizationId, email, name: email.split('@')[0], roles, password: PASSWORD });
    protectedIds.add(id);
    return login(email, PASSWORD);
  };
  const au = await organization('AUF', 'africa');
  const eu = await organization('EUF', 'europe');
  const valid = [unAdmin, await officer(au, 'admin@auf.example.org', ['admin', 'officer']), await officer(au, 'officer@auf.example.org', ['officer']), await officer(eu, 'officer@euf.example.org', ['officer'])];
  for (const [key, value] of Object.entries(claimsOf(unAdmin))) if (key === 'sub' || key === 'org') protectedIds.add(String(value));

  const secret = new TextEncoder().encode(deployment.jwtSecret);
  const sign = (claims: Record<string, unknown>, key = secret, expiresIn = '10m') =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(String(claims.sub ?? randomUUID())).setIssuedAt().setExpirationTime(expiresIn).sign(key);
  const admin = claimsOf(unAdmin);
  // (a well-signed token of an officer the registry does not know joins these once every service
  // checks the registry on each request)
  const forged = [
    await sign(admin, new TextEncoder().encode('not the secret, not the secret, not it')),
    await sign(admin, secret, '-1m'),
    `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(admin)).toString('base64url')}.`,
    'x.y.z',
    'not a token',
    unAdmin.slice(0, -4) + 'AAAA',
  ];
  await everyServiceHonours(deployment, valid);
  return { tokens: { valid, forged }, protectedIds, secrets: [deployment.admin.password, PASSWORD, deployment.jwtSecret, deployment.secretKey, ...valid] };
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

/** The other services learn of officers from events: waits until each honours every token. */
async function everyServiceHonours(deployment: Deployment, tokens: string[]): Promise<void> {
  const until = Date.now() + 60_000;
  for (const service of deployment.services) {
    const document = (await (await fetch(`${service.url}/api/v1/${service.name}/openapi.json`)).json()) as { paths: Record<string, never> };
    const probe = Object.entries(document.paths as Record<string, Record<string, { security?: unknown[] }>>).find(
      ([path, item]) => !path.includes('{') && item.get && item.get.security?.length && !/stream|dead-letters/.test(path),
    )?.[0];
    if (!probe) continue;
    for (const token of tokens) {
      while ((await fetch(`${service.url}${probe}`, { headers: { authorization: `Bearer ${token}` } })).status === 401) {
        if (Date.now() > until) throw new Error(`${service.name} does not honour the fuzzer's officers after 60 s`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }
}
