import type { CodegenConfig } from '@graphql-codegen/cli';

// `npm run codegen` first writes schema.graphql (scripts/print-schema.ts), then this generates typed
// documents for the tests from it; the Halo wire types come from `npm run gen:halo-types`.
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['test/**/*.ts', '!test/gql/**'],
  ignoreNoDocuments: true,
  // nodenext + verbatimModuleSyntax need explicit .js extensions (and type-only imports, below).
  importExtension: '.js',
  generates: {
    'test/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        // Scalars as they travel in JSON.
        scalars: { DateTime: 'string', JSON: 'unknown', FhirDate: 'string' },
        enumsAsTypes: true,
      },
    },
  },
};

export default config;
