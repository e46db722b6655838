import { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { OnlineSite } from '../simulator/src/fixtures.js';
import { graphql } from './gql/index.js';
import { useApp, type AppContext } from './helpers/app.js';
import { execute } from './helpers/execute.js';
import { callCounts, directSql, directWrite, injectFault, UNKNOWN_ID, type Row } from './helpers/halo.js';

const SubmitForExport = graphql(`
  mutation SubmitForExport($input: RunQueryInput!) {
    submitAsyncQuery(input: $input) {
      id
    }
  }
`);

const ExportPages = graphql(`
  query ExportPages($siteId: ID!, $id: ID!) {
    sqlQuery(siteId: $siteId, id: $id) {
      status
      rowCount
      pages {
        pageNumber
      }
    }
  }
`);

async function submit(c: AppContext, sql: string): Promise<string> {
  const res = await execute(c.app, SubmitForExport, { input: { siteId: OnlineSite.id, sql } });
  expect(res.errors).toBeUndefined();
  return res.data!.submitAsyncQuery.id;
}

async function pageCount(c: AppContext, id: string): Promise<number> {
  const res = await execute(c.app, ExportPages, { siteId: OnlineSite.id, id });
  expect(res.data?.sqlQuery?.status).toBe('SUCCESSFUL');
  return res.data!.sqlQuery!.pages.length;
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks; records end in CRLF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && field === '') {
      const close = (from: number): number => {
        const j = text.indexOf('"', from);
        return text[j + 1] === '"' ? close(j + 2) : j;
      };
      const end = close(i + 1);
      field = text.slice(i + 1, end).replaceAll('""', '"');
      i = end + 1;
    } else if (ch === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else {
      field += ch;
      i++;
    }
  }
  expect(field).toBe('');
  expect(record).toEqual([]);
  return records;
}

const csvValue = (v: unknown) => (v === null || v === undefined ? '' : String(v));

