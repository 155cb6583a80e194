import { spawnSync } from 'node:child_process';

/**
 * Runs an operator's tool (docker-compose, caddy, nats-server, psql...) and returns its exit code
 * and output; a tool that is not installed fails the test with how to install it (.ci/run does).
 */
export function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', env: options.env ?? process.env, cwd: options.cwd, input: options.input, timeout: 60_000 });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`${command} is not installed: apt-get install ${APT_PACKAGE[command] ?? command} (.ci/run installs it)`);
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const APT_PACKAGE: Record<string, string> = {
  'docker-compose': 'docker-compose',
  caddy: 'caddy',
  kubectl: 'kubernetes-client',
  '/usr/sbin/nats-server': 'nats-server',
};
