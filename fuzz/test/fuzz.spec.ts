import { registerActors } from '../src/actors';
import { buildServices, type Deployment, startDeployment } from '../src/deployment';
import { noSecretsYet, secretsInLogs } from '../src/log-secrets';
import { fuzz } from '../src/run';
import { FUZZED_SERVICES } from '../src/services';

/**
 * A short, seeded fuzz run (about a thousand requests) against the services as separate processes:
 * no 5xx, every error problem+json with a declared status, no refused write leaving anything behind.
 * `npm run fuzz -- --requests=10000` is the long run.
 */
describe('the services under a short fuzz run', () => {
  let deployment: Deployment;

  beforeAll(async () => {
    buildServices(FUZZED_SERVICES);
    deployment = await startDeployment(FUZZED_SERVICES);
  }, 300_000);

  afterAll(() => deployment?.stop(), 60_000);

  it('answers every generated request with a 2xx or a problem it declares, and refused writes leave nothing', async () => {
    const actors = await registerActors(deployment);
    const perService = Math.ceil(1_000 / FUZZED_SERVICES.length);
    const secrets = noSecretsYet();
    const reports = await fuzz(deployment, actors, { requestsPerService: perService, seed: 20261203, secrets });
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
  }, 120_000);
});
