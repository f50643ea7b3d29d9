/** Two tiers: unit specs beside the code, integration tests under test/ against real servers. */
const moduleNameMapper = {
  '^@chat/mongo-stand-in$': '<rootDir>/libs/testing/src/embedded-mongo',
  '^@chat/platform/(.*)$': '<rootDir>/libs/platform/src/$1',
  '^@chat/(.*)$': '<rootDir>/libs/$1/src',
};
const transform = { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] };

module.exports = {
  testTimeout: 30_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/libs', '<rootDir>/apps'],
      testMatch: ['**/*.spec.ts'],
      moduleNameMapper,
      transform,
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      moduleNameMapper,
      transform,
      globalSetup: '<rootDir>/libs/testing/src/global-setup.entry.js',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.entry.js',
    },
  ],
};
