import { chownSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './routing';
import { freePort } from './single-nats';
import { run } from './tools';

/** The proxy's, NATS's and Postgres's own programs read deploy/'s files as the containers do. */
describe('deploy configuration read by the real programs', () => {
  it('the proxy configuration is valid for caddy', () => {
    const result = run('caddy', ['validate', '--adapter', 'caddyfile', '--config', join(REPO, 'deploy/proxy/Caddyfile')]);
    expect(`${result.stdout}${result.stderr}`).toContain('Valid configuration');
    expect(result.status).toBe(0);
  });

  it("the web console's Caddy configuration is valid, and answers a console route with the page", async () => {
    const result = run('caddy', ['validate', '--adapter', 'caddyfile', '--config', join(REPO, 'deploy/console/Caddyfile')]);
    expect(`${result.stdout}${result.stderr}`).toContain('Valid configuration');
    expect(result.status).toBe(0);
    // Caddy itself, on a built console's shape: a client-side route gets index.html, revalidated;
    // hashed assets are kept; a path outside the files is never read.
    const dir = mkdtempSync(join(tmpdir(), 'liaison-console-files-'));
    mkdirSync(join(dir, 'site', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'site', 'index.html'), '<div id="root"></div>');
    writeFileSync(join(dir, 'site', 'assets', 'index-abc123.js'), 'export {};');
    writeFileSync(join(dir, 'secret.txt'), 'not served');
    const address = `127.0.0.1:${await freePort()}`;
    const caddy = spawn('caddy', ['run', '--adapter', 'caddyfile', '--config', join(REPO, 'deploy/console/Caddyfile')], {
      env: { ...process.env, CONSOLE_ADDRESS: address, CONSOLE_ROOT: join(dir, 'site'), XDG_CONFIG_HOME: join(dir, 'config'), XDG_DATA_HOME: join(dir, 'data') },
      stdio: 'ignore',
    });
    try {
      let page: Response | undefined;
      for (let i = 0; i < 100 && !page; i++) page = await fetch(`http://${address}/briefs/0193a5b2-7c1d-7e2f-8a3b-4c5d6e7f8091`).catch(() => new Promise<undefined>((done) => setTimeout(() => done(undefined), 100)));
      expect(page!.status).toBe(200);
      expect(await page!.text()).toBe('<div id="root"></div>');
      expect(page!.headers.get('cache-control')).toBe('no-cache');
      expect(page!.headers.get('x-content-type-options')).toBe('nosniff');
      // scripts only from the console's origin, and no framing (as the standalone serves it)
      expect(page!.headers.get('content-security-policy')).toMatch(/script-src 'self';.*frame-ancestors 'none'/);
      const asset = await fetch(`http://${address}/assets/index-abc123.js`);
      expect([asset.status, asset.headers.get('cache-control')]).toEqual([200, 'public, max-age=31536000, immutable']);
      expect(await (await fetch(`http://${address}/..%2Fsecret.txt`)).text()).not.toContain('not served');
    } finally {
      caddy.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a NATS node's configuration, with TLS from make-certs.sh and the accounts, is valid for nats-server", () => {
    const dir = mkdtempSync(join(tmpdir(), 'liaison-nats-conf-'));
    try {
      run('sh', [join(REPO, 'deploy/nats/make-certs.sh'), join(dir, 'certs')]);
      const config = readFileSync(join(REPO, 'deploy/nats/nats-cluster.conf'), 'utf8')
        .replaceAll('/etc/nats/certs', join(dir, 'certs'))
        // the machines' nats-server is 2.9, which predates the setting (production runs >= 2.12.3)
        .replace(/^\s*sync_interval: .*$/m, '');
      writeFileSync(join(dir, 'nats-cluster.conf'), config);
      copyFileSync(join(REPO, 'deploy/nats/accounts.conf'), join(dir, 'accounts.conf'));
      const env = Object.fromEntries(
        [...readFileSync(join(REPO, 'deploy/nats/accounts.conf'), 'utf8').matchAll(/password: \$(\w+)/g)].map(([, variable]) => [variable, 'secret']),
      );
      const valid = run('/usr/sbin/nats-server', ['-t', '-c', join(dir, 'nats-cluster.conf')], { env: { ...process.env, ...env, NODE_NAME: 'nats-1' } });
      expect(`${valid.stdout}${valid.stderr}`).toContain('is valid');
      const missing = run('/usr/sbin/nats-server', ['-t', '-c', join(dir, 'nats-cluster.conf')], { env: { ...process.env, ...env, DIALOGUES_NATS_PASSWORD: undefined, NODE_NAME: 'nats-1' } });
      expect(missing.status).not.toBe(0);
      expect(missing.stderr).toContain('DIALOGUES_NATS_PASSWORD');
      // the certificate serves the nodes' names, as clients and the other nodes check
      expect(execFileSync('openssl', ['x509', '-in', join(dir, 'certs/server.pem'), '-noout', '-ext', 'subjectAltName,extendedKeyUsage'], { encoding: 'utf8' })).toMatch(
        /DNS:nats-1, DNS:nats-2, DNS:nats-3[\s\S]*TLS Web Server Authentication, TLS Web Client Authentication/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('the Postgres init script, on a Postgres of its own', () => {
    let dir: string;
    let port: number;
    const postgresBin = (name: string) => join('/usr/lib/postgresql', execFileSync('ls', ['/usr/lib/postgresql'], { encoding: 'utf8' }).split('\n')[0], 'bin', name);
    // initdb and postgres refuse root: run them as the postgres user when the tests run as root
    // (no pipes: the server pg_ctl starts would hold them open)
    const asPostgres = (command: string, args: string[]) =>
      process.getuid?.() === 0 ? execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'ignore' }) : execFileSync(command, args, { stdio: 'ignore' });
    const passwords = { ORGANIZATIONS_DB_PASSWORD: 'o1', DIALOGUES_DB_PASSWORD: 'd1', CAPACITY_BUILDING_DB_PASSWORD: 'c1', TRAINING_DB_PASSWORD: 't1', NOTIFICATIONS_DB_PASSWORD: 'n1' };
    const initDatabases = (env: Record<string, string | undefined>) =>
      run('bash', [join(REPO, 'deploy/postgres/init-databases.sh')], { env: { ...process.env, PGHOST: dir, PGPORT: String(port), POSTGRES_USER: 'postgres', ...env } });
    const psql = (user: string, database: string, sql: string) => run('psql', ['-h', dir, '-p', String(port), '-U', user, '-d', database, '-tAc', sql]);

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'liaison-pg-'));
      port = await freePort();
      if (process.getuid?.() === 0) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), 0);
      asPostgres(postgresBin('initdb'), ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres']);
      asPostgres(postgresBin('pg_ctl'), ['-D', join(dir, 'data'), '-l', join(dir, 'postgres.log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=''`, '-w', 'start']);
    }, 60_000);
    afterAll(() => {
      if (!dir) return;
      try {
        asPostgres(postgresBin('pg_ctl'), ['-D', join(dir, 'data'), '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('creates nothing and names the variable when a password is missing', () => {
      const result = initDatabases({ ...passwords, TRAINING_DB_PASSWORD: undefined });
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('set TRAINING_DB_PASSWORD in .env');
      expect(psql('postgres', 'postgres', "SELECT count(*) FROM pg_database WHERE datname LIKE 'liaison_%'").stdout.trim()).toBe('0');
    });

    it('gives every service a database it owns, with its password, closed to the other services', () => {
      const result = initDatabases(passwords);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const owners = psql('postgres', 'postgres', "SELECT datname || ':' || pg_get_userbyid(datdba) FROM pg_database WHERE datname LIKE 'liaison_%' ORDER BY 1");
      expect(owners.stdout.trim().split('\n')).toEqual([
        'liaison_capacity_building:capacity_building',
        'liaison_dialogues:dialogues',
        'liaison_notifications:notifications',
        'liaison_organizations:organizations',
        'liaison_training:training',
      ]);
      expect(psql('postgres', 'postgres', "SELECT count(*) FROM pg_authid WHERE rolname = 'dialogues' AND rolpassword IS NOT NULL").stdout.trim()).toBe('1');
      expect(psql('dialogues', 'liaison_dialogues', 'CREATE TABLE brief (id int)').status).toBe(0);
      const trespass = psql('dialogues', 'liaison_notifications', 'SELECT 1');
      expect(trespass.status).not.toBe(0);
      expect(trespass.stderr).toMatch(/permission denied for database/);
    });
  });
});
