import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { createTestDatabase, removeTestStreams, TEST_JWT_SECRET, testMessaging } from '@liaison/testing';
import { ADMIN } from './harness';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * The service as its own process, stopped as an orchestrator stops it: on SIGTERM readiness turns
 * false at once while requests are still served for SHUTDOWN_DRAIN_SECONDS, then it closes and
 * exits. Readiness depends on the database; the broker is in the detail.
 */
describe('stopping on SIGTERM', () => {
  const messaging = testMessaging();
  let database: { url: string; drop: () => Promise<void> };
  let child: ChildProcess;
  let origin: string;

  beforeAll(async () => {
    database = await createTestDatabase('shutdown');
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['-r', '@swc-node/register', 'services/organizations/src/main.ts'], {
      cwd: ROOT,
      stdio: 'ignore',
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        DATABASE_URL: database.url,
        NATS_URL: messaging.natsUrl,
        NATS_SUBJECT_PREFIX: messaging.subjectPrefix,
        NATS_STREAM_PREFIX: messaging.streamPrefix,
        AUTH_JWT_SECRET: TEST_JWT_SECRET,
        LIAISON_ADMIN_EMAIL: ADMIN.email,
        LIAISON_ADMIN_PASSWORD: ADMIN.password,
        LOG_LEVEL: 'silent',
        SHUTDOWN_DRAIN_SECONDS: '2',
      },
    });
    const until = Date.now() + 90_000;
    while (!(await fetch(`${origin}/health/ready`).then((answer) => answer.ok, () => false))) {
      if (Date.now() > until || child.exitCode !== null) throw new Error('the service did not start');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, 120_000);

  afterAll(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await database.drop();
    await removeTestStreams(messaging);
  });

  it('turns unready at once, serves requests while it drains, then exits', async () => {
    const ready = (await (await fetch(`${origin}/health/ready`)).json()) as { details: unknown };
    expect(ready.details).toMatchObject({ database: { status: 'up' }, events: { status: 'up', connected: true }, shutdown: { status: 'up' } });
    const login = await fetch(`${origin}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const exited = new Promise<string | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    const stoppedAt = Date.now();
    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));

    const draining = await fetch(`${origin}/health/ready`);
    expect(draining.status).toBe(503);
    expect(draining.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await draining.json()) as { checks: unknown }).checks).toMatchObject({ shutdown: { status: 'down', draining: true }, database: { status: 'up' } });
    const served = await fetch(`${origin}/api/v1/organizations`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(served.status).toBe(200);

    expect(await exited).toBe('SIGTERM');
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(2000);
  }, 30_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
