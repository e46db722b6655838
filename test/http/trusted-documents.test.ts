/**
 * Trusted documents: TRUSTED_DOCUMENTS=off|allow|require with the manifest codegen's client preset
 * writes (test/gql/persisted-documents.json), over HTTP (yoga and the plain-JSON fast path), SSE
 * and graphql-ws, by `documentId` or Apollo's APQ hash. In `require` mode nothing else runs.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheExchange, Client, fetchExchange, subscriptionExchange } from '@urql/core';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../src/auth/api-keys.js';
import { readAppConfig } from '../../src/config.js';
import { createTrustedDocuments } from '../../src/http/trusted-documents.js';
import { schema } from '../../src/schema/index.js';
import { readDocumentHash, runTrusted, sendDocumentHash } from '../../examples/clients/trusted-documents.js';
import { EastSite, OnlineSite } from '../../simulator/src/fixtures.js';
import { CachedPatient, CachedSite } from '../clients/documents.js';
import { useApp } from '../helpers/app.js';
import { subscribe, wsClient } from '../helpers/ws.js';
import { LiveQueryStatus, LiveSubmitAsync } from '../subscriptions/documents.js';

const MANIFEST_FILE = new URL('../gql/persisted-documents.json', import.meta.url);
const manifest = JSON.parse(readFileSync(MANIFEST_FILE, 'utf8')) as Record<string, string>;
const idOf = (document: object): string => (document as { __meta__: { hash: string } }).__meta__.hash;
const bare = (id: string) => id.replace(/^sha256:/, '');
const SITE = OnlineSite.id;

/** POSTs a GraphQL-over-HTTP body and reads the answer. */
async function post(url: string, body: unknown, accept = 'application/graphql-response+json') {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as { data?: unknown; errors?: Array<Record<string, unknown>> } };
}

const SITE_ANSWER = { data: { site: { id: SITE, practiceName: 'Halo Clinic North' } } };

describe('configuration', () => {
  const KEYS = JSON.stringify([{ id: 'r', sha256: hashApiKey('k'), sites: ['*'], permissions: ['read'] }]);
  const REAL = { HALO_API_URL: 'https://api.stage.haloconnect.io', HALO_SUBSCRIPTION_KEY: 'k', CLIENT_KEYS: KEYS };
  const file = (content: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'trusted-')), 'persisted-documents.json');
    writeFileSync(path, content);
    return path;
  };

  it('should default to off with the embedded simulator and to allow in front of a real Halo', () => {
    expect(readAppConfig({}).trustedDocuments).toEqual({ mode: 'off' });
    expect(readAppConfig(REAL).trustedDocuments).toEqual({ mode: 'allow' });
  });

  it("should read the client preset's manifest from TRUSTED_DOCUMENTS_FILE", () => {
    const config = readAppConfig({ TRUSTED_DOCUMENTS: 'require', TRUSTED_DOCUMENTS_FILE: MANIFEST_FILE.pathname });
    expect(config.trustedDocuments).toEqual({ mode: 'require', documents: manifest });
  });

  it('should refuse to start on what cannot work, naming the variable', () => {
    expect(() => readAppConfig({ TRUSTED_DOCUMENTS: 'strict' })).toThrow(
      'TRUSTED_DOCUMENTS must be one of off, allow, require',
    );
    expect(() => readAppConfig({ TRUSTED_DOCUMENTS: 'require' })).toThrow(
      'TRUSTED_DOCUMENTS=require needs TRUSTED_DOCUMENTS_FILE',
    );
    expect(() => readAppConfig({ TRUSTED_DOCUMENTS_FILE: MANIFEST_FILE.pathname })).toThrow(
      /TRUSTED_DOCUMENTS_FILE is set but TRUSTED_DOCUMENTS is off/,
    );
    for (const content of ['[]', '{"a": 1}', 'not json'])
      expect(() => readAppConfig({ TRUSTED_DOCUMENTS: 'allow', TRUSTED_DOCUMENTS_FILE: file(content) })).toThrow(
        'TRUSTED_DOCUMENTS_FILE must hold a JSON object {"<document id>": "<document>"}',
      );
  });

  it("should refuse a manifest whose document does not fit the schema, naming the document's id", () => {
    expect(() =>
      createTrustedDocuments({ mode: 'allow', documents: { 'sha256:abc': '{ site(id: "x") { nope } }' } }).check(
        schema,
      ),
    ).toThrow(
      'TRUSTED_DOCUMENTS_FILE: document sha256:abc does not fit this server\'s schema: Cannot query field "nope" on type "Site".',
    );
    expect(() => createTrustedDocuments({ mode: 'allow', documents: { x: '{ site(' } }).check(schema)).toThrow(
      /document x does not fit/,
    );
  });
});

