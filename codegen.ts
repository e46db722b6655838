import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';

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

const presetConfig = {
  fragmentMasking: false,
  // Each document carries its SHA-256 (`__meta__.hash`), and `persisted-documents.json` beside it is
  // the manifest the server runs with TRUSTED_DOCUMENTS_FILE.
  persistedDocuments: true,
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
      presetConfig,
      config: clientConfig,
    },
    'examples/web/src/gql/': {
      documents: ['examples/web/src/**/*.ts', '!examples/web/src/gql/**'],
      preset: 'client',
      presetConfig,
      // graphcache selects __typename everywhere; the manifest's documents must too, since a server
      // with trusted documents runs the manifest's copy.
      documentTransforms: [addTypenameSelectionDocumentTransform],
      config: clientConfig,
    },
  },
};

export default config;
