/**
 * Helpers for the auth, security, chaos and bad-input suites: raw GraphQL over the app (any
 * method, headers and body), named client keys, and a log capture.
 */
import { Writable } from 'node:stream';
import { hashApiKey, type ClientKeyEntry } from '../../src/auth/api-keys.js';
import type { Permission } from '../../src/auth/principal.js';
import type { App } from '../../src/app.js';
import { OnlineSite } from '../../simulator/src/fixtures.js';

/** A client of the test deployment: its key (never configured, only hashed) and grants. */
export interface TestClient {
  id: string;
  key: string;
  sites: '*' | string[];
  permissions: Permission[];
}

/** The clients every suite's app is configured with. */
export const CLIENTS = {
  admin: {
    id: 'admin',
    key: 'test-key-admin-9c1d2f0a7b',
    sites: '*',
    permissions: ['read', 'async', 'registered', 'sql', 'writes'],
  },
  /** Reads (named queries, FHIR, query results) but sends no SQL of its own. */
  north: { id: 'north-reader', key: 'test-key-north-4e8b1c2d3f', sites: [OnlineSite.id], permissions: ['read'] },
  northAll: {
    id: 'north-all',
    key: 'test-key-northall-7a6b5c4d',
    sites: [OnlineSite.id],
    permissions: ['read', 'async', 'registered', 'sql'],
  },
  noPerms: { id: 'nothing', key: 'test-key-nothing-1a2b3c4d5e', sites: '*', permissions: [] },
} as const satisfies Record<string, TestClient>;

/** `CLIENTS` as `CLIENT_KEYS` entries (hashes only). */
export function clientKeyEntries(clients: readonly TestClient[] = Object.values(CLIENTS)): ClientKeyEntry[] {
  return clients.map((c) => ({
    id: c.id,
    sha256: hashApiKey(c.key),
    sites: c.sites === '*' ? '*' : new Set(c.sites.map((s) => s.toLowerCase())),
    permissions: new Set(c.permissions),
  }));
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON, or undefined. */
  json: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } | undefined;
}

/** Sends a request to the app in process (yoga.fetch) and reads it whole. */
export async function raw(
  app: Pick<App, 'yoga'>,
  init: { method?: string; path?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const res = await app.yoga.fetch(`http://yoga${init.path ?? '/graphql'}`, {
    method: init.method ?? 'POST',
    headers: init.headers ?? {},
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  const text = await res.text();
  let json: RawResponse['json'];
  try {
    json = JSON.parse(text) as RawResponse['json'];
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A GraphQL POST as a client (`key` undefined: no credentials). */
export function gql(
  app: Pick<App, 'yoga'>,
  query: string,
  variables: Record<string, unknown> = {},
  key?: string,
  extraHeaders: Record<string, string> = {},
): Promise<RawResponse> {
  return raw(app, {
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...extraHeaders,
    },
    body: JSON.stringify({ query, variables }),
  });
}

/** The `extensions.code`s of a response's errors. */
export const codes = (r: RawResponse): unknown[] => (r.json?.errors ?? []).map((e) => e.extensions?.['code']);

/** A pino destination that keeps every line. */
export function captureLines(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, lines };
}