describe('export of a multi-page result', () => {
  // Small pages, so the 2,000 patients span about 35 of them.
  const ctx = useApp({ simulator: { pageBytes: 4096 } });
  let url: string;
  beforeAll(async () => {
    ({ url } = await ctx.app.start(0));
  });
  beforeEach(() => {
    ctx.sim.reset();
  });

  const SQL =
    'SELECT InternalID, Firstname, Middlename, Surname, DOB, MobilePhone FROM BPS_Patients ORDER BY InternalID';

  async function exportable(): Promise<{ id: string; expected: Row[] }> {
    // Values CSV must quote: a comma and quotes, a line break; apostrophes are already in the data.
    await directWrite(ctx, OnlineSite.id, `UPDATE PATIENTS SET SURNAME = 'Smith, Jr "Junior"' WHERE INTERNALID = 5`);
    await directWrite(
      ctx,
      OnlineSite.id,
      `UPDATE PATIENTS SET FIRSTNAME = 'Mary' || char(13) || char(10) || 'Jane' WHERE INTERNALID = 6`,
    );
    const expected = await directSql(ctx, OnlineSite.id, SQL);
    const id = await submit(ctx, SQL);
    await ctx.advance(3_600_000);
    return { id, expected };
  }

  it('should export every row of every page as NDJSON, equal to a direct SELECT', async () => {
    const { id, expected } = await exportable();
    expect(await pageCount(ctx, id)).toBeGreaterThan(20);
    const res = await fetch(`${url}/export/${OnlineSite.id}/${id}.ndjson`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${id}.ndjson"`);
    const text = await res.text();
    expect(text.endsWith('\n')).toBe(true);
    const rows = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Row);
    expect(rows).toEqual(expected);
    expect(rows.some((r) => typeof r['Surname'] === 'string' && r['Surname'].includes("'"))).toBe(true);
  });

  it('should export the same rows as CSV, quoting commas, quotes and line breaks', async () => {
    const { id, expected } = await exportable();
    const res = await fetch(`${url}/export/${OnlineSite.id}/${id}.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await res.text();
    expect(text).toContain('"Smith, Jr ""Junior"""');
    expect(text).toContain('"Mary\r\nJane"');
    const [header, ...records] = parseCsv(text);
    const columns = ['InternalID', 'Firstname', 'Middlename', 'Surname', 'DOB', 'MobilePhone'];
    expect(header).toEqual(columns);
    expect(records).toEqual(expected.map((row) => columns.map((c) => csvValue(row[c]))));
  });

  it('should answer 404 NOT_FOUND as JSON for an unknown query, and SITE_NOT_FOUND for an unknown site', async () => {
    const res = await fetch(`${url}/export/${OnlineSite.id}/${UNKNOWN_ID}.ndjson`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({ errors: [{ message: 'Not found.', extensions: { code: 'NOT_FOUND' } }] });
    const site = await fetch(`${url}/export/${UNKNOWN_ID}/${UNKNOWN_ID}.csv`);
    expect(site.status).toBe(404);
    expect(await site.json()).toEqual({
      errors: [{ message: 'Site not found.', extensions: { code: 'SITE_NOT_FOUND' } }],
    });
  });

  it('should answer 400 BAD_USER_INPUT for ids that are not GUIDs, without calling Halo', async () => {
    for (const path of [
      `/export/x/${UNKNOWN_ID}.csv`,
      `/export/${OnlineSite.id}/not-a-guid.ndjson`,
      `/export/${OnlineSite.id}/..%2F${UNKNOWN_ID}.csv`,
    ]) {
      const res = await fetch(url + path);
      expect(res.status, path).toBe(400);
      expect(await res.json()).toEqual({
        errors: [{ message: 'siteId and queryId must be Halo GUIDs.', extensions: { code: 'BAD_USER_INPUT' } }],
      });
    }
    expect(await ctx.upstreamCalls()).toEqual([]);
  });

  it('should answer a clean 409 for a query that has not succeeded yet', async () => {
    const id = await submit(ctx, SQL);
    const res = await fetch(`${url}/export/${OnlineSite.id}/${id}.csv`);
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      errors: [
        {
          message: 'The query has not succeeded (yet): there is no result to export.',
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
  });
});

describe('export of a large result', () => {
  // About 40 MB of JSON in 256 KiB pages: far more than socket buffers hold.
  const ctx = useApp({ simulator: { pageBytes: 256 * 1024 } });
  const SQL =
    'SELECT a.InternalID, a.Firstname, a.Surname, a.DOB, b.n FROM BPS_Patients a CROSS JOIN (SELECT TOP 225 InternalID AS n FROM BPS_Patients) b';
  const ROWS = 2000 * 225;
  let url: string;
  let id: string;
  let pages: number;
  beforeAll(async () => {
    ({ url } = await ctx.app.start(0));
    id = await submit(ctx, SQL);
    await ctx.advance(3_600_000);
    pages = await pageCount(ctx, id);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** The AbortSignal of each datasource the app creates (the export makes one per download). */
  function watchDatasources(): AbortSignal[] {
    const signals: AbortSignal[] = [];
    const forRequest = ctx.app.halo.forRequest.bind(ctx.app.halo);
    vi.spyOn(ctx.app.halo, 'forRequest').mockImplementation((signal, options) => {
      if (signal) signals.push(signal);
      return forRequest(signal, options);
    });
    return signals;
  }

  it('should stop fetching pages when the client goes away mid-stream', async () => {
    expect(pages).toBeGreaterThan(100);
    const signals = watchDatasources();
    await ctx.clearRequests();
    const client = new AbortController();
    const res = await fetch(`${url}/export/${OnlineSite.id}/${id}.ndjson`, { signal: client.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    client.abort();
    await reader.cancel().catch(() => undefined);

    // The export's datasource is aborted when the response closes: no page can be requested after.
    const [exportSignal] = signals;
    expect(exportSignal).toBeDefined();
    if (!exportSignal!.aborted)
      await new Promise((resolve) => exportSignal!.addEventListener('abort', resolve, { once: true }));
    expect(await ctx.upstreamCalls('getResultPage')).toEqual([]);
    const fetched = (await ctx.upstreamCalls('streamResultPage')).length;
    expect(fetched).toBeGreaterThanOrEqual(1);
    expect(fetched).toBeLessThan(pages / 2);
  });

  it('should read one page at a time and write it in pieces, waiting for the socket to drain, while a slow client reads ~40 MB', async () => {
    const signals = watchDatasources();
    const upstream = await ctx.call('GET', `/integrator/sites/${OnlineSite.id}/queries/${id}`);
    const pageRows = (upstream.body as { result: { pages: Array<{ rows: { count: number } }> } }).result.pages.map(
      (p) => p.rows.count,
    );
    expect(pageRows).toHaveLength(pages);
    // The export's life, in order: requesting the next page, writing a piece of rows (`full` when
    // write() returned false: the socket is backed up), and the response draining.
    const events: Array<'pull' | 'write' | 'write-full' | 'drain'> = [];
    let linesWritten = 0;
    const linesWrittenAtPull: number[] = [];
    let maxChunk = 0;
    let maxBuffered = 0;
    let backedUp: () => void = () => undefined;
    const firstBackup = new Promise<void>((resolve) => (backedUp = resolve));
    const exporting = new WeakSet<ServerResponse>();
    const write = ServerResponse.prototype.write;
    vi.spyOn(ServerResponse.prototype, 'write').mockImplementation(function (
      this: ServerResponse,
      ...args: Parameters<ServerResponse['write']>
    ) {
      const isExport = this.req.url?.startsWith('/export/') === true;
      if (isExport && !exporting.has(this)) {
        exporting.add(this);
        this.on('drain', () => events.push('drain'));
      }
      const ok = write.apply(this, args);
      if (isExport) {
        const text = String(args[0]);
        events.push(ok ? 'write' : 'write-full');
        linesWritten += text.split('\n').length - 1;
        maxChunk = Math.max(maxChunk, Buffer.byteLength(text));
        maxBuffered = Math.max(maxBuffered, this.writableLength);
        if (!ok) backedUp();
      }
      return ok;
    });
    const forRequest = vi.mocked(ctx.app.halo.forRequest).getMockImplementation()!;
    vi.mocked(ctx.app.halo.forRequest).mockImplementation((signal, options) => {
      const ds = forRequest(signal, options);
      // The datasource's methods are on its prototype: override one, keep the rest.
      return Object.assign(Object.create(ds) as typeof ds, {
        streamResultPage(...args: Parameters<typeof ds.streamResultPage>) {
          events.push('pull');
          linesWrittenAtPull.push(linesWritten);
          return ds.streamResultPage(...args);
        },
      });
    });

    const res = await fetch(`${url}/export/${OnlineSite.id}/${id}.ndjson`);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let bytes = 0;
    let lines = 0;
    let tail = '';
    for (let reads = 0; ; reads++) {
      // A slow client: it stops after the first chunk until the server's socket is backed up.
      if (reads === 1) await firstBackup;
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      const text = tail + decoder.decode(value, { stream: true });
      const cut = text.lastIndexOf('\n');
      for (let i = text.indexOf('\n'); i !== -1 && i <= cut; i = text.indexOf('\n', i + 1)) lines++;
      tail = text.slice(cut + 1);
    }

    expect(signals).toHaveLength(1);
    expect(lines).toBe(ROWS);
    expect(linesWritten).toBe(ROWS);
    expect(tail).toBe('');
    expect(bytes).toBeGreaterThan(35 * 1024 * 1024);
    expect(events.filter((e) => e === 'pull')).toHaveLength(pages);
    // Each page of 256 KiB goes out in several pieces, and the socket did back up.
    expect(events.filter((e) => e === 'write' || e === 'write-full').length).toBeGreaterThan(2 * pages);
    expect(events.filter((e) => e === 'write-full').length).toBeGreaterThanOrEqual(1);
    // One page at a time: page k+1 is requested only after every row of page k was written…
    expect(linesWrittenAtPull).toEqual(pageRows.map((_, k) => pageRows.slice(0, k).reduce((a, b) => a + b, 0)));
    // …and never while the socket is backed up (after a full write, before 'drain').
    let backedUpNow = false;
    let pulledWhileBackedUp = 0;
    for (const e of events) {
      if (e === 'pull' && backedUpNow) pulledWhileBackedUp++;
      else if (e === 'drain') backedUpNow = false;
      else if (e !== 'pull') backedUpNow = e === 'write-full';
    }
    expect(pulledWhileBackedUp).toBe(0);
    // So the response never buffers more than about the piece being written (64 Ki characters).
    expect(maxChunk).toBeLessThan(64 * 1024 + 4096);
    expect(maxBuffered).toBeLessThanOrEqual(maxChunk + 64 * 1024);
  });
});

const RunImmediateForExport = parse(
  `mutation ExportImmediate($input: RunQueryInput!) { runImmediateQuery(input: $input) { id status } }`,
) as TypedDocumentNode<
  { runImmediateQuery: { id: string; status: string } },
  { input: { siteId: string; sql: string } }
>;
const ndjson = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Row);

// The export reads pages through `/stream` and writes their rows as it decodes them: what that
// means for failures (before and after the first byte), HEAD, immediate results and the
// `{data: base64}` form Halo might send on `/stream`.
describe('export read through /stream', () => {
  // Small pages, so the 2,000 patients span about 40 of them.
  const ctx = useApp({ simulator: { pageBytes: 4096 } });
  const SQL = 'SELECT InternalID, Firstname, Surname, DOB FROM BPS_Patients ORDER BY InternalID';
  let url: string;
  let id: string;
  let expected: Row[];
  let pages: number;
  beforeAll(async () => {
    ({ url } = await ctx.app.start(0));
    expected = await directSql(ctx, OnlineSite.id, SQL);
    id = await submit(ctx, SQL);
    await ctx.advance(3_600_000);
    pages = await pageCount(ctx, id);
  });
  beforeEach(async () => {
    await ctx.clearRequests();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** Makes the export's datasource call `before(pageNumber)` ahead of each `/stream` request, or answer with its own body. */
  function onStream(before: (pageNumber: number) => Promise<Readable | undefined>): void {
    const forRequest = ctx.app.halo.forRequest.bind(ctx.app.halo);
    vi.spyOn(ctx.app.halo, 'forRequest').mockImplementation((signal, options) => {
      const ds = forRequest(signal, options);
      // The datasource's methods are on its prototype: override one, keep the rest.
      return Object.assign(Object.create(ds) as typeof ds, {
        async streamResultPage(...args: Parameters<typeof ds.streamResultPage>) {
          return (await before(args[2])) ?? ds.streamResultPage(...args);
        },
      });
    });
  }

  it('should read every page through /stream once, and no page through getResultPage', async () => {
    const res = await fetch(`${url}/export/${OnlineSite.id}/${id}.ndjson`);
    expect(res.status).toBe(200);
    expect(ndjson(await res.text())).toEqual(expected);
    expect(pages).toBeGreaterThan(20);
    expect(await callCounts(ctx)).toEqual({ getQuery: 1, streamResultPage: pages });
  });

  it('should answer 502 UPSTREAM_ERROR as JSON when the first page is not JSON', async () => {
    await injectFault(ctx, { operationId: 'streamResultPage', body: 'malformed', count: 1 });
    const res = await fetch(`${url}/export/${OnlineSite.id}/${id}.csv`);
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await res.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors.map((e) => e.extensions.code)).toEqual(['UPSTREAM_ERROR']);
    expect(await callCounts(ctx)).toEqual({ getQuery: 1, streamResultPage: 1 });
  });

  it('should answer 502 UPSTREAM_ERROR, without quoting the data, when the first row of the first page is cut off', async () => {
    onStream(async (pageNumber) =>
      pageNumber === 1 ? Readable.from([Buffer.from('[{"InternalID":1,"Surname":"CANARY"')]) : undefined,
    );
    const res = await fetch(`${url}/export/${OnlineSite.id}/${id}.ndjson`);
    expect(res.status).toBe(502);
    const text = await res.text();
    expect(
      (JSON.parse(text) as { errors: Array<{ extensions: { code: string } }> }).errors.map((e) => e.extensions.code),
    ).toEqual(['UPSTREAM_ERROR']);
    expect(text).not.toContain('CANARY');
  });

  it('should abort the response when a later page cannot be decoded, after the rows before it', async () => {
    onStream(async (pageNumber) =>
      pageNumber === 3
        ? Readable.from([Buffer.from('[{"InternalID":1,"Surname":"CANARY"'), Buffer.from(',"DOB":nul')])
        : undefined,
    );
    const res = await fetch(`${url}/export/${OnlineSite.id}/${id}.ndjson`);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const received: Uint8Array[] = [];
    const read = async (): Promise<void> => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        received.push(value);
      }
    };
    await expect(read()).rejects.toThrow();
    // Rows of pages 1 and 2 went out before the failure (whole lines, in order); none of page 3,
    // and no page after it was requested.
    const text = Buffer.concat(received).toString('utf8');
    const rows = ndjson(text.slice(0, text.lastIndexOf('\n') + 1));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toEqual(expected.slice(0, rows.length));
    expect(text).not.toContain('CANARY');
    expect((await ctx.upstreamCalls('streamResultPage')).length).toBe(2);
  });

  it('should abort the response when a later page has expired upstream', async () => {
    onStream(async (pageNumber) => {
      if (pageNumber === 2) await injectFault(ctx, { operationId: 'streamResultPage', status: 410, count: 1 });
      return undefined;
    });
    const res = await fetch(`${url}/export/${OnlineSite.id}/${id}.csv`);
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    expect((await ctx.upstreamCalls('streamResultPage')).length).toBe(2);
  });

  it('should export a page that /stream sends as the {data: base64} envelope', async () => {
    onStream(async (pageNumber) => {
      if (pageNumber % 2 === 0) return undefined;
      const page = await ctx.call('GET', `/integrator/sites/${OnlineSite.id}/queries/${id}/results/${pageNumber}`);
      expect(typeof page.body.data).toBe('string');
      // In pieces, as a network would deliver it.
      const text = JSON.stringify({ data: page.body.data, parameters: null });
      return Readable.from([text.slice(0, 100), text.slice(100, 1000), text.slice(1000)].map((s) => Buffer.from(s)));
    });
    const res = await fetch(`${url}/export/${OnlineSite.id}/${id}.ndjson`);
    expect(res.status).toBe(200);
    expect(ndjson(await res.text())).toEqual(expected);
  });

  it('should answer HEAD with the headers after reading only the first page', async () => {
    const res = await fetch(`${url}/export/${OnlineSite.id}/${id}.csv`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${id}.csv"`);
    expect(await res.text()).toBe('');
    expect(await callCounts(ctx)).toEqual({ getQuery: 1, streamResultPage: 1 });
  });

  it("should export an immediate query's own rows, as NDJSON and CSV, without reading pages", async () => {
    const sql = 'SELECT InternalID, Surname FROM BPS_Patients WHERE InternalID <= 40 ORDER BY InternalID';
    const ran = await execute(ctx.app, RunImmediateForExport, { input: { siteId: OnlineSite.id, sql } });
    expect(ran.data?.runImmediateQuery.status).toBe('SUCCESSFUL');
    const immediate = ran.data!.runImmediateQuery.id;
    const rows = await directSql(ctx, OnlineSite.id, sql);
    await ctx.clearRequests();
    const json = await fetch(`${url}/export/${OnlineSite.id}/${immediate}.ndjson`);
    expect(json.status).toBe(200);
    expect(ndjson(await json.text())).toEqual(rows);
    const csv = await fetch(`${url}/export/${OnlineSite.id}/${immediate}.csv`);
    expect(await csv.text()).toBe(
      ['InternalID,Surname', ...rows.map((r) => `${String(r['InternalID'])},${String(r['Surname'])}`), ''].join('\r\n'),
    );
    expect(await callCounts(ctx)).toEqual({ getQuery: 2 });
  });
});
