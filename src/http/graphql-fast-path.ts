/**
 * The common GraphQL-over-HTTP request — `POST /graphql` with a JSON body holding one query or
 * mutation, answered as JSON — handled on node:http without yoga's Fetch-API layer.
 *
 * Yoga turns every request into a Fetch `Request`, pipes its body through a size-limiting
 * `TransformStream`, and builds a Fetch `Response` that is then copied back onto the Node response.
 * For a small operation that costs more CPU than the GraphQL work (bench/README.md, target 2). Here
 * the body is read into one buffer and parsed, the operation goes through the very same yoga
 * pipeline from the `onParams` hooks on (`yoga.getResultForParams`: the HTTP gate with client auth
 * and rate limit, the document limits, parse/validation caches, masking, metrics, tracing, the
 * operation log), and yoga's own `processRegularResult` serialises the answer. Whatever this path
 * does not handle exactly as yoga would goes to yoga untouched (`false` from `handle`), or, once
 * the body has been read, with the body attached as `req.body`, which yoga reads instead of the
 * stream: GraphiQL and every GET, CORS requests when CORS is on, bodies without a length or over
 * the limit, other content types, `Accept` headers asking for anything but JSON, invalid JSON or
 * parameters, and documents that may stream (`@defer`, `@stream`, subscriptions).
 * test/http-fast-path.test.ts answers a matrix of requests both ways and compares them byte for byte.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { processRegularResult, type YogaServerInstance } from 'graphql-yoga';
import { isRecord } from '../lib/records.js';

export interface FastPathOptions {
  /** Requests over this many bytes go to yoga (which answers 413). */
  maxBodyBytes: number;
  /** CORS is configured: requests with an `Origin` go to yoga, which adds the CORS headers. */
  cors: boolean;
  /** The operation log's HTTP hooks (yoga calls them from `onRequest` / `onResponse`). */
  log: {
    httpStarted(request: Request): void;
    httpResponded(request: Request, status: number): string | undefined;
  };
  /**
   * The document a request runs (trusted documents): its text, found by `documentId` or the APQ
   * hash, or undefined when it would be refused. Used only to see whether the document may stream;
   * yoga's `onParams` hooks resolve it again for the answer. @default the request's `query`
   */
  resolveDocument?: (params: Params) => { query: string } | { error: unknown } | undefined;
}

export interface FastPath {
  /** Takes the request and returns true, or returns false (nothing read): the caller hands it to yoga. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** Requests answered here, and requests read here but then handed to yoga (for tests and benchmarks). */
  stats(): { answered: number; handedOver: number };
}

type AnyYoga = YogaServerInstance<Record<string, unknown>, Record<string, unknown>>;

interface Params {
  query?: string | null;
  documentId?: string | null;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
  extensions?: Record<string, unknown> | null;
}

/** What `processRegularResult` builds, captured instead of a Fetch `Response`. */
class CapturedResponse {
  constructor(
    readonly body: string | null,
    readonly init: { status?: number; headers?: Record<string, string> },
  ) {}
}
const CAPTURE = { Response: CapturedResponse } as unknown as Parameters<typeof processRegularResult>[1];

const PARAM_NAMES = new Set(['query', 'documentId', 'variables', 'operationName', 'extensions']);
const JSON_TYPES = new Set(['application/json', 'application/graphql-response+json', '*/*', 'application/*']);
/** The media types of yoga's regular result processor, in its order. */
const REGULAR = ['application/graphql-response+json', 'application/json'] as const;

