// Creates Liaison's event streams (LIAISON_EVENTS, LIAISON_DLQ) or brings their settings up to
// date, with the operator's NATS credentials: the services' own credentials may not administer
// streams (deploy/nats/accounts.conf), so they start with EVENTS_PROVISION_STREAMS=false and only
// check that the streams exist. Runs from the image, before the services:
//   node -r ./tools/register-paths.js deploy/nats/provision-streams.js
// Reads NATS_URL, NATS_USER, NATS_PASSWORD (or NATS_CREDS_FILE), EVENTS_REPLICAS,
// EVENTS_MAX_AGE_DAYS, EVENTS_DUPLICATE_WINDOW_SECONDS, NATS_SUBJECT_PREFIX, NATS_STREAM_PREFIX
// (the services' variables, same meaning and defaults).
const { DEFAULT_RETRY_POLICY, JetStreamBus, provisionStreams } = require('@liaison/messaging');

const env = process.env;
const number = (name, fallback) => {
  const value = env[name] === undefined || env[name] === '' ? fallback : Number(env[name]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
  return value;
};

async function main() {
  const names = { subjectPrefix: env.NATS_SUBJECT_PREFIX ?? '', streamPrefix: env.NATS_STREAM_PREFIX ?? '' };
  const bus = await JetStreamBus.connect(env.NATS_URL || 'nats://127.0.0.1:4222', 'liaison-provision-streams', {
    ...names,
    retry: DEFAULT_RETRY_POLICY,
    credentials: { user: env.NATS_USER || undefined, password: env.NATS_PASSWORD, credsFile: env.NATS_CREDS_FILE || undefined },
  });
  try {
    await provisionStreams(bus.jsm, {
      ...names,
      replicas: number('EVENTS_REPLICAS', 1),
      maxAgeMs: number('EVENTS_MAX_AGE_DAYS', 0) * 24 * 60 * 60 * 1000,
      duplicateWindowMs: number('EVENTS_DUPLICATE_WINDOW_SECONDS', 120) * 1000,
    });
    console.log('streams provisioned');
  } finally {
    await bus.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
