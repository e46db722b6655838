import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { makeOperation, mapExchange } from '@urql/core';

/** A document from codegen's client preset with `persistedDocuments: true`: it carries its id. */
type Persisted<R, V> = TypedDocumentNode<R, V> & { __meta__?: { hash?: string } };

/**
 * With TRUSTED_DOCUMENTS=require the server runs only the documents of its manifest (the
 * `persisted-documents.json` codegen writes beside the documents). Any client: send the id.
 */
export async function runTrusted<R, V>(apiUrl: string, document: Persisted<R, V>, variables: V): Promise<R> {
  const res = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ documentId: document.__meta__?.hash, variables }),
  });
  const body = (await res.json()) as { data?: R; errors?: Array<{ message: string }> };
  if (body.errors) throw new Error(body.errors[0]?.message);
  return body.data!;
}

/**
 * urql: `readDocumentHash` before the cache exchange (graphcache forwards operations of its own
 * making, without the document's id) and `sendDocumentHash` just before `fetchExchange`, which then
 * sends the id instead of the text (subscriptions too: `query: ""` with the id).
 */
export const readDocumentHash = mapExchange({
  onOperation(operation) {
    const hash = (operation.query as { __meta__?: { hash?: string } }).__meta__?.hash;
    return hash ? makeOperation(operation.kind, operation, { documentHash: hash }) : operation;
  },
});
export const sendDocumentHash = mapExchange({
  onOperation(operation) {
    const hash: unknown = operation.context['documentHash'];
    if (typeof hash !== 'string') return operation;
    const persistedQuery = { version: 1 as const, sha256Hash: hash.replace(/^sha256:/, '') };
    return makeOperation(operation.kind, { ...operation, extensions: { ...operation.extensions, persistedQuery } });
  },
});
