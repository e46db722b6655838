import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { createSimClock, type SimClock } from './clock.js';
import { handleControl } from './control.js';
import { SimHttpError, apimError, haloError } from './errors.js';
import { FaultRegistry, type Fault } from './faults.js';
import { DEFAULT_SITES, DEFAULT_SUBSCRIPTION_KEY, type SiteFixture } from './fixtures.js';
import { HALO_MESSAGES, INFERRED } from './inferred.js';
import { matchRoute, type RouteResult } from './routes.js';
import { SimState } from './state.js';
import { isGuid } from '../../src/lib/guid.js';
import { BodyTooLarge, readBounded } from '../../src/lib/read-body.js';
import { WebhookSender } from './webhooks.js';

export interface SimulatorOptions {
  /** @default 0 (a free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** The subscription key clients must send in `Ocp-Apim-Subscription-Key`. @default 'dev-key' */
  key?: string;
  /** Simulated time runs this many times faster than real time. @default 1 */
  timeScale?: number;
  /** Simulated time at start (epoch ms). @default now */
  startEpochMs?: number;
  /** Result pages split at about this many bytes of JSON. @default 1 MiB */
  pageBytes?: number;
  /** When set with `webhookSecret`, signed webhooks are POSTed here. `{siteId}`, `{queryId}`, `{source}` are substituted. */
  webhookUrl?: string;
  webhookSecret?: string;
  /** @default the fixtures of docs/API.md */
  sites?: readonly SiteFixture[];
}

export interface RequestLogEntry {
  operationId: string;
  siteId: string | null;
  at: string;
  status?: number;
}

export interface Simulator {
  /** Base URL, e.g. http://127.0.0.1:4010 (integrator paths start with /integrator). */
  readonly url: string;
  readonly port: number;
  readonly key: string;
  readonly clock: SimClock;
  readonly state: SimState;
  /** Webhook sender; its `events` emit `attempt` after each delivery attempt (for tests). */
  readonly webhooks: WebhookSender;
  /** Back to the default fixtures, clock, faults and request log. */
  reset(): void;
  stop(): Promise<void>;
}

export interface SimulatorRuntime {
  state: SimState;
  clock: SimClock;
  faults: FaultRegistry;
  requestLog: RequestLogEntry[];
  webhooks: WebhookSender;
  stats: { connections: number; requests: number };
  reset(): void;
}

const MAX_LOG = 100_000;
// Trimmed in batches: one splice per 10,000 requests, not a shift of 100,000 entries per request.
const LOG_TRIM_BATCH = 10_000;

