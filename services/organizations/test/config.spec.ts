import { loadConfig } from '@liaison/http';
import { OrganizationsConfig } from '../src/config';

// The configuration is validated once, at boot: a token lifetime past a day is refused with the
// variable named, before anything connects.
describe('AUTH_TOKEN_TTL_SECONDS', () => {
  const env = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/liaison_test', AUTH_JWT_SECRET: 'a-test-secret-of-at-least-32-bytes!!' };

  it('defaults to an hour and accepts up to 24 hours', () => {
    expect(loadConfig(OrganizationsConfig, env).tokenTtlSeconds).toBe(3600);
    expect(loadConfig(OrganizationsConfig, { ...env, AUTH_TOKEN_TTL_SECONDS: '86400' }).tokenTtlSeconds).toBe(86400);
  });

  it('refuses a longer lifetime, naming the variable and the limit', () => {
    expect(() => loadConfig(OrganizationsConfig, { ...env, AUTH_TOKEN_TTL_SECONDS: '604800' })).toThrow(/AUTH_TOKEN_TTL_SECONDS: must be at most 86400 \(24 hours\)/);
    expect(() => loadConfig(OrganizationsConfig, { ...env, AUTH_TOKEN_TTL_SECONDS: '10' })).toThrow(/AUTH_TOKEN_TTL_SECONDS/);
  });
});
