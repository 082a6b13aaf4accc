// Shared Jest settings: SWC transpiles TypeScript (type checking is `npm run typecheck`), with decorator
// metadata for NestJS, and tsconfig paths mapped to the libs' sources.
const { pathsToModuleNameMapper } = require('./tools/jest/paths');

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(),
  testPathIgnorePatterns: ['/node_modules/', '/.cache/', '/.run/', '/.run-test/', '/dist/'],
};
