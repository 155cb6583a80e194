import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StandaloneProcess, until } from './standalone-process';

// `npm start` in a checkout only its owner may enter, e.g. a clone under /root run as root:
// Postgres refuses root, and the postgres user cannot reach the folder (the host then runs it in a
// user namespace where root is that user). It serves, a SIGKILL and a restart keep its data, and
// its Postgres killed is started again the same way.

describe('standalone in a folder only its owner may enter', () => {
  let folder: string;
  let host: StandaloneProcess | undefined;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'liaison-private-'));
    await chmod(folder, 0o700);
  });

  afterAll(async () => {
    await host?.stop();
    await rm(folder, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }, 60_000);

  it('starts there, takes a write, and after a SIGKILL starts again on the same cluster with the write kept', async () => {
    const dataDir = path.join(folder, 'data');
    host = await StandaloneProcess.start(dataDir, ['--empty']);
    // the cluster's files are the owner's (root's, as root), not another user's it had to be given
    expect((await stat(path.join(dataDir, 'postgres', 'PG_VERSION'))).uid).toBe(process.getuid!());
    const { adminEmail, password } = JSON.parse(await readFile(path.join(dataDir, 'credentials.json'), 'utf8')) as { adminEmail: string; password: string };
    const signIn = async () => {
      const reply = await fetch(`${host!.url}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: adminEmail, password }) });
      expect(reply.status).toBe(200);
      return ((await reply.json()) as { accessToken: string }).accessToken;
    };
    const created = await fetch(`${host.url}/api/v1/organizations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await signIn()}` },
      body: JSON.stringify({ acronym: 'IGAD', name: 'Intergovernmental Authority on Development', kind: 'subregional', region: 'africa' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    expect(await host.kill('SIGKILL')).toBeNull();
    host = await StandaloneProcess.start(dataDir);
    const token = await signIn();
    const read = await fetch(`${host.url}/api/v1/organizations/${id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ acronym: 'IGAD' });

    // its Postgres killed, the host starts it again as it first did (in the namespace, as root)
    process.kill(Number((await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]), 'SIGKILL');
    // (a backend of the killed server may still answer a moment: the host's word is what counts)
    const said = await until(async () => host!.text(), (text) => text.includes('the embedded Postgres is running again'), 60_000);
    expect(said).toContain('the embedded Postgres is running again');
    const readAgain = async () => (await fetch(`${host!.url}/api/v1/organizations/${id}`, { headers: { authorization: `Bearer ${token}` } })).status;
    expect(await until(readAgain, (status) => status === 200, 60_000)).toBe(200);
  }, 240_000);
});
