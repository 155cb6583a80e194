import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO } from './routing';
import { SERVICE_NAMES } from './services';
import { run } from './tools';

/**
 * docker-compose.yml as Docker Compose reads it with the example .env: every container has a
 * health check (or is a job that must finish), waits for its dependencies' health, and the
 * services reach Postgres and NATS with their own users; a missing secret stops it by name.
 * There is no Docker engine here, so `docker-compose config` is as far as compose goes.
 */
describe('docker compose (docker-compose.yml, .env.example)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'liaison-compose-'));
  const example = readFileSync(join(REPO, '.env.example'), 'utf8');
  const config = (env: string) => {
    writeFileSync(join(dir, '.env'), env);
    return run('docker-compose', ['--env-file', join(dir, '.env'), '-f', join(REPO, 'docker-compose.yml'), 'config']);
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const rendered = config(example);
  const compose = parse(rendered.stdout ?? '');

  it('is valid with the example .env', () => {
    expect(rendered.stderr).toBe('');
    expect(rendered.status).toBe(0);
    expect(Object.keys(compose.services).sort()).toEqual(
      ['console', 'mailcatcher', 'nats-1', 'nats-2', 'nats-3', 'nats-streams', 'postgres', 'proxy', ...SERVICE_NAMES].sort(),
    );
  });

  it('gives every long-running container a health check and makes each wait for its dependencies to be healthy', () => {
    for (const [name, service] of Object.entries<any>(compose.services)) {
      if (name !== 'nats-streams') expect([name, service.healthcheck?.test?.length > 0]).toEqual([name, true]);
      for (const [dependency, { condition }] of Object.entries<any>(service.depends_on ?? {})) {
        const expected = dependency === 'nats-streams' ? 'service_completed_successfully' : 'service_healthy';
        expect([name, dependency, condition]).toEqual([name, dependency, expected]);
      }
    }
    expect(Object.keys(compose.services.proxy.depends_on).sort()).toEqual(['console', ...SERVICE_NAMES].sort());
  });

  it.each(SERVICE_NAMES)('runs %s from the one image with its own database user and NATS user, over TLS', (name) => {
    const service = compose.services[name];
    const env = service.environment;
    const user = name.replace(/-/g, '_');
    expect(service.image).toBe('liaison:latest');
    expect(service.read_only).toBe(true);
    expect(env.SERVICE).toBe(name);
    expect(env.DATABASE_URL).toMatch(new RegExp(`^postgres://${user}:[^@]+@postgres:5432/liaison_${user}$`));
    expect(env.NATS_USER).toBe(name);
    expect(env.NATS_URL.split(',').every((url: string) => url.startsWith('tls://'))).toBe(true);
    expect(env.EVENTS_PROVISION_STREAMS).toBe('false');
    expect(service.depends_on).toMatchObject({ postgres: { condition: 'service_healthy' }, 'nats-streams': { condition: 'service_completed_successfully' } });
  });

  it('builds the web console into an image of its own, read-only, which the proxy serves at /', () => {
    const console = compose.services.console;
    expect(console.build.dockerfile).toBe('deploy/console/Dockerfile');
    expect(console.image).toBe('liaison-console:latest');
    expect(console.read_only).toBe(true);
    const dockerfile = readFileSync(join(REPO, 'deploy/console/Dockerfile'), 'utf8');
    expect(dockerfile).toContain('vite build --config apps/console/vite.config.ts');
    expect(dockerfile).toMatch(/^USER 1000:1000$/m);
    expect(console.healthcheck.test.join(' ')).toContain('http://127.0.0.1:3000/');
  });

  it('publishes only the proxy and the mail catcher, never NATS monitoring or Postgres', () => {
    const published = Object.entries<any>(compose.services).filter(([, s]) => s.ports).map(([name]) => name);
    expect(published.sort()).toEqual(['mailcatcher', 'proxy']);
    expect(readFileSync(join(REPO, 'deploy/nats/nats-cluster.conf'), 'utf8')).toMatch(/^http: 127\.0\.0\.1:8222$/m);
  });

  it.each(['POSTGRES_PASSWORD', 'DIALOGUES_DB_PASSWORD', 'NOTIFICATIONS_NATS_PASSWORD', 'AUTH_JWT_SECRET', 'LIAISON_ADMIN_PASSWORD', 'LIAISON_SECRET_KEY'])(
    'refuses to start without %s in .env, naming it',
    (variable) => {
      const result = config(example.replace(new RegExp(`^${variable}=.*$`, 'm'), ''));
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain(`set ${variable} in .env`);
    },
  );
});
