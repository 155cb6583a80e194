// `npm start`'s second build step: builds the web console (Vite) into apps/console/dist, where the
// standalone serves it at `/`, when it has not been built or its sources are newer than the build.
// A console that will not build is reported and the standalone starts without it (the API and its
// documents still serve).
const { existsSync, readdirSync, renameSync, rmSync, statSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const CONSOLE = path.join(ROOT, 'apps', 'console');
const DIST = path.join(CONSOLE, 'dist');
/** what the build reads besides node_modules: a change to any of them builds it again */
const INPUTS = [path.join(CONSOLE, 'src'), path.join(CONSOLE, 'index.html'), path.join(CONSOLE, 'vite.config.ts'), path.join(ROOT, 'package-lock.json')];

function newest(entry) {
  const stat = statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce((latest, name) => Math.max(latest, newest(path.join(entry, name))), stat.mtimeMs);
}

async function build() {
  const built = statSync(path.join(DIST, 'index.html'), { throwIfNoEntry: false });
  if (built && built.mtimeMs >= Math.max(...INPUTS.map(newest))) return;
  const started = Date.now();
  console.log('building the web console…');
  // Vite's notices (this config cannot yet load natively; a chunk is large, which the console's own
  // build checks against its budget) say nothing to someone starting Liaison: errors only
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING = 'true';
  const vite = await import('vite');
  // built aside, then put in place: a running standalone (or a second build) never serves half a console
  const aside = `${DIST}.${process.pid}.tmp`;
  await vite.build({ configFile: path.join(CONSOLE, 'vite.config.ts'), logLevel: 'error', build: { outDir: aside, emptyOutDir: true } });
  const old = `${DIST}.${process.pid}.old`;
  if (existsSync(DIST)) renameSync(DIST, old);
  try {
    renameSync(aside, DIST);
  } catch (error) {
    // another build put its console in place first: the same sources, so this one is not needed
    if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
  }
  rmSync(aside, { recursive: true, force: true });
  rmSync(old, { recursive: true, force: true });
  console.log(`built the web console into ${path.relative(ROOT, DIST)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

build().catch((error) => {
  console.error(`the web console could not be built; Liaison starts without it (the API serves at /api/v1):\n${error.stack ?? error}`);
});
