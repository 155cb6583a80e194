import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UnauthorizedException } from '@nestjs/common';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey } from 'jose';
import type { Viewer } from '../viewer';
import { checkAuthOptions, type AuthModuleOptions } from './auth-options';
import { TokenIssuer } from './token-issuer';
import { TokenVerifier } from './token-verifier';

// Real: jose signing and verifying, and a JWKS served over HTTP by a local server.

const secret = 'a-test-secret-of-at-least-32-bytes!!';
const officer: Viewer = {
  officerId: '0190a8b2-7c4e-7a1b-9c3d-1e2f3a4b5c6d',
  organizationId: '0190a8b2-7c4e-7a1b-9c3d-1e2f3a4b5c6e',
  roles: ['officer'],
};

const hs = (options: Partial<AuthModuleOptions> = {}) => ({
  issuer: new TokenIssuer({ jwtSecret: secret, ...options }),
  verifier: new TokenVerifier({ jwtSecret: secret, ...options }),
});

function sign(claims: Record<string, unknown>, key: Uint8Array | CryptoKey = new TextEncoder().encode(secret), alg = 'HS256') {
  return new SignJWT(claims).setProtectedHeader({ alg, kid: 'k1' }).setIssuedAt().setExpirationTime('10m').sign(key);
}

async function rejection(verifier: TokenVerifier, token: string): Promise<string> {
  const error = await verifier.verify(token).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnauthorizedException);
  return (error as Error).message;
}

