// Flat ESLint config. Module boundaries (tags and constraints) live in tools/lint/module-boundaries.js.
import nx from '@nx/eslint-plugin';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import boundaryRules from './tools/lint/module-boundaries.js';

const { depConstraints, specDepConstraints } = boundaryRules;

// A pure assembler (rows in, items out) reaches no I/O (nor Nest) at run time; a type-only import is fine.
const IO_MODULES = [
  'mysql2',
  'mysql2/promise',
  'kafkajs',
  'typeorm',
  'undici',
  ...['fs', 'fs/promises', 'net', 'http', 'https', 'child_process'].flatMap((m) => [m, `node:${m}`]),
  '@cde/platform/commerce-db',
  '@cde/platform/kafka',
  '@cde/platform/feed-state',
  '@cde/platform/service',
];
const PURE_ASSEMBLER = 'an assembler is a pure function of rows: read in the reader, pass the rows in';

const SPECS = [
  '**/*.spec.ts',
  '**/*.int-spec.ts',
  '**/*.e2e-spec.ts',
  '**/*.reliability-spec.ts',
  '**/*.bench-spec.ts',
];

// Size caps (blank lines and comments do not count): one concern per file and per function.
const CAPS = {
  'max-lines': ['error', { max: 500, skipBlankLines: true, skipComments: true }],
  'max-lines-per-function': ['error', { max: 100, skipBlankLines: true, skipComments: true }],
};

const boundaries = (constraints) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    allowCircularSelfDependency: false,
    banTransitiveDependencies: true,
    depConstraints: constraints,
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      '.cache/**',
      '.run/**',
      '.run-test/**',
      '.nx/**',
      'tmp/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...nx.configs['flat/base'],
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(depConstraints),
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        // A `default` branch is an explicit decision about the other members.
        { considerDefaultExhaustiveForUnions: true },
      ],
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
      ...CAPS,
    },
  },
  {
    // Codes are cross-service facts: one catalog in @cde/contracts, no copies. Tests may pin a code's value.
    files: ['**/*.ts'],
    ignores: ['libs/contracts/src/lib/codes.ts', ...SPECS],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...['Literal[value=/CDE\\d{2}-\\d{2}/]', 'TemplateElement[value.raw=/CDE\\d{2}-\\d{2}/]'].map(
          (selector) => ({
            selector,
            message:
              'Use the code catalog of @cde/contracts (ExportCode, SyncCode, …), not a CDEgg-nn literal.',
          }),
        ),
      ],
    },
  },
  {
    files: ['**/assemble-*.ts'],
    ignores: SPECS,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: IO_MODULES.map((name) => ({ name, message: PURE_ASSEMBLER, allowTypeImports: true })),
          patterns: [
            {
              group: ['mysql2/*', 'kafkajs/*', 'typeorm/*', 'undici/*', '@nestjs/*'],
              message: PURE_ASSEMBLER,
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // Tests, Jest's and Node's test runner's alike: a case is as long as its scenario.
    files: [...SPECS, '**/*.test.ts'],
    rules: {
      'max-lines': ['error', { max: 1000, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': 'off',
    },
  },
  {
    files: [...SPECS, 'libs/testing/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(specDepConstraints),
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Node's test runner (tools/deploy): `describe` and `it` return promises the runner itself awaits.
    files: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: {
        module: 'writable',
        require: 'readonly',
        exports: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
