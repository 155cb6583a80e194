import { eventStreamOptions, loadConfig, ServiceConfig } from './service-config';

/** The NATS credentials and stream provisioning a deployment gives a service through its environment. */
describe('ServiceConfig: NATS credentials and stream provisioning', () => {
  const base = { PORT: '3000', DATABASE_URL: 'postgres://127.0.0.1/liaison_test', AUTH_JWT_SECRET: 'x'.repeat(32) };

  it('passes the NATS user and password, and EVENTS_PROVISION_STREAMS, to the event stream', () => {
    const config = loadConfig(ServiceConfig, { ...base, NATS_USER: 'dialogues', NATS_PASSWORD: 'p4ss', EVENTS_PROVISION_STREAMS: 'false' });
    expect(eventStreamOptions(config)).toMatchObject({
      natsCredentials: { user: 'dialogues', password: 'p4ss', credsFile: undefined },
      provisionStreams: false,
    });
  });

  it('provisions the streams and uses no credentials unless told', () => {
    expect(eventStreamOptions(loadConfig(ServiceConfig, base))).toMatchObject({
      natsCredentials: { user: undefined, password: undefined, credsFile: undefined },
      provisionStreams: true,
    });
  });

  it('refuses a NATS user without a password, or a provisioning flag that is not true or false, naming the variable', () => {
    expect(() => loadConfig(ServiceConfig, { ...base, NATS_USER: 'dialogues' })).toThrow(/NATS_PASSWORD: .*must be set with NATS_USER/);
    expect(() => loadConfig(ServiceConfig, { ...base, EVENTS_PROVISION_STREAMS: 'no' })).toThrow(/EVENTS_PROVISION_STREAMS: .*must be true or false/);
  });
});

const BASE = { PORT: '3000', DATABASE_URL: 'postgres://127.0.0.1/liaison_test', AUTH_JWT_SECRET: 'x'.repeat(32) };

describe('the common configuration', () => {
  it('takes signing keys over https only: a JWKS URL over http stops the start, naming the variable', () => {
    expect(() => loadConfig(ServiceConfig, { ...BASE, AUTH_JWKS_URL: 'http://idp.example.org/.well-known/jwks.json' })).toThrow(/AUTH_JWKS_URL must be an https:\/\/ URL/);
    expect(() => loadConfig(ServiceConfig, { ...BASE, AUTH_JWKS_URL: 'idp.example.org/jwks.json' })).toThrow(/AUTH_JWKS_URL/);
    expect(loadConfig(ServiceConfig, { ...BASE, AUTH_JWKS_URL: 'https://idp.example.org/.well-known/jwks.json' }).jwksUrl).toBe('https://idp.example.org/.well-known/jwks.json');
  });

  it('reads TRUSTED_PROXIES as addresses and CIDR ranges, and refuses anything else', () => {
    expect(loadConfig(ServiceConfig, BASE).trustedProxies).toEqual([]);
    expect(loadConfig(ServiceConfig, { ...BASE, TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1,fd00::/8' }).trustedProxies).toEqual(['10.0.0.0/8', '127.0.0.1', 'fd00::/8']);
    for (const wrong of ['proxy.internal', '10.0.0.0/33', '10.0.0.1/8/8', '*']) {
      expect(() => loadConfig(ServiceConfig, { ...BASE, TRUSTED_PROXIES: wrong })).toThrow(/TRUSTED_PROXIES must list IP addresses or CIDR ranges/);
    }
  });
});
