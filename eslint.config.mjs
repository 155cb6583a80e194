import tseslint from 'typescript-eslint';
import { serviceBoundaries } from './tools/eslint-rules/service-boundaries.mjs';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'apps/*/dist/**', 'apps/*/dist.*/**', 'data/**', 'coverage/**', '.nx/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    plugins: { liaison: { rules: { 'service-boundaries': serviceBoundaries } } },
    rules: {
      'liaison/service-boundaries': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  {
    // Code in libs and services reads its configuration from its validated config class only.
    files: ['libs/*/src/**/*.ts', 'services/*/src/**/*.ts'],
    ignores: ['**/config.ts', '**/main.ts', '**/migrate.ts', '**/*.spec.ts', '**/test/**', 'libs/testing/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through the service\'s config.ts.' }],
    },
  },
  {
    // A service's classes log through its own log: Nest's static Logger is one per thread, so in the
    // standalone host its lines would name whichever service was built last.
    files: ['services/*/src/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Logger']", message: 'Inject ServiceLog (@liaison/http) and take log.for(ThisClass.name).' }],
    },
  },
);
