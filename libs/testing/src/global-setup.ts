import { natsAnswers, postgresAnswers, testDatabaseAdminUrl, testNatsUrl } from './servers';

/**
 * Runs once before all test files: reaches Postgres and NATS or starts them in containers,
 * and fails loudly, with what to do, when neither works. Tests never skip silently.
 */
export default async function globalSetup(): Promise<void> {
  let databaseUrl = testDatabaseAdminUrl();
  let natsUrl = testNatsUrl();

  if (!(await postgresAnswers(databaseUrl))) {
    databaseUrl = await startPostgresContainer(databaseUrl);
  }
  if (!(await natsAnswers(natsUrl))) {
    natsUrl = await startNatsContainer(natsUrl);
  }
  // Workers inherit the parent's environment.
  process.env.DATABASE_URL = databaseUrl;
  process.env.NATS_URL = natsUrl;
}

async function startPostgresContainer(tried: string): Promise<string> {
  try {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:15-alpine').withDatabase('test').start();
    registerTeardown(() => container.stop());
    return container.getConnectionUri();
  } catch (error) {
    throw new Error(
      `No Postgres for the tests: ${tried} does not answer and no container could be started ` +
        `(${(error as Error).message}). Set DATABASE_URL to a Postgres whose database name says "test", ` +
        `or start the local one: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`,
    );
  }
}

async function startNatsContainer(tried: string): Promise<string> {
  try {
    const { NatsContainer } = await import('@testcontainers/nats');
    const container = await new NatsContainer('nats:2.10-alpine').withArg('-js', '').start();
    registerTeardown(() => container.stop());
    return `nats://${container.getHost()}:${container.getMappedPort(4222)}`;
  } catch (error) {
    throw new Error(
      `No NATS with JetStream for the tests: ${tried} does not answer and no container could be started ` +
        `(${(error as Error).message}). Set NATS_URL, or start the local one: start-stop-daemon --start --oknodo ` +
        `--background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server`,
    );
  }
}

const teardowns: Array<() => Promise<unknown>> = [];
function registerTeardown(stop: () => Promise<unknown>): void {
  teardowns.push(stop);
  (globalThis as { __liaisonTeardowns?: typeof teardowns }).__liaisonTeardowns = teardowns;
}
