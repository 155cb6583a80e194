import { type Actors, registerActors } from '../src/actors';
import { buildServices, type Deployment, startDeployment } from '../src/deployment';
import { noSecretsYet, secretsInLogs } from '../src/log-secrets';
import { fuzz } from '../src/run';
import { FUZZED_SERVICES } from '../src/services';
import { startStandalone } from '../src/standalone-deployment';

/**
 * A short, seeded fuzz run against each shape of Liaison (the services as separate processes, and
 * the standalone host as `npm start` runs it): no 5xx, every error problem+json with a declared
 * status, no refused write leaving anything behind, no secret in a log.
 * `npm run fuzz -- --requests=10000 [--standalone]` is the long run.
 */
async function fuzzAndCheck(deployment: Deployment, requests: number, seed: number): Promise<void> {
  const actors: Actors = await registerActors(deployment);
  const perService = Math.ceil(requests / FUZZED_SERVICES.length);
  const secrets = noSecretsYet();
  const reports = await fuzz(deployment, actors, { requestsPerService: perService, seed, secrets });
  for (const report of reports) {
    expect({ service: report.service, sent: report.sent }).toEqual({ service: report.service, sent: perService });
    // the run reached the routes, not only the refusals
    expect(Object.keys(report.statuses).some((status) => Number(status) < 300)).toBe(true);
    expect(report.failures).toEqual([]);
  }
  // no log line holds a password, a hash, a token or the signing secret
  await deployment.stop();
  expect(secrets.values.size).toBeGreaterThan(5);
  expect(secretsInLogs(deployment.logDir, secrets)).toEqual([]);
}

describe('the services under a short fuzz run', () => {
  let deployment: Deployment;

  beforeAll(async () => {
    buildServices(FUZZED_SERVICES);
    deployment = await startDeployment(FUZZED_SERVICES);
  }, 300_000);

  afterAll(() => deployment?.stop(), 60_000);

  it('answers every generated request with a 2xx or a problem it declares, and refused writes leave nothing', () => fuzzAndCheck(deployment, 1_000, 20261203), 120_000);
});

describe('the standalone host under a short fuzz run', () => {
  let deployment: Deployment;

  beforeAll(async () => {
    deployment = await startStandalone(FUZZED_SERVICES);
  }, 180_000);

  afterAll(() => deployment?.stop(), 60_000);

  it('answers as the services do: a 2xx or a declared problem, refused writes leave nothing, no secret in its log', () => fuzzAndCheck(deployment, 500, 20261206), 120_000);
});
