// Prints the gzipped size of the JavaScript the first page load fetches (the entry chunk named by
// index.html, the desk home's route chunk that an officer lands on, and every chunk those import
// statically) and of all chunks, and fails the build when the first load passes the 300 kB budget.
import { readFile, readdir } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const BUDGET = 300 * 1024;
const gz = async (file) => gzipSync(await readFile(join(dist, file))).length;
const html = await readFile(join(dist, 'index.html'), 'utf8');
const first = new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]));
for (const file of await readdir(join(dist, 'assets'))) if (/^HomePage-.*\.js$/.test(file)) first.add(`assets/${file}`);
// Static imports of the entry are fetched at once too (modulepreload links cover most; follow imports to be sure).
const queue = [...first];
while (queue.length) {
  const file = queue.pop();
  const code = await readFile(join(dist, file), 'utf8');
  for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^'"()]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) {
    const dep = `assets/${m[1]}`;
    if (!first.has(dep)) { first.add(dep); queue.push(dep); }
  }
}
let firstLoad = 0;
for (const file of first) firstLoad += await gz(file);
let all = 0;
for (const file of (await readdir(join(dist, 'assets'))).filter((f) => f.endsWith('.js'))) all += await gz(`assets/${file}`);
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
console.log(`console: first load ${kb(firstLoad)} of JavaScript gzipped (${first.size} files; budget ${kb(BUDGET)}), all chunks ${kb(all)}`);
if (firstLoad > BUDGET) { console.error('console: the first load is over budget'); process.exit(1); }
