import type { CodegenConfig } from '@graphql-codegen/cli';

// `npm run codegen` first writes schema.graphql (scripts/print-schema.ts), then this generates typed
// documents for the tests and for the example app from it; the Halo wire types come from
// `npm run gen:halo-types`.
const clientConfig = {
  useTypeImports: true,
  // Scalars as they travel in JSON.
  scalars: {
    DateTime: 'string',
    JSON: 'unknown',
    FhirDate: 'string',
    Date: 'string',
    LocalTime: 'string',
    LocalDateTime: 'string',
  },
  enumsAsTypes: true,
};

const config: CodegenConfig = {
  schema: 'schema.graphql',
  ignoreNoDocuments: true,
  // nodenext + verbatimModuleSyntax need explicit .js extensions (and type-only imports, below).
  importExtension: '.js',
  generates: {
    // Documents per output (not at the root, which every output would share).
    'test/gql/': {
      documents: ['test/**/*.ts', '!test/gql/**'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: clientConfig,
    },
    'examples/web/src/gql/': {
      documents: ['examples/web/src/**/*.ts', '!examples/web/src/gql/**'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: clientConfig,
    },
  },
};

export default config;
