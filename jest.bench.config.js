// Benchmark smoke: `*.bench-spec.ts`, every `./dev bench` scenario on the small profile against the test runtime
// (`./dev test bench`, last in `./dev test`): it proves the scenarios run; figures come from by-hand runs.
module.exports = require('./jest.runtime-suite')({
  displayName: 'bench',
  testMatch: '<rootDir>/tools/bench/**/*.bench-spec.ts',
  testTimeout: 2_700_000,
});
