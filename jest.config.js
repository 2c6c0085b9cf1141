/** One jest project per package; ts-jest transpiles only (types are checked by `tsc -b`). */
const path = require('path');
const src = (dir) => path.join(__dirname, dir, 'src/index.ts');
const moduleNameMapper = {
  '^@cbccvc/rules$': src('packages/rules'),
  '^@cbccvc/platform$': src('packages/platform'),
  '^@cbccvc/organization$': src('services/organization'),
  '^@cbccvc/planning$': src('services/planning'),
  '^@cbccvc/evaluation$': src('services/evaluation'),
  '^@cbccvc/reporting$': src('services/reporting'),
  '^@cbccvc/workflows$': src('workflows'),
  '^@cbccvc/gateway$': src('gateway'),
};
const project = (displayName, rootDir, extra = {}) => ({
  displayName,
  rootDir,
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }] },
  moduleNameMapper,
  ...extra,
});
module.exports = {
  globalSetup: '<rootDir>/tests/global-setup.mjs',
  globalTeardown: '<rootDir>/tests/global-teardown.mjs',
  projects: [
    project('rules', 'packages/rules'),
    project('platform', 'packages/platform'),
    project('organization', 'services/organization'),
    project('planning', 'services/planning'),
    project('reporting', 'services/reporting'),
    project('workflows', 'workflows'),
    project('gateway', 'gateway'),
    project('e2e', 'tests'),
  ],
};
