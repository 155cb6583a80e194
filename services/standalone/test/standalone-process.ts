import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { buildLikeNpmStart, standaloneDatabaseUrl, standaloneStartArguments } from '@liaison/testing';

const ROOT = path.resolve(__dirname, '../../..');

const START_ARGS = standaloneStartArguments();

/** `npm start`'s build steps, once per test file (incremental: nothing to do when nothing changed). */
let built = false;
function build(): void {
  if (!built) buildLikeNpmStart();
  built = true;
}

/**
 * The standalone host as `npm start` runs it (its build step, then node on the compiled
 * dist/standalone/services/standalone/src/main.js with the script's options), in a process of
 * its own on a data directory of the test's. The test shares nothing with it but that directory.
 */
export class StandaloneProcess {
  readonly output: string[] = [];
  url = '';
  private exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static spawn(dataDir: string, args: string[] = [], env: Record<string, string> = {}): StandaloneProcess {
    build();
    const child = spawn(process.execPath, [...START_ARGS, ...args], {
      cwd: ROOT,
      env: { ...process.env, LIAISON_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new StandaloneProcess(child);
  }

  /** Starts and waits until it says where it serves (its demo world, if any, is made by then). */
  static async start(dataDir: string, args: string[] = [], env: Record<string, string> = {}): Promise<StandaloneProcess> {
    const running = StandaloneProcess.spawn(dataDir, args, env);
    const deadline = Date.now() + 120_000;
    for (;;) {
      const served = /Liaison is serving at (http:\/\/\S+)/.exec(running.text());
      if (served) {
        running.url = served[1];
        return running;
      }
      if (running.child.exitCode !== null) throw new Error(`the standalone exited: ${running.text().slice(-3000)}`);
      if (Date.now() > deadline) {
        await running.kill('SIGKILL');
        throw new Error(`not serving within 120 s: ${running.text().slice(-3000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  get pid(): number {
    return this.child.pid!;
  }

  text(): string {
    return this.output.join('');
  }

  /** Resolves with the exit code once the process has ended. */
  waitForExit(): Promise<number | null> {
    return this.exited;
  }

  async kill(signal: NodeJS.Signals): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }

  /** SIGTERM, as a terminal's Ctrl-C or an orchestrator would. */
  async stop(): Promise<number | null> {
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
    const code = await this.kill('SIGTERM');
    clearTimeout(timer);
    // a stop that failed says why: the last of what the process wrote
    if (code !== 0) console.log(`standalone exited ${code}:\n${this.text().slice(-4000)}`);
    return code;
  }
}

/** A service's database in the data directory's Postgres (the test reads what the service wrote, as the cross-service test does). */
export async function serviceDatabase(dataDir: string, service: string): Promise<Client> {
  const client = new Client({ connectionString: standaloneDatabaseUrl(dataDir, service) });
  await client.connect();
  return client;
}

/** Retries `probe` until `done` holds of its result, or gives up after `timeoutMs`. */
export async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
