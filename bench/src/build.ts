import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { transformFile } from '@swc/core';
import { standaloneStartArguments } from '@liaison/testing';
import { inParallel } from './http';

const ROOT = path.resolve(__dirname, '../..');

/**
 * The Node options the services are deployed with (deploy/node-options, which the image's CMD
 * reads too), so the bench measures the services as they run. LIAISON_NODE_OPTIONS replaces
 * them, as it does in the image: `LIAISON_NODE_OPTIONS= npm run bench` measures without the heap
 * budget.
 */
export function serviceNodeOptions(env: NodeJS.ProcessEnv = process.env): string[] {
  const options = env.LIAISON_NODE_OPTIONS ?? readFileSync(path.join(ROOT, 'deploy/node-options'), 'utf8');
  return options.split(/\s+/).filter(Boolean);
}

/**
 * The Node options `npm start` runs the standalone host with (the options of its script in
 * package.json, which the standalone's own tests read too), so the bench measures it as it is
 * started. LIAISON_NODE_OPTIONS replaces them, as it replaces the services'.
 */
export function standaloneNodeOptions(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.LIAISON_NODE_OPTIONS !== undefined) return serviceNodeOptions(env);
  const node = standaloneStartArguments();
  return node.slice(0, node.indexOf('-r'));
}
/** every lib of the workspace, compiled beside the services */
const LIBS = readdirSync(path.join(ROOT, 'libs')).filter((lib) => existsSync(path.join(ROOT, 'libs', lib, 'src', 'index.ts')));

/**
 * The processes the bench measures run compiled JavaScript, as in production: run from source
 * with `-r @swc-node/register`, a process carries the compiler (its resident memory and its CPU
 * at start), which would be charged to the service. This compiles the libs, the
 * services and the bench's own workers with swc (the settings of jest.config.js) into a folder of
 * its own (not dist/, which the workspace's build owns), in a few seconds, once per bench run.
 */
export class CompiledTree {
  private constructor(readonly dir: string) {}

  static async build(id: string): Promise<CompiledTree> {
    const dir = path.join(tmpdir(), `liaison-bench-${id}`);
    const sources = [...LIBS.map((lib) => `libs/${lib}/src`), ...readdirSync(path.join(ROOT, 'services')).map((s) => `services/${s}/src`), 'bench/src']
      .flatMap((folder) => tsFiles(path.join(ROOT, folder)));
    const failed: string[] = [];
    await inParallel(sources, 8, async (file) => {
      const compiled = await transformFile(file, {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
        sourceMaps: false,
        swcrc: false,
      }).catch((error: Error) => {
        // a file someone is editing: the process that needs it fails at start and says so
        failed.push(`${path.relative(ROOT, file)}: ${error.message.split('\n')[0]}`);
        return undefined;
      });
      if (!compiled) return;
      const code = compiled.code;
      const out = path.join(dir, path.relative(ROOT, file)).replace(/\.ts$/, '.js');
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, code);
    });
    // @liaison/<lib> → the compiled lib, as tools/register-paths.js does for dist/
    // …and a process whose harness went away (crashed, killed) stops as on SIGTERM: the IPC
    // channel the harness opened closes with it, so no service is left running unwatched.
    writeFileSync(
      path.join(dir, 'register.js'),
      `require(${JSON.stringify(require.resolve('tsconfig-paths'))}).register({ baseUrl: ${JSON.stringify(dir)}, paths: ${JSON.stringify(
        Object.fromEntries(LIBS.map((lib) => [`@liaison/${lib}`, [`libs/${lib}/src`]])),
      )} });\n` + `if (process.send) process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));\n`,
    );
    if (failed.length > 0) console.error(`bench: could not compile ${failed.length} files:\n  ${failed.join('\n  ')}`);
    return new CompiledTree(dir);
  }

  /**
   * node arguments that run `source` (a .ts path from the repository root) compiled; with
   * `profileDir`, the process writes a V8 CPU profile there when it exits.
   */
  nodeArgs(source: string, profileDir?: string, nodeOptions: string[] = []): string[] {
    const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
    return [...profile, ...nodeOptions, '-r', path.join(this.dir, 'register.js'), path.join(this.dir, source.replace(/\.ts$/, '.js'))];
  }

  /** the log file of a child process, kept with the compiled tree (--keep keeps both) */
  logFile(name: string): string {
    mkdirSync(path.join(this.dir, 'logs'), { recursive: true });
    return path.join(this.dir, 'logs', `${name}.log`);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function tsFiles(folder: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = path.join(folder, entry);
    if (statSync(full).isDirectory()) return entry === 'test' ? [] : tsFiles(full);
    return entry.endsWith('.ts') && !entry.endsWith('.spec.ts') && !entry.endsWith('.d.ts') ? [full] : [];
  });
}
