import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { CompiledTree, serviceNodeOptions } from '../../bench/src/build';
import { Child, httpReady } from '../../bench/src/processes';
import { DrillNats, DrillPostgres, freePort } from './servers';

export const SERVICES = ['organizations', 'dialogues', 'capacity-building', 'training', 'notifications'] as const;
export type ServiceName = (typeof SERVICES)[number];

interface ServiceSlot {
  name: ServiceName;
  port: number;
  databaseUrl: string;
  child?: Child;
}

/**
 * Liaison as separate processes (compiled, as the image runs them) on the drill's own Postgres
 * and NATS. A drill kills, stops and starts them by name.
 */
export class DrillLiaison {
  readonly jwtSecret = randomBytes(32).toString('hex');
  /** encrypts webhook secrets at rest; the same for every start, as the stored secrets outlive a restart */
  private readonly secretKey = randomBytes(32).toString('base64');
  readonly admin = { email: 'drill.admin@un.example.org', password: randomBytes(12).toString('hex') };
  private readonly slots = new Map<ServiceName, ServiceSlot>();

  private constructor(
    private readonly tree: CompiledTree,
    readonly postgres: DrillPostgres,
    readonly nats: DrillNats,
    private readonly logDir: string,
    private readonly env: Record<string, string>,
    private readonly serviceEnv: Partial<Record<ServiceName, Record<string, string>>>,
  ) {}

  /** `env` goes to every service, `serviceEnv` to the one it names. */
  static async start(
    postgres: DrillPostgres,
    nats: DrillNats,
    logDir: string,
    env: Record<string, string> = {},
    serviceEnv: Partial<Record<ServiceName, Record<string, string>>> = {},
  ): Promise<DrillLiaison> {
    const tree = await CompiledTree.build(`drill-${randomBytes(4).toString('hex')}`);
    const liaison = new DrillLiaison(tree, postgres, nats, logDir, env, serviceEnv);
    for (const name of SERVICES) {
      liaison.slots.set(name, { name, port: await freePort(), databaseUrl: await postgres.createDatabase(`liaison_${name}`) });
    }
    await Promise.all(SERVICES.map((name) => liaison.startService(name)));
    return liaison;
  }

  url(name: ServiceName): string {
    return `http://127.0.0.1:${this.slot(name).port}`;
  }

  databaseUrl(name: ServiceName): string {
    return this.slot(name).databaseUrl;
  }

  /**
   * Starts the service and waits until it is ready; or, with `until: 'live'`, until it answers at
   * all: a service restarted under load can be serving while its readiness check, which waits for
   * a connection of a pool the load keeps busy, times out.
   */
  async startService(name: ServiceName, until: 'ready' | 'live' = 'ready'): Promise<void> {
    const slot = this.slot(name);
    const child = new Child(name, this.tree.nodeArgs(`services/${name}/src/main.ts`, undefined, serviceNodeOptions()), {
      PORT: String(slot.port),
      DATABASE_URL: slot.databaseUrl,
      NATS_URL: this.nats.url,
      AUTH_JWT_SECRET: this.jwtSecret,
      LIAISON_SECRET_KEY: this.secretKey,
      LIAISON_ADMIN_EMAIL: this.admin.email,
      LIAISON_ADMIN_PASSWORD: this.admin.password,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000000',
      ...this.env,
      ...this.serviceEnv[name],
    }, path.join(this.logDir, `${name}.log`));
    slot.child = child;
    // a busy machine starts five services slowly
    await child.waitUntil(() => httpReady(`${this.url(name)}/health/${until}`), 300_000);
  }

  /** SIGKILL: no shutdown hook runs, whatever was under way is cut. */
  async kill(name: ServiceName): Promise<void> {
    const child = this.slot(name).child;
    if (!child?.running) return;
    const exited = new Promise((resolve) => child.process.once('exit', resolve));
    child.process.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM: the service finishes what is in flight and stops. */
  async terminate(name: ServiceName): Promise<void> {
    await this.slot(name).child?.stop(30_000);
  }

  async stop(): Promise<void> {
    await Promise.all(SERVICES.map((name) => this.slot(name).child?.stop()));
    this.tree.remove();
  }

  private slot(name: ServiceName): ServiceSlot {
    const slot = this.slots.get(name);
    if (!slot) throw new Error(`drill: no service ${name}`);
    return slot;
  }
}
