// `npm start`'s build step: compiles the libs and services (TypeScript, without type checking:
// `npm run typecheck` does that) into dist/standalone with swc, file by file, so the standalone
// process runs JavaScript and does not carry a compiler. Incremental: a file is compiled again
// only when its source is newer than its output (or the compiler or these settings changed);
// outputs whose source is gone are removed. Same settings as the tests' (jest.config.js).
const { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { transformFile } = require('@swc/core');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'dist', 'standalone');
const SWC_OPTIONS = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: false,
  swcrc: false,
};
/** what every output depends on besides its source: a change rebuilds everything */
const STAMP = JSON.stringify({ swc: require('@swc/core/package.json').version, options: SWC_OPTIONS });

function sources(folder) {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' ? [] : sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function outputs(folder) {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? outputs(full) : entry.name.endsWith('.js') ? [full] : [];
  });
}

async function build() {
  const started = Date.now();
  const stampFile = path.join(OUT, '.stamp');
  const fresh = !existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== STAMP;
  const folders = ['libs', 'services'].flatMap((top) =>
    readdirSync(path.join(ROOT, top))
      .filter((name) => !(top === 'libs' && name === 'testing'))
      .map((name) => path.join(ROOT, top, name, 'src')),
  );
  const files = folders.flatMap(sources);
  const wanted = new Set();
  const stale = files.filter((file) => {
    const out = path.join(OUT, path.relative(ROOT, file)).replace(/\.ts$/, '.js');
    wanted.add(out);
    return fresh || !existsSync(out) || statSync(out).mtimeMs < statSync(file).mtimeMs;
  });
  for (const out of outputs(OUT)) if (!wanted.has(out)) rmSync(out, { force: true });
  const failed = [];
  let next = 0;
  const worker = async () => {
    while (next < stale.length) {
      const file = stale[next++];
      const out = path.join(OUT, path.relative(ROOT, file)).replace(/\.ts$/, '.js');
      try {
        const { code } = await transformFile(file, SWC_OPTIONS);
        mkdirSync(path.dirname(out), { recursive: true });
        // written aside, then renamed: a start (or a second build) never reads half a file
        const aside = `${out}.${process.pid}.tmp`;
        writeFileSync(aside, code);
        renameSync(aside, out);
      } catch (error) {
        failed.push(`${path.relative(ROOT, file)}: ${String(error.message ?? error).split('\n').slice(0, 6).join('\n')}`);
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  if (failed.length > 0) {
    console.error(`could not compile ${failed.length} files:\n${failed.join('\n')}`);
    process.exit(1);
  }
  writeFileSync(stampFile, STAMP);
  if (stale.length > 0) console.log(`compiled ${stale.length} of ${files.length} files into ${path.relative(ROOT, OUT)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

build().catch((error) => {
  console.error(error);
  process.exit(1);
});
