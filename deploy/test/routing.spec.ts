import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiPaths, caddyDestination, caddyRoutes, ingressDestination, readYamlDocuments, REPO } from './routing';
import { owningService, SERVICE_NAMES } from './services';

/**
 * Every route of the HTTP contract (../shared/API.md) reaches the service that owns it, through
 * the compose proxy (deploy/proxy/Caddyfile) and through the Kubernetes Ingress alike; `/` is the
 * web console's.
 */
describe('routing of API.md through the proxy and the Ingress', () => {
  const paths = apiPaths(readFileSync(join(REPO, '..', 'shared', 'API.md'), 'utf8'));
  const caddy = caddyRoutes(readFileSync(join(REPO, 'deploy/proxy/Caddyfile'), 'utf8'));
  const [ingress] = readYamlDocuments(join(REPO, 'deploy/k8s/base/ingress.yaml'));

  it('reads the routes of every service from API.md', () => {
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/auth/token', '/api/v1/briefs', '/api/v1/notifications/stream', '/api/v1/training/openapi.json']));
    for (const path of paths) expect([path, owningService(path)]).toEqual([path, expect.any(String)]);
    expect(new Set(paths.map(owningService))).toEqual(new Set(SERVICE_NAMES));
  });

  it.each(SERVICE_NAMES)('sends every route of %s to it', (service) => {
    const owned = paths.filter((path) => owningService(path) === service);
    expect(owned.length).toBeGreaterThan(3); // its resources and its openapi, asyncapi and dead-letters routes
    for (const path of [...owned, ...owned.map((p) => `${p}/0193a5b2-7c1d-7e2f-8a3b-4c5d6e7f8091`)]) {
      expect({ path, proxy: caddyDestination(caddy, path), ingress: ingressDestination(ingress, path) }).toEqual({ path, proxy: service, ingress: service });
    }
  });

  it('sends the rest to the web console, and API paths no service owns nowhere', () => {
    for (const path of ['/', '/briefs', '/assets/index.js', '/api']) {
      expect({ path, proxy: caddyDestination(caddy, path), ingress: ingressDestination(ingress, path) }).toEqual({ path, proxy: 'console', ingress: 'console' });
    }
    // a resource whose name begins like another's is not that one
    expect(caddyDestination(caddy, '/api/v1/briefsx')).toBeUndefined();
    expect(caddyDestination(caddy, '/api/v1/nothing-here')).toBeUndefined();
  });
});
