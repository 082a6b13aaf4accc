// Unit tests: `*.spec.ts` next to the code; pure functions and fixtures, no servers.
module.exports = {
  ...require('./jest.preset'),
  displayName: 'unit',
  testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'],
};
