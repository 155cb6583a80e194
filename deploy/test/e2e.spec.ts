import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@liaison/testing';
import { buildImageTree, imageCommand, isBuilt, type Process, removeTree, startProcess, waitForHttp } from './built-services';
import { REPO } from './routing';
import { SERVICES, SERVICE_NAMES, type ServiceName } from './services';
import { freePort, natsPassword, type RunningNats, startSingleNats } from './single-nats';

/**
 * The deployment end to end, without Docker: each service that exists on this branch runs as a
 * separate built process with the image's command, on a database of its own, as its own NATS
 * user on a real nats-server with deploy/nats's accounts over TLS (certificates from
 * make-certs.sh, streams made by the operator's provision-streams.js), all behind caddy with
 * deploy/proxy/Caddyfile. Through the proxy only, an update of one desk reaches another
 * organization's desk officer's inbox, and so does a brief.
 */

/** Every service this checkout has (services.ts lists them): these three at least. */
const REQUIRED: ServiceName[] = ['organizations', 'dialogues', 'notifications'];
const SECRET = 'deploy-e2e-secret-deploy-e2e-secret-42';
const ADMIN = { email: 'admin@un.org', password: 'deploy e2e admin password' };

describe('the deployment end to end: built services behind the proxy, on NATS with their own users', () => {
  let tree: string;
  let nats: RunningNats;
  let origin: string;
  const running: ServiceName[] = [];
  const processes: Process[] = [];
  const databases: Array<{ drop: () => Promise<void> }> = [];
  const folders: string[] = [];

  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const response = await fetch(`${origin}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
  };
  const until = async <T>(attempt: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await attempt();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((wait) => setTimeout(wait, 250));
    }
  };

  beforeAll(async () => {
    tree = buildImageTree();
    folders.push(mkdtempSync(join(tmpdir(), 'liaison-certs-')));
    const certs = join(folders[0], 'certs');
    spawnSync('sh', [join(REPO, 'deploy/nats/make-certs.sh'), certs]);
    nats = await startSingleNats({ tlsCertsDir: certs });
    const natsEnv = { NATS_URL: `tls://127.0.0.1:${nats.port}`, NODE_EXTRA_CA_CERTS: join(certs, 'ca.pem') };

    const provision = spawnSync('node', ['-r', './tools/register-paths.js', 'deploy/nats/provision-streams.js'], {
      cwd: tree,
      env: { ...process.env, ...natsEnv, NATS_USER: 'operator', NATS_PASSWORD: natsPassword('operator') },
      encoding: 'utf8',
    });
    expect(`${provision.stdout}${provision.stderr}`.trim()).toBe('streams provisioned');

    running.push(...SERVICE_NAMES.filter((service) => isBuilt(tree, service)));
    for (const service of REQUIRED) if (!running.includes(service)) throw new Error(`${service} is not built: no services/${service}/src/main.ts`);
    const upstreams: Record<string, string> = { CONSOLE_UPSTREAM: '127.0.0.1:9' };
    await Promise.all(
      running.map(async (service) => {
        const database = await createTestDatabase(`deploy_${service}`);
        databases.push(database);
        const port = await freePort();
        const child = startProcess(service, imageCommand(), {
          cwd: tree,
          env: {
            ...process.env,
            ...natsEnv,
            SERVICE: service,
            PORT: String(port),
            DATABASE_URL: database.url,
            NATS_USER: service,
            NATS_PASSWORD: natsPassword(service),
            EVENTS_PROVISION_STREAMS: 'false',
            AUTH_JWT_SECRET: SECRET,
            LIAISON_ADMIN_EMAIL: ADMIN.email,
            LIAISON_ADMIN_PASSWORD: ADMIN.password,
            LOG_LEVEL: 'warn',
          },
        });
        processes.push(child);
        await waitForHttp(`http://127.0.0.1:${port}/health/ready`, child);
        upstreams[`${service.toUpperCase().replace(/-/g, '_')}_UPSTREAM`] = `127.0.0.1:${port}`;
      }),
    );
    for (const service of SERVICE_NAMES.filter((s) => !running.includes(s))) upstreams[`${service.toUpperCase().replace(/-/g, '_')}_UPSTREAM`] = '127.0.0.1:9';

    const proxyPort = await freePort();
    origin = `http://127.0.0.1:${proxyPort}`;
    const caddyHome = mkdtempSync(join(tmpdir(), 'liaison-caddy-'));
    folders.push(caddyHome);
    const proxy = startProcess('caddy', ['caddy', 'run', '--adapter', 'caddyfile', '--config', join(REPO, 'deploy/proxy/Caddyfile')], {
      cwd: caddyHome,
      env: { ...process.env, ...upstreams, PROXY_ADDRESS: `:${proxyPort}`, HOME: caddyHome, XDG_DATA_HOME: caddyHome, XDG_CONFIG_HOME: caddyHome },
    });
    processes.push(proxy);
    await waitForHttp(`${origin}/api/v1/organizations/openapi.json`, proxy, 30_000);
  }, 240_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    for (const database of databases) await database.drop();
    await nats?.stop();
    for (const folder of [tree, ...folders]) if (folder) removeTree(folder);
  }, 60_000);


  it("sends each service's routes to it: its OpenAPI document, read through the proxy, has its resources", async () => {
    for (const service of running) {
      const { status, body } = await call('GET', `/api/v1/${service}/openapi.json`);
      expect([service, status]).toEqual([service, 200]);
      const resources = new Set(Object.keys(body.paths).map((path: string) => path.split('/')[3]));
      for (const resource of SERVICES[service]) expect([service, resource, resources.has(resource)]).toEqual([service, resource, true]);
    }
  });

  /** The UN admin's token, and an AU desk officer subscribed to Sudan (once notifications knows them). */
  const network = async () => {
    const admin = (await call('POST', '/api/v1/auth/token', undefined, ADMIN)).body.accessToken as string;
    expect(admin).toEqual(expect.any(String));
    const un = (await call('GET', '/api/v1/organizations?kind=united-nations', admin)).body.items[0].id as string;
    const au = await call('POST', '/api/v1/organizations', admin, { acronym: `AU${Date.now() % 100000}`, name: 'African Union', kind: 'regional', region: 'africa' });
    expect(au.status).toBe(201);
    const officer = async (organizationId: string, desk: string, email: string) => {
      const created = await call('POST', '/api/v1/desks', admin, { organizationId, name: desk, countries: ['ET'] });
      expect(created.status).toBe(201);
      const password = `${email}-password`;
      const joined = await call('POST', '/api/v1/officers', admin, { organizationId, deskId: created.body.id, email, name: email, password });
      expect(joined.status).toBe(201);
      return (await call('POST', '/api/v1/auth/token', undefined, { email, password })).body.accessToken as string;
    };
    const tag = Math.random().toString(36).slice(2, 8);
    const auOfficer = await officer(au.body.id, 'Horn of Africa desk', `horn.${tag}@au.example.org`);
    // notifications learns of the officer through NATS: retry until it knows them
    const subscribed = await until(() => call('POST', '/api/v1/subscriptions', auOfficer, { filters: { countries: ['SD'] }, channels: ['in-app'] }), (r) => r.status === 201);
    expect(subscribed.status).toBe(201);
    return { admin, un, officer, auOfficer, tag };
  };
  const inboxItem = async (token: string, link: string) => {
    const items = await until(
      async () => (await call('GET', '/api/v1/notifications', token)).body.items ?? [],
      (found: any[]) => found.some((item) => item.link === link),
    );
    return items.find((item: any) => item.link === link);
  };

  it("carries a desk opened at the UN to an AU desk officer's inbox", async () => {
    const { admin, un, auOfficer } = await network();
    const desk = await call('POST', '/api/v1/desks', admin, { organizationId: un, name: 'Sudan desk', countries: ['SD'] });
    expect(desk.status).toBe(201);
    expect(await inboxItem(auOfficer, `/desks/${desk.body.id}`)).toMatchObject({ type: 'liaison.desk.opened.v1' });
  }, 90_000);

  it("carries a brief from a UN desk to an AU desk officer's inbox", async () => {
    const { un, officer, auOfficer, tag } = await network();
    const unOfficer = await officer(un, 'Sudan desk', `sudan.${tag}@un.org`);
    const brief = await until(
      () => call('POST', '/api/v1/briefs', unOfficer, { title: 'Sudan: ceasefire talks', body: 'Where the talks stand.', classification: 'green', countries: ['SD'] }),
      (r) => r.status === 201,
    );
    expect(brief.status).toBe(201);
    expect(await inboxItem(auOfficer, `/briefs/${brief.body.id}`)).toMatchObject({ type: 'liaison.brief.published.v1', classification: 'green' });
  }, 90_000);
});
