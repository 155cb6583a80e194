// Compiled services import the libs by their @liaison/* names; this maps the names to the libs
// compiled beside the service, as tsconfig.base.json maps them to the sources. The compiled tree
// is the one the main script is in: dist/ for the image (every service), dist/<service>/ for a
// service's own build (nx build <service>), so services built apart never share files.
const path = require('node:path');
const { register } = require('tsconfig-paths');
const main = path.resolve(process.argv[1] ?? '');
const at = main.lastIndexOf(`${path.sep}services${path.sep}`);
const tree = at >= 0 ? main.slice(0, at) : path.resolve(__dirname, '..', 'dist');
register({
  baseUrl: tree,
  paths: Object.fromEntries(
    ['contracts', 'messaging', 'persistence', 'auth', 'http', 'testing', 'registry', 'kit'].map((lib) => [`@liaison/${lib}`, [`libs/${lib}/src`]]),
  ),
});
