// ESLint (typescript-eslint) for the whole repository, with the import boundaries that keep the
// product's floors: every import between folders of src/ points down, so no import cycle can span
// two folders; undici is spoken only in src/datasources/; the product imports nothing from the
// simulator (the embedded start in src/main.ts is the one exception); the simulator uses only
// src/lib/ of the product. Formatting is Prettier's (`prettier --check`), so no style rules here.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The floors of src/, lowest first. A folder may import from the floors below it and from itself,
 * never from a floor above or from another folder on its own floor.
 */
const FLOORS = [
  ['src/lib'],
  ['src/datasources'],
  ['src/errors'],
  ['src/security', 'src/subscriptions', 'src/idempotency', 'src/usage'],
  ['src/auth', 'src/catalogue'],
  ['src/request'],
  ['src/schema'],
  ['src/http', 'src/webhooks', 'src/observability'],
];

/** Files at the top of src/ (the composition root) may import any folder. */
const zones = FLOORS.flatMap((floor, level) =>
  floor.map((target) => ({
    target: `./${target}`,
    from: [
      ...FLOORS.slice(level + 1).flat(),
      ...floor.filter((sibling) => sibling !== target),
      'src/app.ts',
      'src/main.ts',
      'src/config.ts',
    ].map((folder) => `./${folder}`),
    message: 'Imports between the floors of src/ point down only (see eslint.config.js).',
  })),
);

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      'test-artifacts/',
      'examples/web/dist/',
      'bench/results/',
      'bench/.build/',
      '**/*.generated.ts',
      'test/gql/',
      'examples/web/src/gql/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'import-x/no-self-import': 'error',
      'import-x/no-useless-path-segments': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...zones,
            {
              target: './src',
              from: './simulator',
              except: [],
              message: 'The product imports nothing from the simulator (only src/main.ts starts it embedded).',
            },
          ],
        },
      ],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'undici', message: 'Only src/datasources/ speaks HTTP to Halo (undici).' }] },
      ],
    },
  },
  {
    // The embedded start: main.ts loads the simulator with import() when no HALO_API_URL is set.
    files: ['src/main.ts'],
    rules: { 'import-x/no-restricted-paths': 'off' },
  },
  {
    files: ['src/datasources/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['simulator/src/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './simulator/src',
              from: './src',
              except: ['./lib'],
              message: 'The simulator uses only src/lib/ of the product.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['examples/web/src/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  prettier,
);
