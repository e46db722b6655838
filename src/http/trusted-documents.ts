/**
 * Trusted documents (persisted operations): a manifest `{ "<id>": "<document>" }`, as GraphQL Code
 * Generator's client preset writes it (`persistedDocuments: true`, ids `sha256:<hex>`), and a mode:
 *
 * - `off`: documents are sent as text; an id alone is PERSISTED_QUERY_NOT_FOUND (so an APQ client
 *   sends the text next);
 * - `allow`: an id from the manifest runs its document; text runs too;
 * - `require`: only the manifest's documents run; text is FORBIDDEN (`reason: TRUSTED_DOCUMENTS_ONLY`).
 *
 * A request names a document by `documentId` (GraphQL over HTTP's persisted documents) or by
 * `extensions.persistedQuery.sha256Hash` (Apollo's APQ), over HTTP and SSE (the yoga plugin below),
 * the plain-JSON fast path and graphql-ws (whose protocol needs a `query` string: `""` with the id).
 * An id from the manifest wins over text sent with it: in `require` mode nothing else ever runs.
 */
import { GraphQLError, parse, validate, type GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { apiError } from '../errors/api-errors.js';

export type TrustedDocumentsMode = 'off' | 'allow' | 'require';
export const TRUSTED_DOCUMENTS_MODES: readonly TrustedDocumentsMode[] = ['off', 'allow', 'require'];

export interface TrustedDocumentsConfig {
  /** @default 'off' */
  mode: TrustedDocumentsMode;
  /** The manifest: document id → document text. Required in `require` mode. */
  documents?: Readonly<Record<string, string>>;
}

/** What a request asks to run. */
export interface DocumentParams {
  query?: unknown;
  documentId?: unknown;
  extensions?: unknown;
}

/** The text a request runs, or the error refusing it. */
export type Resolution = { query: string } | { error: GraphQLError };

export interface TrustedDocuments {
  readonly mode: TrustedDocumentsMode;
  /** Documents in the manifest. */
  readonly size: number;
  /**
   * The document a request runs. Undefined when it names none and sends no text (GraphQL's own
   * "Must provide query string" then answers, as without trusted documents).
   */
  resolve(params: DocumentParams): Resolution | undefined;
  /**
   * Checks every document against the schema the server runs (with its directives).
   * @throws Error naming the document's id (never its text) for one that does not parse or validate.
   */
  check(schema: GraphQLSchema): void;
}

const SHA256 = /^(?:sha256:)?([0-9a-f]{64})$/i;

/** The manifest key for an id: a SHA-256 without its `sha256:` prefix, in lower case; any other id as it is. */
const normalise = (id: string): string => {
  const hash = SHA256.exec(id)?.[1];
  return hash === undefined ? id : hash.toLowerCase();
};

/** The document id a request carries: `documentId`, else APQ's `extensions.persistedQuery.sha256Hash`. */
function documentIdOf(params: DocumentParams): string | undefined {
  if (typeof params.documentId === 'string' && params.documentId !== '') return params.documentId;
  const extensions = params.extensions;
  if (typeof extensions !== 'object' || extensions === null) return undefined;
  const persisted = (extensions as { persistedQuery?: unknown }).persistedQuery;
  if (typeof persisted !== 'object' || persisted === null) return undefined;
  const hash = (persisted as { sha256Hash?: unknown }).sha256Hash;
  return typeof hash === 'string' && hash !== '' ? hash : undefined;
}

const notFound = (message: string) => apiError('PERSISTED_QUERY_NOT_FOUND', message, { http: { status: 404 } });

/**
 * The trusted documents of `config` (check them with `check` once the schema is known).
 * @throws Error when `require` mode has no documents.
 */
export function createTrustedDocuments(config: TrustedDocumentsConfig): TrustedDocuments {
  const mode = config.mode;
  const manifest = Object.entries(mode === 'off' ? {} : (config.documents ?? {}));
  const documents = new Map(manifest.map(([id, text]) => [normalise(id), text]));
  if (mode === 'require' && documents.size === 0)
    throw new Error('TRUSTED_DOCUMENTS=require needs the documents to allow: set TRUSTED_DOCUMENTS_FILE');

  const onlyTrusted = () =>
    apiError(
      'FORBIDDEN',
      'This server runs trusted documents only (TRUSTED_DOCUMENTS=require): send the documentId of a document from its manifest, not the document text.',
      { reason: 'TRUSTED_DOCUMENTS_ONLY', http: { status: 403 } },
    );

  return {
    mode,
    size: documents.size,
    check(schema) {
      for (const [id, text] of manifest) {
        let problem: string | undefined;
        try {
          problem = validate(schema, parse(text))[0]?.message;
        } catch (e) {
          problem = e instanceof GraphQLError ? e.message : 'it does not parse';
        }
        if (problem !== undefined)
          throw new Error(`TRUSTED_DOCUMENTS_FILE: document ${id} does not fit this server's schema: ${problem}`);
      }
    },
    resolve(params) {
      const text = typeof params.query === 'string' && params.query !== '' ? params.query : undefined;
      const id = documentIdOf(params);
      if (mode === 'off') {
        if (text !== undefined) return { query: text };
        return id === undefined
          ? undefined
          : {
              error: notFound(
                'Trusted documents are off on this server (TRUSTED_DOCUMENTS=off): send the document text in query.',
              ),
            };
      }
      const trusted = id === undefined ? undefined : documents.get(normalise(id));
      if (trusted !== undefined) return { query: trusted };
      if (id !== undefined && text === undefined)
        return {
          error: notFound(
            mode === 'require'
              ? "No trusted document has this id: send the id of a document from this server's manifest (TRUSTED_DOCUMENTS_FILE)."
              : "No trusted document has this id: send the document text, or the id of a document from this server's manifest.",
          ),
        };
      if (mode === 'require') return { error: onlyTrusted() };
      return text === undefined ? undefined : { query: text };
    },
  };
}

/**
 * The yoga plugin (HTTP, SSE, and the fast path, which runs yoga's `onParams` hooks): the request's
 * parameters become the document it runs, or its answer the refusal. It runs before the HTTP gate,
 * whose refusals (401, 403, 405, 429) then win over its own.
 */
export function useTrustedDocuments(trusted: TrustedDocuments): Plugin {
  return {
    onParams({ params, setParams, setResult }) {
      const resolution = trusted.resolve(params as DocumentParams);
      if (resolution === undefined) return;
      const { documentId: _documentId, ...rest } = params as typeof params & { documentId?: unknown };
      if ('error' in resolution) {
        // Yoga still checks the parameters after these hooks: leave none it would refuse instead.
        setParams({ ...rest, query: '' });
        setResult({ errors: [resolution.error] });
        return;
      }
      setParams({ ...rest, query: resolution.query });
    },
  };
}
