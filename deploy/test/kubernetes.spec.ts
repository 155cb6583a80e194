import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { REPO } from './routing';
import { SERVICE_NAMES } from './services';

/**
 * deploy/k8s as kustomize renders it (`kubectl kustomize`, the command an operator runs): every
 * object valid against the Kubernetes API schemas (kubernetes-models, generated from them),
 * and what an operator relies on: probes, resources, a non-root read-only container, a Service,
 * PodDisruptionBudget and HorizontalPodAutoscaler per service, a database per service, Secrets
 * that create-secrets.sh makes, and NATS values with the accounts' passwords.
 */
const KUBECTL = process.env.KUBECTL ?? 'kubectl';
const K8S = join(REPO, 'deploy/k8s');

function render(overlay: string): any[] {
  let output: string;
  try {
    output = execFileSync(KUBECTL, ['kustomize', join(K8S, overlay)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    throw new Error(`kubectl kustomize ${overlay} failed (kubectl: apt-get install kubernetes-client, or set KUBECTL): ${(error as Error).message}`);
  }
  return parseAllDocuments(output).map((document) => document.toJS()).filter(Boolean);
}

/** The kubernetes-models class of an object's apiVersion and kind, if Kubernetes defines it. */
function modelOf(object: { apiVersion: string; kind: string }): (new (data: unknown) => { validate(): void }) | undefined {
  const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : [undefined, object.apiVersion];
  try {
    return require(`kubernetes-models/${group ? `${group}/` : ''}${version}/${object.kind}`)[object.kind];
  } catch {
    return undefined;
  }
}

const of = (objects: any[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);

describe('Kubernetes manifests (deploy/k8s)', () => {
  const services = render('overlays/production');
  const jobs = render('overlays/production/jobs');
  const all = [...services, ...jobs];

  it('renders objects that are valid against the Kubernetes API schemas, in the namespace', () => {
    const crds = all.filter((o) => o.apiVersion.startsWith('postgresql.cnpg.io/'));
    expect(crds.map((o) => o.kind).sort()).toEqual(['Cluster', ...SERVICE_NAMES.map(() => 'Database')].sort());
    for (const object of all.filter((o) => !crds.includes(o))) {
      const Model = modelOf(object);
      expect([object.kind, Model ? 'known' : 'unknown']).toEqual([object.kind, 'known']);
      expect(() => new Model!(object).validate()).not.toThrow();
      expect(object.metadata.namespace).toBe('liaison');
    }
  });

  it.each(SERVICE_NAMES)('runs %s as a non-root, read-only container with probes and resources, behind a Service, PDB and HPA', (name) => {
    const deployment = of(services, 'Deployment', name);
    const pod = deployment.spec.template.spec;
    const [container] = pod.containers;
    expect(container.image).toBe('registry.example.org/liaison:0.1.0');
    expect(container.env).toEqual(expect.arrayContaining([{ name: 'SERVICE', value: name }, { name: 'NATS_USER', value: name }]));
    expect(container.livenessProbe.httpGet.path).toBe('/health/live');
    expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
    expect(container.resources).toEqual({ requests: { cpu: expect.anything(), memory: expect.anything() }, limits: { cpu: expect.anything(), memory: expect.anything() } });
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });

    const podLabels = deployment.spec.template.metadata.labels;
    const selects = (selector: Record<string, string>) => Object.entries(selector).every(([k, v]) => podLabels[k] === v);
    expect(selects(deployment.spec.selector.matchLabels)).toBe(true);
    expect(selects(of(services, 'Service', name).spec.selector)).toBe(true);
    expect(selects(of(services, 'PodDisruptionBudget', name).spec.selector.matchLabels)).toBe(true);
    expect(of(services, 'HorizontalPodAutoscaler', name).spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });

    const url = container.env.find((e: any) => e.name === 'DATABASE_URL').value;
    const database = of(services, 'Database', `liaison-${name}`).spec;
    expect(url).toBe(`postgres://${database.owner}:$(DATABASE_PASSWORD)@liaison-postgres-rw:5432/${database.name}`);
    const role = of(services, 'Cluster', 'liaison-postgres').spec.managed.roles.find((r: any) => r.name === database.owner);
    expect(role).toMatchObject({ login: true, passwordSecret: { name: `liaison-${name}-db` } });

    const migrate = of(jobs, 'Job', `${name}-migrate`).spec.template.spec.containers[0];
    expect(migrate.env).toEqual(expect.arrayContaining([{ name: 'SERVICE', value: name }, { name: 'ENTRY', value: 'migrate' }, expect.objectContaining({ name: 'DATABASE_URL', value: url })]));
  });

  it('runs the web console as a non-root, read-only container behind the Service the Ingress sends / to', () => {
    const deployment = of(services, 'Deployment', 'console');
    const pod = deployment.spec.template.spec;
    const [container] = pod.containers;
    expect(container.image).toBe('registry.example.org/liaison-console:0.1.0');
    expect(container.readinessProbe.httpGet).toEqual({ path: '/', port: 'http' });
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    const service = of(services, 'Service', 'console');
    expect(Object.entries(service.spec.selector).every(([k, v]) => deployment.spec.template.metadata.labels[k] === v)).toBe(true);
    expect(service.spec.ports).toEqual([expect.objectContaining({ name: 'http', targetPort: 'http' })]);
    const root = of(services, 'Ingress', 'liaison').spec.rules[0].http.paths.find((path: any) => path.path === '/');
    expect(root.backend.service).toEqual({ name: 'console', port: { name: 'http' } });
    expect(of(services, 'PodDisruptionBudget', 'console')).toBeDefined();
  });

  it('provisions the streams with the NATS operator user, and the services only check them', () => {
    const container = of(jobs, 'Job', 'nats-streams').spec.template.spec.containers[0];
    expect(container.command.join(' ')).toContain('deploy/nats/provision-streams.js');
    expect(container.env).toEqual(expect.arrayContaining([{ name: 'NATS_USER', value: 'operator' }]));
    const settings = services.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('liaison-settings')).data;
    expect(settings).toMatchObject({ EVENTS_PROVISION_STREAMS: 'false', EVENTS_REPLICAS: '3' });
    expect(settings.NATS_URL).toMatch(/^tls:/);
  });

  it('reads only Secrets that create-secrets.sh makes', () => {
    const script = readFileSync(join(K8S, 'create-secrets.sh'), 'utf8');
    const made = new Set([...script.matchAll(/apply generic "?([\w$-]+)"?/g)].flatMap(([, name]) => (name.includes('$service') ? SERVICE_NAMES.map((s) => name.replace('$service', s)) : [name])));
    // secretKeyRef and secret volumes of the pods, the database roles' password Secrets
    const read = new Set<string>();
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(walk);
      if (!value || typeof value !== 'object') return;
      const object = value as Record<string, any>;
      if (object.secretKeyRef) read.add(object.secretKeyRef.name);
      if (object.secret?.secretName) read.add(object.secret.secretName);
      if (object.passwordSecret) read.add(object.passwordSecret.name);
      Object.values(object).forEach(walk);
    };
    walk(all);
    expect(read.size).toBeGreaterThan(5);
    for (const name of read) expect([name, made.has(name)]).toEqual([name, true]);
  });

  it('gives NATS three JetStream nodes on files, TLS, and every password the accounts read', () => {
    const values = parse(readFileSync(join(K8S, 'nats/values.yaml'), 'utf8'));
    expect(values.config.cluster).toMatchObject({ enabled: true, replicas: 3, tls: { enabled: true } });
    expect(values.config.jetstream).toMatchObject({ enabled: true, fileStore: { enabled: true } });
    expect(values.config.nats.tls.enabled).toBe(true);
    expect(values.config.merge['00$include']).toBe('accounts.conf');
    const accounts = readFileSync(join(REPO, 'deploy/nats/accounts.conf'), 'utf8').replace(/#.*$/gm, '');
    const variables = [...new Set([...accounts.matchAll(/password: \$([A-Z_]+)\b/g)].map(([, v]) => v))].sort();
    expect(variables).toEqual(Object.keys(values.container.env).sort());
  });
});
