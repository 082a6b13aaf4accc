// End-to-end tests: `*.e2e-spec.ts`, through Debezium and the services to the receiver.
module.exports = require('./jest.runtime-suite')({
  displayName: 'e2e',
  testMatch: '<rootDir>/{apps,libs,tools,test}/**/*.e2e-spec.ts',
  testTimeout: 300_000,
});
