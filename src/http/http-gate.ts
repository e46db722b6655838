/**
 * The gate in front of every GraphQL request over HTTP (and SSE), before anything is parsed or
 * executed, in this order:
 *
 * 1. **POST only** for operations: a GET with an operation is 405 (`Allow: POST`). A GET from a
 *    browser still gets GraphiQL (yoga serves it before this point), but operations in URLs would
 *    leave patient search values in proxy and browser logs, and GETs are CSRF-able.
 * 2. **CSRF prevention**: a POST a browser could send cross-site without a preflight (content
 *    type `application/x-www-form-urlencoded`, `multipart/form-data`, `text/plain` or none) is 403
 *    unless it carries a non-simple header (`GraphQL-Require-Preflight`, `X-GraphQL-CSRF` or
 *    `Apollo-Require-Preflight`). JSON clients are unaffected.
 * 3. **Client auth and the per-client rate limit** (../auth/admission.ts): 401 / 429.
 *
 * Also here: the CORS policy for yoga's `cors` option (an allow-list; no list, no CORS headers), and
 * the answer to a CORS preflight from an origin not on it: 403 naming `CORS_ORIGINS`, rather than
 * yoga's 405 (no CORS configured) or a bare 204 without CORS headers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Admission } from '../auth/admission.js';

export interface HttpGateOptions {
  admission: Admission;
  /** Refuse operations sent with GET. @default true */
  postOnly?: boolean;
  /** Refuse POSTs that a browser could send cross-site without a preflight. @default true */
  csrfPrevention?: boolean;
}

const SIMPLE_CONTENT_TYPES = new Set(['', 'application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);
const PREFLIGHT_HEADERS = ['graphql-require-preflight', 'x-graphql-csrf', 'apollo-require-preflight'];

function refused(status: number, message: string, headers: Record<string, string> = {}): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: status === 405 ? 'BAD_USER_INPUT' : 'FORBIDDEN', http: { status, headers } },
  });
}

/** True when a browser would have sent a CORS preflight for this request (so CORS protects it). */
export function isPreflighted(request: Request): boolean {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!SIMPLE_CONTENT_TYPES.has(type)) return true;
  return PREFLIGHT_HEADERS.some((h) => request.headers.has(h));
}

/** The yoga plugin (see the module comment). */
export function useHttpGate(options: HttpGateOptions): Plugin {
  const postOnly = options.postOnly ?? true;
  const csrf = options.csrfPrevention ?? true;
  return {
    async onParams({ request, setResult }) {
      if (postOnly && request.method === 'GET') {
        setResult({ errors: [refused(405, 'Send GraphQL operations with POST.', { allow: 'POST' })] });
        return;
      }
      if (csrf && request.method === 'POST' && !isPreflighted(request)) {
        setResult({
          errors: [
            refused(
              403,
              'This request could have been forged by another site: send it as application/json, or with a GraphQL-Require-Preflight header.',
            ),
          ],
        });
        return;
      }
      try {
        await options.admission.admit(request);
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        setResult({ errors: [error] });
      }
    },
  };
}

/** Yoga's `cors` option for an allow-list of origins: allowed origins get CORS headers, others none. */
export function corsPolicy(
  origins: readonly string[],
):
  | false
  | ((
      request: Request,
    ) =>
      false | { origin: string[]; credentials: boolean; methods: string[]; allowedHeaders: string[]; maxAge: number }) {
  if (origins.length === 0) return false;
  const allowed = new Set(origins);
  return (request) => {
    const origin = request.headers.get('origin');
    if (origin === null || !allowed.has(origin)) return false;
    return {
      origin: [origin],
      credentials: false,
      methods: ['POST', 'GET', 'OPTIONS'],
      allowedHeaders: [
        'content-type',
        'accept',
        'authorization',
        'x-api-key',
        'graphql-require-preflight',
        'x-graphql-csrf',
      ],
      maxAge: 600,
    };
  };
}

const CORS_REFUSAL = JSON.stringify({
  errors: [
    {
      message:
        "This origin may not call the API from a browser: the server's CORS_ORIGINS does not list it (scheme, host and port, e.g. https://app.example.org).",
      extensions: { code: 'FORBIDDEN', reason: 'CORS_ORIGIN_NOT_ALLOWED' },
    },
  ],
});

/**
 * Answers a CORS preflight (OPTIONS with `Origin` and `Access-Control-Request-Method`) from an
 * origin not in `origins` with 403 and a body naming CORS_ORIGINS (the origin is not echoed), and
 * returns true; returns false for anything else, which then goes its usual way.
 */
export function refuseCorsPreflight(req: IncomingMessage, res: ServerResponse, origins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (req.method !== 'OPTIONS' || origin === undefined || req.headers['access-control-request-method'] === undefined)
    return false;
  if (origins.includes(origin)) return false;
  res.writeHead(403, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(CORS_REFUSAL)),
    vary: 'Origin',
  });
  res.end(CORS_REFUSAL);
  return true;
}
