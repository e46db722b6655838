import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult } from 'graphql';
import type { App } from '../../src/app.js';

export interface GraphQLErrorJson {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; [k: string]: unknown };
}

export type Result<T> = Omit<ExecutionResult<T>, 'errors'> & { errors?: GraphQLErrorJson[] };

/** Executes a typed document against the app in process (yoga.fetch): typed `data`, no `as any`. */
export async function execute<TResult, TVariables>(
  app: Pick<App, 'yoga'>,
  document: TypedDocumentNode<TResult, TVariables>,
  ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
): Promise<Result<TResult>> {
  const res = await app.yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: print(document), variables }),
  });
  return (await res.json()) as Result<TResult>;
}
