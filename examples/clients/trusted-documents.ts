import { mapExchange, type Exchange } from '@urql/core';

/**
 * With TRUSTED_DOCUMENTS=require the server runs only the documents of its manifest (the
 * `persisted-documents.json` that codegen's client preset writes with `persistedDocuments: true`).
 * This exchange, placed before `fetchExchange`, sends each document's hash instead of its text;
 * graphcache still reads the document itself.
 */
export const trustedDocumentsExchange: Exchange = mapExchange({
  onOperation(operation) {
    const hash = (operation.query as { __meta__?: { hash?: string } }).__meta__?.hash;
    if (!hash) return operation;
    const persistedQuery = { version: 1 as const, sha256Hash: hash.replace(/^sha256:/, '') };
    return { ...operation, extensions: { ...operation.extensions, persistedQuery } };
  },
});
