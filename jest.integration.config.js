// Integration tests: `*.int-spec.ts`, against the real MariaDB, Kafka and Kafka Connect that `./dev` starts.
module.exports = require('./jest.runtime-suite')({
  displayName: 'integration',
  testMatch: '<rootDir>/{apps,libs,tools}/**/*.int-spec.ts',
  testTimeout: 180_000,
});