describe('HS256 tokens', () => {
  it('accepts a token of TokenIssuer and gives its viewer', async () => {
    const { issuer, verifier } = hs();
    const issued = await issuer.issue({ ...officer, roles: ['officer', 'admin'] });
    expect(issued.expiresIn).toBe(3600);
    await expect(verifier.verify(issued.accessToken)).resolves.toEqual({ ...officer, roles: ['officer', 'admin'] });
  });

  it('lets the lifetime be configured', async () => {
    const { issuer } = hs({ tokenExpiresInSeconds: 600 });
    const issued = await issuer.issue(officer);
    const payload = JSON.parse(Buffer.from(issued.accessToken.split('.')[1], 'base64url').toString());
    expect(issued.expiresIn).toBe(600);
    expect(payload.exp - payload.iat).toBe(600);
  });

  it('refuses an expired token', async () => {
    const { issuer, verifier } = hs();
    const issued = await issuer.issue(officer, new Date(Date.now() - 2 * 3600 * 1000));
    expect(await rejection(verifier, issued.accessToken)).toMatch(/expired/);
  });

  it('refuses a token signed with another secret', async () => {
    const other = new TokenIssuer({ jwtSecret: 'another-secret-that-is-32-bytes-long' });
    expect(await rejection(hs().verifier, (await other.issue(officer)).accessToken)).toMatch(/not valid/);
  });

  it('refuses alg none', async () => {
    const token = new UnsecuredJWT({ org: officer.organizationId, roles: ['admin'] })
      .setSubject(officer.officerId)
      .setIssuedAt()
      .setExpirationTime('10m')
      .encode();
    expect(await rejection(hs().verifier, token)).toMatch(/not valid/);
  });

  it('refuses a token without an expiry', async () => {
    const token = await new SignJWT({ org: officer.organizationId, roles: ['officer'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(officer.officerId)
      .sign(new TextEncoder().encode(secret));
    await rejection(hs().verifier, token);
  });

  it.each([
    ['no sub', { org: officer.organizationId, roles: ['officer'] }, /not valid/],
    ['sub not a UUID', { sub: 'alice', org: officer.organizationId, roles: ['officer'] }, /sub must be/],
    ['no org', { sub: officer.officerId, roles: ['officer'] }, /org must be/],
    ['org not a UUID', { sub: officer.officerId, org: 'AU', roles: ['officer'] }, /org must be/],
    ['no roles', { sub: officer.officerId, org: officer.organizationId }, /roles must be/],
    ['roles not a list', { sub: officer.officerId, org: officer.organizationId, roles: 'admin' }, /roles must be/],
    ['an unknown role', { sub: officer.officerId, org: officer.organizationId, roles: ['officer', 'root'] }, /roles must be/],
  ])('refuses claims with %s', async (_case, claims, message) => {
    expect(await rejection(hs().verifier, await sign(claims))).toMatch(message);
  });

  it('checks issuer and audience when configured', async () => {
    const strict = hs({ issuer: 'liaison', audience: 'liaison-api' });
    await expect(strict.verifier.verify((await strict.issuer.issue(officer)).accessToken)).resolves.toEqual(officer);
    await rejection(strict.verifier, (await hs().issuer.issue(officer)).accessToken);
    await rejection(strict.verifier, (await hs({ issuer: 'liaison', audience: 'elsewhere' }).issuer.issue(officer)).accessToken);
  });
});

describe('RS256 tokens from a JWKS', () => {
  let server: Server;
  let jwksUrl: string;
  let privateKey: CryptoKey;
  let publicKey: CryptoKey;
  const claims = { sub: officer.officerId, org: officer.organizationId, roles: ['officer'] };

  beforeAll(async () => {
    ({ privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true }));
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('accepts a token signed by a key of the set', async () => {
    const verifier = new TokenVerifier({ jwksUrl });
    await expect(verifier.verify(await sign(claims, privateKey, 'RS256'))).resolves.toEqual(officer);
  });

  it('refuses a token signed by a key outside the set', async () => {
    const stranger = await generateKeyPair('RS256');
    await rejection(new TokenVerifier({ jwksUrl }), await sign(claims, stranger.privateKey, 'RS256'));
  });

  it('refuses HS256 when only a JWKS is configured', async () => {
    await rejection(new TokenVerifier({ jwksUrl }), await sign(claims));
  });

  it('with both configured, refuses an HS256 token keyed with the public key (algorithm confusion)', async () => {
    const pem = new TextEncoder().encode(await exportSPKI(publicKey));
    const verifier = new TokenVerifier({ jwksUrl, jwtSecret: secret });
    await rejection(verifier, await sign(claims, pem));
    await expect(verifier.verify(await sign(claims, privateKey, 'RS256'))).resolves.toEqual(officer);
    await expect(verifier.verify(await sign(claims))).resolves.toEqual(officer);
  });
});

describe('options', () => {
  it('fail at boot when no key source is given, or the secret is short', () => {
    expect(() => checkAuthOptions({})).toThrow(/jwtSecret .* or jwksUrl/);
    expect(() => checkAuthOptions({ jwtSecret: 'short' })).toThrow(/at least 32 bytes/);
    expect(() => checkAuthOptions({ jwksUrl: 'not a url' })).toThrow(/jwksUrl must be a URL/);
    expect(() => checkAuthOptions({ jwtSecret: secret, tokenExpiresInSeconds: 0 })).toThrow(/tokenExpiresInSeconds/);
    expect(checkAuthOptions({ jwtSecret: secret })).toEqual({ jwtSecret: secret });
  });

  it('the issuer refuses to sign without a secret', async () => {
    await expect(new TokenIssuer({ jwksUrl: 'https://idp.example/jwks' }).issue(officer)).rejects.toThrow(/no jwtSecret/);
  });
});

describe('remembered tokens', () => {
  it('a token verified once is refused as soon as it expires', async () => {
    const verifier = new TokenVerifier({ jwtSecret: secret, clockToleranceSeconds: 0 });
    const expiresAt = Math.floor(Date.now() / 1000) + 2;
    const token = await new SignJWT({ sub: officer.officerId, org: officer.organizationId, roles: ['officer'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(expiresAt)
      .sign(new TextEncoder().encode(secret));
    await expect(verifier.verify(token)).resolves.toEqual(officer);
    await expect(verifier.verify(token)).resolves.toEqual(officer);
    await new Promise((resolve) => setTimeout(resolve, expiresAt * 1000 - Date.now() + 50));
    expect(await rejection(verifier, token)).toMatch(/expired/);
  });

  it('a remembered token vouches for no other: the same claims under another signature are refused', async () => {
    const { verifier } = hs();
    const token = await sign({ sub: officer.officerId, org: officer.organizationId, roles: ['officer'] });
    await expect(verifier.verify(token)).resolves.toEqual(officer);
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    expect(await rejection(verifier, forged)).toMatch(/not valid/);
    const elevated = await sign({ sub: officer.officerId, org: officer.organizationId, roles: ['officer', 'admin'] }, new TextEncoder().encode('another-secret-that-is-32-bytes-long'));
    expect(await rejection(verifier, elevated)).toMatch(/not valid/);
  });
});
