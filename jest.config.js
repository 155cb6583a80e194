// One jest run for the whole workspace; every project keeps its tests beside its code or under test/.
const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
}];

const project = (name, roots) => ({
  displayName: name,
  roots,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  // Nest 12, uuid and a few of their dependencies ship ESM only.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|uuid|file-type|strtok3|token-types|@tokenizer|uint8array-extras|@borewit|@nats-io|jose|intl-messageformat|@formatjs|request-filtering-agent)/)'],
  moduleNameMapper: {
    '^@liaison/(contracts|messaging|persistence|auth|http|testing|registry|kit)$': '<rootDir>/libs/$1/src',
  },
  testMatch: ['**/*.spec.ts', '**/*.test.ts'],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  rootDir: __dirname,
});

module.exports = {
  testTimeout: 60000,
  // most suites wait on servers more than they compute: two at a time on the 2-core machine
  maxWorkers: 2,
  projects: [
    project('contracts', ['<rootDir>/libs/contracts']),
    project('messaging', ['<rootDir>/libs/messaging']),
    project('persistence', ['<rootDir>/libs/persistence']),
    project('auth', ['<rootDir>/libs/auth']),
    project('http', ['<rootDir>/libs/http']),
    project('testing', ['<rootDir>/libs/testing']),
    project('registry', ['<rootDir>/libs/registry']),
    project('kit', ['<rootDir>/libs/kit']),
    project('tools', ['<rootDir>/tools']),
    project('organizations', ['<rootDir>/services/organizations']),
    project('dialogues', ['<rootDir>/services/dialogues']),
    project('capacity-building', ['<rootDir>/services/capacity-building']),
    project('drill', ['<rootDir>/drill']),
    project('notifications', ['<rootDir>/services/notifications']),
    project('training', ['<rootDir>/services/training']),
    project('standalone', ['<rootDir>/services/standalone']),
    project('deploy', ['<rootDir>/deploy']),
    project('fuzz', ['<rootDir>/fuzz']),
  ].map((p) => ({ ...p, roots: p.roots.filter((r) => require('fs').existsSync(r.replace('<rootDir>', __dirname))) }))
   .filter((p) => p.roots.length > 0),
};
