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
