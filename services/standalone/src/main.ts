import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '@liaison/http';
import { StandaloneConfig } from './config';
import { type RunningHost, SIGNALS, startHost } from './host';
import { ensureDemoWorld } from './demo/demo-world';

// `npm start [-- --empty]`: every service of Liaison in this process, on one port, with its own
// Postgres under LIAISON_DATA_DIR; a demo world on the first start unless --empty.
const startedAt = Date.now();

const USAGE = `usage: npm start [-- --empty]
  --empty   make no demo world on a new data directory
  --help    print this
Settings come from the environment: PORT, HOST, LIAISON_DATA_DIR, NATS_URL, LIAISON_ADMIN_EMAIL,
LIAISON_ADMIN_PASSWORD and more (services/standalone/README.md).`;

/** The command line: a mistyped option stops the start (a demo world made by mistake stays), saying what is known. */
function options(): { empty: boolean } {
  try {
    const { values } = parseArgs({ options: { empty: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    return { empty: values.empty };
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}
const { empty } = options();

async function main(): Promise<void> {
  const config = loadConfig(StandaloneConfig, process.env);
  // set once startHost returns: a delivery failure in the moment before (the host serving, not yet
  // returned) is remembered, and the host stopped as soon as it is there
  let host: RunningHost | undefined = undefined;
  let stopping: { code: number } | undefined;
  const finish = (running: RunningHost, code: number) =>
    running.stop().then(
      () => process.exit(code),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  const stop = (why: string, code: number) => {
    if (stopping) return;
    stopping = { code };
    console.log(`\n${why}: stopping Liaison…`);
    // what a closing pool or connection rejects late, once the stop is under way, is said, not fatal
    const late = (error: unknown) => console.error('while stopping:', error);
    process.on('unhandledRejection', late);
    process.on('uncaughtException', late);
    if (host) void finish(host, code);
  };
  host = await startHost(config, process.env, {
    // a process that serves HTTP but delivers nothing would take writes nobody receives: it ends, and says why
    onDeliveryFailure: (error) => {
      console.error(error.message);
      stop('the event delivery failed', 1);
    },
    onStorageFailure: (error) => {
      console.error(error.message);
      stop('its Postgres is gone', 1);
    },
    notice: (line) => console.error(line),
  });
  if (stopping) {
    await finish(host, stopping.code);
    return;
  }
  for (const signal of SIGNALS) process.on(signal, () => stop(signal, 0));
  const demo = await ensureDemoWorld(host, config.dataDir, { create: host.created && !empty });
  const lines = [
    '',
    `Liaison is serving at ${host.url}  (started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s; data in ${config.dataDir})`,
    host.servesConsole ? `  web console: ${host.url}/  (sign in with an e-mail and the password below)` : `  web console: not built (npm start builds it into ${config.consoleDir})`,
    `  API documentation: ${host.url}/api/v1/openapi.json`,
    `  sign in: POST ${host.url}/api/v1/auth/token {"email","password"}`,
    `  administrator: ${host.credentials.adminEmail}`,
    ...(demo ? ['  demo officers:', ...demo.officers.map((officer) => `    ${officer.email.padEnd(34)} ${officer.organization.padEnd(7)} ${officer.language}  ${officer.role}`)] : []),
    // a password the operator chose is theirs already: printed, it would only end up in logs
    `  password (every account above): ${config.adminPassword ? 'the one LIAISON_ADMIN_PASSWORD sets' : host.credentials.password}`,
    '',
  ];
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  // a start that fails says why, and exits non-zero
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
