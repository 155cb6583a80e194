// Compiled services import the libs by their @liaison/* names; this maps the names to the
// compiled libs in dist/, as tsconfig.base.json maps them to the sources.
const path = require('node:path');
const { register } = require('tsconfig-paths');
const dist = path.resolve(__dirname, '..', 'dist');
register({
  baseUrl: dist,
  paths: Object.fromEntries(
    ['contracts', 'messaging', 'persistence', 'auth', 'http', 'testing', 'registry', 'kit'].map((lib) => [`@liaison/${lib}`, [`libs/${lib}/src`]]),
  ),
});
