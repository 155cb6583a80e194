import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './routing';

/**
 * The image's layout, built on this machine: dist/ from `tsc -p tsconfig.build.json` without
 * source maps, tools/register-paths.js, deploy/node-options and the stream provisioning script,
 * beside the workspace's node_modules. A folder of its own, not the workspace's dist/.
 */
export function buildImageTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'liaison-image-'));
  execFileSync(join(REPO, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json', '--outDir', join(dir, 'dist'), '--sourceMap', 'false'], { cwd: REPO, stdio: 'pipe' });
  for (const file of ['tools/register-paths.js', 'deploy/node-options', 'deploy/nats/provision-streams.js']) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    copyFileSync(join(REPO, file), join(dir, file));
  }
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** The image's CMD (deploy/Dockerfile), which each service container runs. */
export function imageCommand(): string[] {
  const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(join(REPO, 'deploy/Dockerfile'), 'utf8'))?.[1];
  if (!cmd) throw new Error('deploy/Dockerfile has no CMD in exec form');
  return JSON.parse(cmd);
}

export function isBuilt(tree: string, service: string): boolean {
  return existsSync(join(tree, 'dist/services', service, 'src/main.js'));
}

export interface Process {
  name: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Starts a command in the image tree, keeping its output for when something fails. */
export function startProcess(name: string, command: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Process {
  const child = spawn(command[0], command.slice(1), { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((done) => {
    child.once('exit', () => done());
    // a program that cannot start (caddy not installed: .ci/run installs it)
    child.once('error', (error) => {
      output += `${command[0]} did not start: ${error.message}`;
      done();
    });
  });
  return {
    name,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Waits for `url` to answer 2xx; fails with the process's output if it stops first. */
export async function waitForHttp(url: string, process: Process, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (process.child.pid === undefined) await new Promise((next) => setImmediate(next)); // its 'error' says why
    if (process.child.exitCode !== null || process.child.pid === undefined) throw new Error(`${process.name} stopped (${process.child.exitCode}):\n${process.output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${process.name} not ready at ${url} after ${timeoutMs} ms:\n${process.output()}`);
    await new Promise((wait) => setTimeout(wait, 250));
  }
}

export function removeTree(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