/** Starts the Halo simulator: a real HTTP server speaking the integrator API plus `/_sim/` control. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const key = options.key ?? DEFAULT_SUBSCRIPTION_KEY;
  const keyBuf = Buffer.from(key);
  const clock = createSimClock({
    scale: options.timeScale ?? 1,
    ...(options.startEpochMs !== undefined ? { startEpochMs: options.startEpochMs } : {}),
  });
  const webhooks = new WebhookSender(clock, options.webhookUrl, options.webhookSecret);
  const state = new SimState({
    clock,
    sites: options.sites ?? DEFAULT_SITES,
    pageBytes: options.pageBytes ?? INFERRED.defaultPageBytes,
    onWebhook: (e) => webhooks.send(e),
  });
  const runtime: SimulatorRuntime = {
    state,
    clock,
    faults: new FaultRegistry(),
    requestLog: [],
    webhooks,
    stats: { connections: 0, requests: 0 },
    reset() {
      clock.reset();
      state.reset();
      this.faults.clear();
      this.requestLog.length = 0;
      webhooks.deliveries.length = 0;
    },
  };

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handle(req, res, runtime, keyBuf).catch(() => {
      if (!res.headersSent) send(res, 500, haloError(500, HALO_MESSAGES.internal));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = INFERRED.keepAliveTimeoutMs;
  server.on('connection', (socket) => {
    runtime.stats.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let stopped = false;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    key,
    clock,
    state,
    webhooks,
    reset: () => runtime.reset(),
    async stop() {
      if (stopped) return;
      stopped = true;
      webhooks.stop();
      clock.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
      state.close();
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

function keyMatches(given: string | string[] | undefined, expected: Buffer): boolean {
  if (typeof given !== 'string') return false;
  const buf = Buffer.from(given);
  return buf.length === expected.length && timingSafeEqual(buf, expected);
}

function writeResult(res: ServerResponse, result: RouteResult): void {
  if ('empty' in result) {
    res.writeHead(result.status);
    res.end();
    return;
  }
  if ('stream' in result) {
    res.writeHead(result.status, { 'content-type': 'application/json; charset=utf-8', ...(result.headers ?? {}) });
    // Chunked transfer: write the page in slices of its UTF-8 bytes (a slice of the string could
    // split a surrogate pair, which would reach the client as two U+FFFD).
    const bytes = Buffer.from(result.stream, 'utf8');
    const slice = 64 * 1024;
    let offset = 0;
    const pump = () => {
      while (offset < bytes.length) {
        const ok = res.write(bytes.subarray(offset, offset + slice));
        offset += slice;
        if (!ok) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    pump();
    return;
  }
  send(res, result.status, result.body, result.headers);
}

async function applyFault(res: ServerResponse, fault: Fault): Promise<boolean> {
  if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
  if (fault.dropConnection) {
    res.socket?.destroy();
    return true;
  }
  if (fault.status === undefined && fault.body === undefined) return false;
  const status = fault.status ?? 200;
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
  if (fault.body === 'empty') {
    res.writeHead(status, { ...headers, 'content-length': '0' });
    res.end();
    return true;
  }
  if (fault.body === 'malformed') {
    const text = '{"error":{"status":' + status + ',"message":"trunc';
    res.writeHead(status, headers);
    res.end(text);
    return true;
  }
  const body =
    status === 429
      ? apimError(429, `Rate limit is exceeded. Try again in ${fault.retryAfterSeconds ?? 1} seconds.`)
      : status === 503
        ? haloError(503, HALO_MESSAGES.siteOffline)
        : status === 504
          ? haloError(504, HALO_MESSAGES.siteUnreachable)
          : status === 502
            ? haloError(502, HALO_MESSAGES.badGateway)
            : status === 500
              ? haloError(500, HALO_MESSAGES.internal)
              : haloError(status, 'Injected failure.');
  send(res, status, body, headers);
  return true;
}

async function handle(req: IncomingMessage, res: ServerResponse, rt: SimulatorRuntime, key: Buffer): Promise<void> {
  rt.stats.requests++;
  const url = new URL(req.url ?? '/', 'http://simulator.local');
  const method = req.method ?? 'GET';
  if (url.pathname === '/health' && (method === 'GET' || method === 'HEAD')) {
    return send(res, 200, { status: 'ok' });
  }

  let segments: string[];
  try {
    segments = url.pathname
      .split('/')
      .slice(1)
      .map((s) => decodeURIComponent(s));
  } catch {
    return send(res, 400, haloError(400, 'The request path is not valid.'));
  }
  const isControl = segments[0] === '_sim';
  if (!isControl && segments[0] !== 'integrator') {
    return send(res, 404, apimError(404, 'Resource not found'));
  }

  const given = req.headers['ocp-apim-subscription-key'];
  if (given === undefined) return send(res, 401, apimError(401, HALO_MESSAGES.missingKey));
  if (!keyMatches(given, key)) return send(res, 401, apimError(401, HALO_MESSAGES.invalidKey));

  let raw: Buffer;
  try {
    raw = await readBounded(req, INFERRED.maxRequestBodyBytes, req.headers['content-length']);
  } catch (err) {
    if (err instanceof BodyTooLarge) {
      res.setHeader('connection', 'close');
      return send(res, 413, apimError(413, 'The request body is too large.'));
    }
    throw err;
  }

  if (isControl) return handleControl(rt, method, segments.slice(1), raw, res, send);

  const match = matchRoute(method, segments);
  if (match === undefined || match === 'method-not-allowed') {
    return send(res, 404, apimError(404, 'Resource not found'));
  }
  const { route, params } = match;
  const entry: RequestLogEntry = {
    operationId: route.operationId,
    siteId: params.siteId ?? null,
    at: rt.clock.date().toISOString(),
  };
  rt.requestLog.push(entry);
  if (rt.requestLog.length > MAX_LOG + LOG_TRIM_BATCH) rt.requestLog.splice(0, rt.requestLog.length - MAX_LOG);
  res.on('finish', () => {
    entry.status = res.statusCode;
  });

  const fault = rt.faults.take(route.operationId, params.siteId);
  if (fault && !fault.carriedOut && (await applyFault(res, fault))) return;
  // A fault on a call that is carried out applies to its answer, once the work is done.
  const answer = fault?.carriedOut
    ? async (write: () => void) => {
        if (!(await applyFault(res, fault))) write();
      }
    : async (write: () => void) => write();

  try {
    let body: unknown;
    if (raw.length > 0 && route.operationId !== 'postFhirSearch') {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new SimHttpError(400, 'The request body is not valid JSON.');
      }
    }
    if (params.siteId !== undefined) {
      if (!isGuid(params.siteId)) throw new SimHttpError(400, 'Halo GUID must be a valid GUID.');
      const site = rt.state.sites.get(params.siteId);
      if (!site || site.status === 'removed' || site.status === 'uninstalled')
        throw new SimHttpError(404, 'Site not found.');
      if (!site.paired) throw new SimHttpError(403, 'The integrator is not paired with this site.');
      if (route.queriesSite && INFERRED.nonAuthoritativeQueriesForbidden && !site.fixture.authoritative) {
        throw new SimHttpError(
          403,
          'This site is not the authoritative site for the practice. Fetch the site again by its practice management ID.',
        );
      }
    }
    const result = route.handler({
      params,
      query: url.searchParams,
      body,
      rawBodyBytes: raw.length,
      ...(route.operationId === 'postFhirSearch' ? { rawBody: raw.toString('utf8') } : {}),
      baseUrl: `http://${req.headers.host ?? 'localhost'}`,
      state: rt.state,
    });
    await answer(() => writeResult(res, result));
  } catch (err) {
    if (err instanceof SimHttpError) return answer(() => send(res, err.status, err.toBody(), { ...err.headers }));
    throw err;
  }
}