describe('TRUSTED_DOCUMENTS=require', () => {
  const ctx = useApp({ listen: true, app: { trustedDocuments: { mode: 'require', documents: manifest } } });
  let ws: ReturnType<typeof wsClient>;
  beforeAll(() => {
    ws = wsClient(ctx.url);
  });
  afterAll(async () => {
    await ws.dispose();
  });

  it('should run a document by documentId (prefixed or not) and by APQ hash, on the fast path', async () => {
    const before = ctx.app.fastPath!.stats().answered;
    const variables = { id: SITE };
    for (const body of [
      { documentId: idOf(CachedSite), variables },
      { documentId: bare(idOf(CachedSite)), variables },
      { extensions: { persistedQuery: { version: 1, sha256Hash: bare(idOf(CachedSite)) } }, variables },
    ]) {
      expect(await post(ctx.url, body)).toEqual({ status: 200, body: SITE_ANSWER });
    }
    expect(ctx.app.fastPath!.stats().answered - before).toBe(3);
  });

  it("should run the manifest's document when text comes with a known id, whatever the text says", async () => {
    const res = await post(ctx.url, {
      query: '{ __typename }',
      extensions: { persistedQuery: { version: 1, sha256Hash: bare(idOf(CachedSite)) } },
      variables: { id: SITE },
    });
    expect(res).toEqual({ status: 200, body: SITE_ANSWER });
  });

  it('should refuse text with 403 FORBIDDEN (TRUSTED_DOCUMENTS_ONLY), and an unknown id with 404', async () => {
    const text = await post(ctx.url, { query: manifest[idOf(CachedSite)], variables: { id: SITE } });
    expect(text).toEqual({
      status: 403,
      body: {
        errors: [
          {
            message:
              'This server runs trusted documents only (TRUSTED_DOCUMENTS=require): send the documentId of a document from its manifest, not the document text.',
            extensions: { code: 'FORBIDDEN', reason: 'TRUSTED_DOCUMENTS_ONLY' },
          },
        ],
      },
    });
    const unknown = await post(ctx.url, { documentId: `sha256:${'0'.repeat(64)}` });
    expect(unknown).toEqual({
      status: 404,
      body: {
        errors: [
          {
            message:
              "No trusted document has this id: send the id of a document from this server's manifest (TRUSTED_DOCUMENTS_FILE).",
            extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
          },
        ],
      },
    });
    // The same answers without the fast path (yoga's own HTTP handling).
    await ctx.clearRequests();
    const slow = await ctx.app.yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(slow.status).toBe(403);
    expect(await ctx.upstreamCalls()).toEqual([]);
  });

  it('should stream a subscription named by its id over SSE', async () => {
    const submitted = await post(ctx.url, {
      documentId: idOf(LiveSubmitAsync),
      variables: { input: { siteId: SITE, sql: 'SELECT 1 AS a' } },
    });
    const queryId = (submitted.body.data as { submitAsyncQuery: { id: string } }).submitAsyncQuery.id;
    await ctx.advance(10_000);
    const res = await fetch(`${ctx.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ documentId: idOf(LiveQueryStatus), variables: { siteId: SITE, queryId } }),
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = (await res.text()).split('\n\n').filter((e) => e.startsWith('event:'));
    expect(events).toEqual([expect.stringMatching(/^event: next\ndata: /), 'event: complete\ndata:']);
    expect(JSON.parse(events[0]!.slice('event: next\ndata: '.length))).toEqual({
      data: { queryStatusChanged: { id: queryId, status: 'SUCCESSFUL', isTerminal: true, rowCount: 1 } },
    });
  });

  it('should run a graphql-ws subscription sent as query "" with the APQ hash or a documentId, and refuse text', async () => {
    const submitted = await post(ctx.url, {
      documentId: idOf(LiveSubmitAsync),
      variables: { input: { siteId: SITE, sql: 'SELECT 1 AS a' } },
    });
    const queryId = (submitted.body.data as { submitAsyncQuery: { id: string } }).submitAsyncQuery.id;
    await ctx.advance(10_000);
    const variables = { siteId: SITE, queryId };
    for (const payload of [
      { query: '', variables, extensions: { persistedQuery: { version: 1, sha256Hash: bare(idOf(LiveQueryStatus)) } } },
      { query: '', variables, documentId: idOf(LiveQueryStatus) },
    ]) {
      const results: unknown[] = [];
      await new Promise<void>((resolve, reject) =>
        ws.subscribe(payload, { next: (r) => results.push(r), error: reject, complete: resolve }),
      );
      expect(results).toEqual([
        { data: { queryStatusChanged: { id: queryId, status: 'SUCCESSFUL', isTerminal: true, rowCount: 1 } } },
      ]);
    }
    const refused = subscribe(ws, LiveQueryStatus, variables);
    await expect(refused.done).rejects.toEqual([
      expect.objectContaining({ extensions: { code: 'FORBIDDEN', reason: 'TRUSTED_DOCUMENTS_ONLY' } }),
    ]);
  });

  // The manifest's documents here do not select __typename (graphcache needs it: the example app's
  // do, and its browser test runs graphcache this way), so urql's document cache stands in for it.
  it('should serve the README client: urql, sending ids only', async () => {
    Object.assign(globalThis, { WebSocket });
    const socket = createWsClient({ url: `${ctx.url.replace(/^http/, 'ws')}/graphql` });
    const client = new Client({
      url: `${ctx.url}/graphql`,
      preferGetMethod: false,
      exchanges: [
        readDocumentHash,
        cacheExchange,
        sendDocumentHash,
        fetchExchange,
        subscriptionExchange({
          forwardSubscription: (request) => ({
            subscribe: (sink) => ({ unsubscribe: socket.subscribe({ ...request, query: request.query ?? '' }, sink) }),
          }),
        }),
      ],
    });
    const patient = await client.query(CachedPatient, { siteId: EastSite.id, id: '452' }).toPromise();
    expect(patient.error).toBeUndefined();
    expect(patient.data?.patient).toMatchObject({ fhirId: '452', siteId: EastSite.id });
    const statuses: string[] = [];
    const submitted = await client
      .mutation(LiveSubmitAsync, { input: { siteId: SITE, sql: 'SELECT 1 AS a' } })
      .toPromise();
    await ctx.advance(10_000);
    await new Promise<void>((resolve, reject) => {
      const { unsubscribe } = client
        .subscription(LiveQueryStatus, { siteId: SITE, queryId: submitted.data!.submitAsyncQuery.id })
        .subscribe((r) => {
          if (r.error) return reject(r.error);
          statuses.push(r.data!.queryStatusChanged.status);
          if (r.data!.queryStatusChanged.isTerminal) {
            unsubscribe();
            resolve();
          }
        });
    });
    expect(statuses).toEqual(['SUCCESSFUL']);
    await socket.dispose();
  });

  it('should serve the README fetch: { documentId, variables }', async () => {
    expect(await runTrusted(ctx.url, CachedSite, { id: SITE })).toEqual(SITE_ANSWER.data);
  });
});

describe('TRUSTED_DOCUMENTS=allow', () => {
  const ctx = useApp({ listen: true, app: { trustedDocuments: { mode: 'allow', documents: manifest } } });

  it('should run ids from the manifest and text alike; an unknown id alone is PERSISTED_QUERY_NOT_FOUND', async () => {
    expect(await post(ctx.url, { documentId: idOf(CachedSite), variables: { id: SITE } })).toEqual({
      status: 200,
      body: SITE_ANSWER,
    });
    const text = await post(ctx.url, { query: '{ site(id: "' + SITE + '") { id } }' });
    expect(text).toEqual({ status: 200, body: { data: { site: { id: SITE } } } });
    const unknownWithText = await post(ctx.url, {
      query: '{ site(id: "' + SITE + '") { id } }',
      extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } },
    });
    expect(unknownWithText.body).toEqual({ data: { site: { id: SITE } } });
    const unknown = await post(ctx.url, { documentId: 'f'.repeat(64) });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors?.[0]).toEqual({
      message:
        "No trusted document has this id: send the document text, or the id of a document from this server's manifest.",
      extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
    });
  });
});

describe('TRUSTED_DOCUMENTS=off', () => {
  const ctx = useApp({ listen: true });

  it('should run text, with or without a hash, and answer an id alone so that an APQ client sends the text', async () => {
    const withHash = await post(ctx.url, {
      query: manifest[idOf(CachedSite)],
      variables: { id: SITE },
      extensions: { persistedQuery: { version: 1, sha256Hash: bare(idOf(CachedSite)) } },
    });
    expect(withHash).toEqual({ status: 200, body: SITE_ANSWER });
    const idAlone = await post(ctx.url, { documentId: idOf(CachedSite), variables: { id: SITE } });
    expect(idAlone).toEqual({
      status: 404,
      body: {
        errors: [
          {
            message:
              'Trusted documents are off on this server (TRUSTED_DOCUMENTS=off): send the document text in query.',
            extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
          },
        ],
      },
    });
  });
});
