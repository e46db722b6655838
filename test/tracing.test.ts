import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import { createApp } from '../src/app.js';
import { OnlineSite, ZedmedSite } from '../simulator/src/fixtures.js';
import { createTracing } from '../src/observability/tracing.js';
import { useApp } from './helpers/app.js';
import { subscribe, wsClient } from './helpers/ws.js';
import { LiveQueryStatus } from './subscriptions/documents.js';

// ── A fake OTLP/HTTP receiver ────────────────────────────────────────────────────────────────────

interface Receiver {
  url: string;
  /** Every body POSTed so far, as text, with its path. */
  requests: Array<{ path: string; body: string }>;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const requests: Receiver['requests'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      requests.push({
        path: req.url ?? '',
        body: (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8'),
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ── OTLP JSON ────────────────────────────────────────────────────────────────────────────────────

interface OtlpValue {
  stringValue?: string;
  intValue?: number | string;
  boolValue?: boolean;
  arrayValue?: { values?: OtlpValue[] };
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes?: Array<{ key: string; value: OtlpValue }>;
  status?: { code?: number };
}
interface OtlpBody {
  resourceSpans?: Array<{
    resource?: { attributes?: Array<{ key: string; value: OtlpValue }> };
    scopeSpans?: Array<{ spans?: OtlpSpan[] }>;
  }>;
}

interface SpanView {
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  kind: number;
  statusCode: number;
  durationNs: bigint;
  attrs: Record<string, string | number | boolean | Array<string | number | boolean>>;
}

function plain(v: OtlpValue): string | number | boolean | Array<string | number | boolean> {
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map((x) => plain(x) as string | number | boolean);
  throw new Error(`unexpected attribute value ${JSON.stringify(v)}`);
}

function spansOf(receiver: Receiver): SpanView[] {
  return receiver.requests.flatMap(({ body }) =>
    ((JSON.parse(body) as OtlpBody).resourceSpans ?? []).flatMap((rs) =>
      (rs.scopeSpans ?? []).flatMap((ss) =>
        (ss.spans ?? []).map((s) => ({
          traceId: s.traceId,
          spanId: s.spanId,
          parentSpanId: s.parentSpanId || undefined,
          name: s.name,
          kind: s.kind,
          statusCode: s.status?.code ?? 0,
          durationNs: BigInt(s.endTimeUnixNano) - BigInt(s.startTimeUnixNano),
          attrs: Object.fromEntries((s.attributes ?? []).map((a) => [a.key, plain(a.value)])),
        })),
      ),
    ),
  );
}

const SPAN_KIND_SERVER = 2;
const SPAN_KIND_CLIENT = 3;
const STATUS_ERROR = 2;

// Attribute keys a span may carry; anything else is a leak waiting to happen.
const ALLOWED_ATTRIBUTES = new Set([
  'graphql.operation.name',
  'graphql.operation.type',
  'halo_graphql.outcome',
  'halo_graphql.error_count',
  'halo_graphql.error_codes',
  'halo.operation_id',
  'halo.attempt',
  'halo.retry',
  'halo.network_code',
  'http.response.status_code',
  'error.type',
]);

// ── Setup ────────────────────────────────────────────────────────────────────────────────────────

const receiver = await startReceiver();
const ctx = useApp({
  listen: true,
  app: { otelExporterEndpoint: receiver.url, halo: { retry: { baseDelayMs: 1, maxDelayMs: 1 } } },
});
afterAll(async () => {
  await receiver.close();
});
beforeEach(() => {
  receiver.requests.length = 0;
});

// `any`: the documents here are ad hoc strings (not typed documents), and each test reads a different shape.
async function send(
  query: string,
  variables?: Record<string, unknown>,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads its own operation's data
): Promise<{ data?: any; errors?: Array<{ extensions?: { code?: string } }> }> {
  const res = await fetch(`${ctx.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  return (await res.json()) as { data?: any; errors?: Array<{ extensions?: { code?: string } }> };
}

/** Exports what has ended and returns every span the receiver got since the test began. */
async function flushed(): Promise<SpanView[]> {
  await ctx.app.tracing.forceFlush();
  return spansOf(receiver);
}

const CANARY_SQL = 'canary-sql-literal-5d1e93';
const CANARY_PARAM = 'canary-param-value-a84c07';
const RUN = `
  mutation TracedImmediate($input: RunQueryInput!) {
    runImmediateQuery(input: $input) { id status rows }
  }
`;

// ── Tests ────────────────────────────────────────────────────────────────────────────────────────

describe('tracing with OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  it('should export an operation span and its Halo call as a child, with no SQL, parameter, site or query id anywhere', async () => {
    const res = await send(RUN, {
      input: {
        siteId: OnlineSite.id,
        sql: `SELECT '${CANARY_SQL}' AS Canary, @p AS Param`,
        parameters: [{ name: '@p', type: 'VarChar', value: CANARY_PARAM }],
      },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.runImmediateQuery.rows).toEqual([{ Canary: CANARY_SQL, Param: CANARY_PARAM }]);
    const queryId = res.data.runImmediateQuery.id as string;

    const spans = await flushed();
    expect(receiver.requests.every((r) => r.path === '/v1/traces')).toBe(true);
    const op = spans.find((s) => s.name === 'mutation TracedImmediate');
    expect(op).toBeDefined();
    expect(op).toMatchObject({
      kind: SPAN_KIND_SERVER,
      parentSpanId: undefined,
      statusCode: 0,
      attrs: {
        'graphql.operation.name': 'TracedImmediate',
        'graphql.operation.type': 'mutation',
        'halo_graphql.outcome': 'success',
      },
    });
    expect(op!.durationNs).toBeGreaterThan(0n);

    const halo = spans.filter((s) => s.name === 'createImmediateQuery');
    expect(halo).toHaveLength(1);
    expect(halo[0]).toMatchObject({
      traceId: op!.traceId,
      parentSpanId: op!.spanId,
      kind: SPAN_KIND_CLIENT,
      statusCode: 0,
      attrs: {
        'halo.operation_id': 'createImmediateQuery',
        'http.response.status_code': 200,
        'halo.attempt': 1,
        'halo.retry': false,
      },
    });
    expect(halo[0]!.durationNs).toBeGreaterThan(0n);
    expect(halo[0]!.durationNs).toBeLessThanOrEqual(op!.durationNs);

    const resource =
      (JSON.parse(receiver.requests[0]!.body) as OtlpBody).resourceSpans?.[0]?.resource?.attributes ?? [];
    expect(resource).toContainEqual({ key: 'service.name', value: { stringValue: 'halo-graphql' } });

    const everything = receiver.requests.map((r) => r.body).join('\n');
    for (const secret of [CANARY_SQL, CANARY_PARAM, OnlineSite.id, queryId, ctx.sim.key, 'SELECT', '@p']) {
      expect(everything).not.toContain(secret);
    }
    for (const s of spans) for (const key of Object.keys(s.attrs)) expect(ALLOWED_ATTRIBUTES).toContain(key);
  });

  it('should trace each attempt of a retried call, and a failed operation by its error code only', async () => {
    await ctx.call('POST', '/_sim/faults', {
      body: { operationId: 'getSite', siteId: OnlineSite.id, status: 503, count: 1 },
    });
    expect(
      (await send(`query TracedRetry($id: ID!) { site(id: $id) { haloLinkVersion } }`, { id: OnlineSite.id })).errors,
    ).toBeUndefined();
    await ctx.call('POST', '/_sim/faults', {
      body: { operationId: 'createImmediateQuery', siteId: ZedmedSite.id, status: 400, count: 1 },
    });
    const failed = await send(
      `mutation TracedFailure($s: ID!) { runImmediateQuery(input: { siteId: $s, sql: "SELECT 1 AS ${CANARY_SQL.replace(/-/g, '_')}" }) { status } }`,
      {
        s: ZedmedSite.id,
      },
    );
    const code = failed.errors?.[0]?.extensions?.code;
    expect(code).toMatch(/^[A-Z_]+$/);

    const spans = await flushed();
    const retried = spans.find((s) => s.name === 'query TracedRetry')!;
    const attempts = spans
      .filter((s) => s.name === 'getSite' && s.traceId === retried.traceId)
      .sort((a, b) => Number(a.attrs['halo.attempt']) - Number(b.attrs['halo.attempt']));
    expect(
      attempts.map((s) => [
        s.attrs['halo.attempt'],
        s.attrs['halo.retry'],
        s.attrs['http.response.status_code'],
        s.statusCode,
      ]),
    ).toEqual([
      [1, false, 503, STATUS_ERROR],
      [2, true, 200, 0],
    ]);
    expect(attempts[0]!.attrs['error.type']).toBe('503');
    expect(attempts.every((s) => s.parentSpanId === retried.spanId)).toBe(true);

    const op = spans.find((s) => s.name === 'mutation TracedFailure')!;
    expect(op).toMatchObject({
      statusCode: STATUS_ERROR,
      attrs: { 'halo_graphql.outcome': 'error', 'halo_graphql.error_count': 1, 'halo_graphql.error_codes': [code] },
    });
    expect(
      spans.find((s) => s.name === 'createImmediateQuery' && s.parentSpanId === op.spanId)?.attrs[
        'http.response.status_code'
      ],
    ).toBe(400);
    expect(receiver.requests.map((r) => r.body).join('\n')).not.toContain(CANARY_SQL.replace(/-/g, '_'));
  });

  it('should export an invalid operation as an error span without its text', async () => {
    const res = await send(`query TracedInvalid { site(id: "${CANARY_PARAM}") { noSuchField } }`);
    expect(res.errors).toBeDefined();
    const spans = await flushed();
    expect(spans.find((s) => s.name === 'query TracedInvalid')).toMatchObject({
      statusCode: STATUS_ERROR,
      attrs: { 'halo_graphql.outcome': 'invalid' },
    });
    expect(receiver.requests.map((r) => r.body).join('\n')).not.toContain(CANARY_PARAM);
  });

  it('should export a subscription over SSE', async () => {
    const submitted = await send(
      `mutation TracedSseSubmit($s: ID!) { submitAsyncQuery(input: { siteId: $s, sql: "SELECT TOP 2 InternalID FROM BPS_Patients" }) { id } }`,
      {
        s: OnlineSite.id,
      },
    );
    const queryId = submitted.data.submitAsyncQuery.id as string;
    const abort = new AbortController();
    const res = await fetch(`${ctx.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({
        query: `subscription TracedSse($s: ID!, $q: ID!) { queryStatusChanged(siteId: $s, queryId: $q) { status } }`,
        variables: { s: OnlineSite.id, q: queryId },
      }),
      signal: abort.signal,
    });
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('INITIALISING')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    abort.abort();
    await reader.cancel().catch(() => undefined);
    expect(text).toContain('INITIALISING');

    const spans = await flushed();
    expect(spans.find((s) => s.name === 'subscription TracedSse')).toMatchObject({
      kind: SPAN_KIND_SERVER,
      attrs: {
        'graphql.operation.name': 'TracedSse',
        'graphql.operation.type': 'subscription',
        'halo_graphql.outcome': 'success',
      },
    });
    expect(receiver.requests.map((r) => r.body).join('\n')).not.toContain(queryId);
  });

  describe('over WebSocket', () => {
    let client: Client;
    beforeAll(() => {
      client = wsClient(ctx.url);
    });
    afterAll(async () => {
      await client.dispose();
    });

    it('should export a subscription span when the subscription is set up', async () => {
      const submitted = await send(
        `mutation TracedSubmit($s: ID!) { submitAsyncQuery(input: { siteId: $s, sql: "SELECT TOP 2 InternalID FROM BPS_Patients" }) { id } }`,
        {
          s: OnlineSite.id,
        },
      );
      const queryId = submitted.data.submitAsyncQuery.id as string;
      const sub = subscribe(client, LiveQueryStatus, { siteId: OnlineSite.id, queryId });
      expect((await sub.next()).data?.queryStatusChanged.status).toBe('INITIALISING');
      sub.unsubscribe();

      const spans = await flushed();
      expect(spans.find((s) => s.name === 'subscription LiveQueryStatus')).toMatchObject({
        kind: SPAN_KIND_SERVER,
        statusCode: 0,
        attrs: { 'graphql.operation.type': 'subscription', 'halo_graphql.outcome': 'success' },
      });
      const submit = spans.find((s) => s.name === 'mutation TracedSubmit')!;
      expect(spans.find((s) => s.name === 'createAsyncQuery')?.parentSpanId).toBe(submit.spanId);
      expect(receiver.requests.map((r) => r.body).join('\n')).not.toContain(queryId);
    });
  });
});

describe('tracing without an endpoint', () => {
  it('should record nothing and send nothing', async () => {
    const app = createApp({
      haloApiUrl: ctx.sim.url,
      haloSubscriptionKey: ctx.sim.key,
      halo: { keepAliveTimeoutMs: 10 },
    });
    try {
      expect(app.tracing.enabled).toBe(false);
      expect(app.tracing.tracer.startSpan('probe').isRecording()).toBe(false);
      const res = await app.yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({
          query: `query UntracedSite($id: ID!) { site(id: $id) { haloLinkVersion } }`,
          variables: { id: OnlineSite.id },
        }),
      });
      expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
      await app.tracing.forceFlush();
    } finally {
      await app.stop();
    }
    // The traced app running alongside got none of this app's operations either.
    await ctx.app.tracing.forceFlush();
    expect(spansOf(receiver).filter((s) => s.name.includes('Untraced'))).toEqual([]);
    expect(receiver.requests).toEqual([]);
  });

  it('should reject an endpoint that is not an http(s) URL, and a ratio outside 0..1', () => {
    expect(() => createTracing({ endpoint: 'collector:4318' })).toThrow(/absolute http\(s\) URL/);
    expect(() => createTracing({ endpoint: 'http://127.0.0.1:1', sampleRatio: 2 })).toThrow(/between 0 and 1/);
    expect(createTracing({ endpoint: undefined }).enabled).toBe(false);
  });
});
