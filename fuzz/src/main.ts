import { registerActors } from './actors';
import { buildServices, startDeployment } from './deployment';
import { noSecretsYet, secretsInLogs } from './log-secrets';
import { startStandalone } from './standalone-deployment';
import { fuzz } from './run';
import { FUZZED_SERVICES } from './services';

/**
 * `npm run fuzz -- --requests=10000 --seed=7 --services=organizations,dialogues`: builds and
 * starts the services as separate processes (or, with `--standalone`, the one-process host as
 * `npm start` runs it), fuzzes each through its served OpenAPI document, prints what it sent, the
 * statuses seen and every failure; exits 1 when anything failed.
 */
async function main(): Promise<number> {
  const option = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  const requestsPerService = Number(option('requests') ?? 1000);
  const seed = Number(option('seed') ?? Date.now() % 1_000_000);
  const services = option('services')?.split(',') ?? [...FUZZED_SERVICES];
  if (!services.includes('organizations')) services.unshift('organizations'); // it issues the tokens
  const standalone = process.argv.includes('--standalone');
  console.log(`fuzz: ${services.join(', ')}${standalone ? ' in the standalone host' : ''}, ${requestsPerService} requests each, seed ${seed}`);
  if (!standalone) buildServices(services);
  const deployment = standalone ? await startStandalone(services) : await startDeployment(services);
  const secrets = noSecretsYet();
  let failures = 0;
  let sent = 0;
  try {
    const actors = await registerActors(deployment);
    const reports = await fuzz(deployment, actors, { requestsPerService, seed, secrets, log: (line) => console.log(line) });
    failures = reports.reduce((sum, report) => sum + report.failures.length, 0);
    sent = reports.reduce((sum, report) => sum + report.sent, 0);
  } finally {
    await deployment.stop();
  }
  // the logs are whole once the services have stopped
  const leaks = secretsInLogs(deployment.logDir, secrets);
  for (const leak of leaks) console.log(`  ✗ log: ${leak}`);
  console.log(`fuzz: ${sent} requests, ${failures + leaks.length} failures, ${secrets.values.size} secrets looked for in the logs (seed ${seed}; service logs in ${deployment.logDir})`);
  return failures + leaks.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
