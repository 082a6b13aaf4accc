// Reliability scenarios: `*.reliability-spec.ts`, long faults against the whole pipeline (`./dev test reliability`,
// not part of the default `./dev test`).
module.exports = require('./jest.runtime-suite')({
  displayName: 'reliability',
  testMatch: '<rootDir>/{apps,libs,tools,test}/**/*.reliability-spec.ts',
  testTimeout: 1_800_000,
});
