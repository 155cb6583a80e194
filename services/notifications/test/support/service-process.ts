import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A service of this repository as its own process (`node -r @swc-node/register src/main.ts`), as
 * production runs it: it shares nothing with the test but Postgres, NATS and the environment
 * given here. The test imports none of its code.
 */
export class ServiceProcess {
  private child: ChildProcess;
  readonly output: string[] = [];
  origin: string;

  static async start(service: string, env: Record<string, string>): Promise<ServiceProcess> {
    const running = new ServiceProcess();
    const port = await freePort();
    running.origin = `http://127.0.0.1:${port}`;
    running.child = spawn(process.execPath, ['-r', '@swc-node/register', `services/${service}/src/main.ts`], {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: env.LOG_LEVEL ?? 'warn', SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.child.stdout?.on('data', (chunk: Buffer) => running.output.push(chunk.toString()));
    running.child.stderr?.on('data', (chunk: Buffer) => running.output.push(chunk.toString()));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (running.child.exitCode !== null) throw new Error(`${service} exited: ${running.output.join('').slice(-2000)}`);
      const ready = await fetch(`${running.origin}/health/ready`).then((r) => r.ok, () => false);
      if (ready) return running;
      if (Date.now() > deadline) {
        await running.stop();
        throw new Error(`${service} not ready within 60 s: ${running.output.join('').slice(-2000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