export function createGraphQLFastPath(yoga: AnyYoga, options: FastPathOptions): FastPath {
  let answered = 0;
  let handedOver = 0;

  const handOver = (req: IncomingMessage & { body?: unknown }, res: ServerResponse, body: unknown) => {
    handedOver += 1;
    req.body = body;
    void yoga(req, res);
  };

  const answer = async (req: IncomingMessage, res: ServerResponse, params: Params, mediaType: string) => {
    const controller = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    const request = new yoga.fetchAPI.Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/graphql'}`, {
      method: 'POST',
      headers: req.headers as Record<string, string>,
      signal: controller.signal,
    });
    options.log.httpStarted(request);
    // The server context yoga's Node adapter would pass, with what `handleParams` adds to it.
    const context = { req, res, request, params };
    let status: number;
    let headers: OutgoingHttpHeaders;
    let body: string | null;
    try {
      // Yoga hands the parsed body on as it is (a null operationName included).
      const result = await yoga.getResultForParams(
        { params: params as Parameters<AnyYoga['getResultForParams']>[0]['params'], request },
        context,
      );
      if (result === undefined) throw new Error('no result');
      const captured = processRegularResult(result, CAPTURE, mediaType) as unknown as CapturedResponse;
      status = captured.init.status ?? 200;
      headers = lowerCased(captured.init.headers);
      body = captured.body;
    } catch {
      // What yoga answers for an error thrown outside execution (none is expected here).
      status = 500;
      headers = { 'content-type': `${mediaType}; charset=utf-8` };
      body = JSON.stringify({ errors: [{ message: 'Unexpected error.' }] });
    }
    const requestId = options.log.httpResponded(request, status);
    if (requestId !== undefined) headers['x-request-id'] = requestId;
    if (body !== null) headers['content-length'] = Buffer.byteLength(body);
    answered += 1;
    if (res.destroyed) return;
    res.writeHead(status, headers);
    res.end(body);
  };

  const run = (req: IncomingMessage, res: ServerResponse, raw: Buffer, mediaType: string) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      handOver(req, res, raw);
      return;
    }
    // A document named by id runs as its manifest text; one that would be refused goes to yoga.
    const params = isPlainParams(parsed) ? parsed : undefined;
    const resolved =
      params &&
      (options.resolveDocument?.(params) ?? (typeof params.query === 'string' ? { query: params.query } : undefined));
    if (!params || resolved === undefined || !('query' in resolved) || mayStream(resolved.query)) {
      // A non-empty object is handed over parsed; anything else as the bytes (yoga parses them again).
      handOver(req, res, isRecord(parsed) && Object.keys(parsed).length > 0 ? parsed : raw);
      return;
    }
    answer(req, res, params, mediaType).catch(() => res.destroy());
  };

  return {
    handle(req, res) {
      if (req.method !== 'POST' || req.url !== '/graphql') return false;
      const h = req.headers;
      if (mediaTypeOf(h['content-type']) !== 'application/json') return false;
      if (options.cors && h.origin !== undefined) return false;
      const length = Number(h['content-length']);
      if (!(Number.isInteger(length) && length > 0 && length <= options.maxBodyBytes)) return false;
      const mediaType = responseMediaType(h.accept);
      if (mediaType === undefined) return false;
      const chunks: Buffer[] = [];
      let received = 0;
      req.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        received += chunk.length;
      });
      req.once('end', () =>
        run(req, res, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received), mediaType),
      );
      req.once('error', () => res.destroy());
      return true;
    },
    stats: () => ({ answered, handedOver }),
  };
}

function mediaTypeOf(contentType: string | undefined): string {
  if (contentType === undefined) return '';
  const semi = contentType.indexOf(';');
  return (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
}

/**
 * The media type yoga's result processors would answer a single (non-streamed) result with, when
 * every type the client accepts is a JSON one; otherwise undefined. Same reading of `Accept` as
 * yoga's: whitespace removed, lower-cased, types with a charset other than utf-8 ignored, and of
 * the matching (request type, processor type) pairs the last one wins, request types taken in
 * reverse order.
 */
export function responseMediaType(accept: string | undefined): string | undefined {
  const key = accept ?? '';
  if (mediaTypes.has(key)) return mediaTypes.get(key);
  const chosen = chooseMediaType(accept);
  // Clients send a handful of distinct Accept headers; the cache stays small whatever they send.
  if (mediaTypes.size >= 64) mediaTypes.clear();
  mediaTypes.set(key, chosen);
  return chosen;
}

const mediaTypes = new Map<string, string | undefined>();

function chooseMediaType(accept: string | undefined): string | undefined {
  const asked: string[] = [];
  for (const item of (accept || '*/*').replace(/\s/g, '').toLowerCase().split(',')) {
    const [type, ...params] = item.split(';');
    const charset = params.find((p) => p.includes('charset=')) ?? 'charset=utf-8';
    if (charset !== 'charset=utf-8') continue;
    if (!JSON_TYPES.has(type!)) return undefined;
    asked.push(type!);
  }
  let chosen: string | undefined;
  for (const type of asked.reverse()) {
    for (const candidate of REGULAR) {
      if (type === '*/*' || type === 'application/*' || type === candidate) chosen = candidate;
    }
  }
  return chosen;
}

/**
 * The parameters yoga accepts without complaint (`useCheckGraphQLQueryParams`, `parsePOSTJsonRequest`),
 * where `query` may be missing: trusted documents may name the document (`documentId`, an APQ hash),
 * and a request that names none goes to yoga.
 */
function isPlainParams(value: unknown): value is Params {
  if (!isRecord(value)) return false;
  if (value['query'] != null && typeof value['query'] !== 'string') return false;
  if (value['documentId'] != null && typeof value['documentId'] !== 'string') return false;
  for (const key in value) {
    if (value[key] != null && !PARAM_NAMES.has(key)) return false;
  }
  const { variables, operationName, extensions } = value;
  return (
    (variables == null || isRecord(variables)) &&
    (extensions == null || isRecord(extensions)) &&
    (operationName == null || typeof operationName === 'string')
  );
}

/** Documents whose result may be a stream (yoga then picks the processor from more than JSON). */
function mayStream(query: string): boolean {
  return query.includes('@defer') || query.includes('@stream') || query.includes('subscription');
}

function lowerCased(headers: Record<string, string> | undefined): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  if (headers) for (const name of Object.keys(headers)) out[name.toLowerCase()] = headers[name];
  return out;
}
