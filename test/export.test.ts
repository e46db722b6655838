import { ServerResponse } from 'node:http';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { OnlineSite } from '../src/simulator/fixtures.js';
import { graphql } from './gql/index.js';
import { useApp, type AppContext } from './helpers/app.js';
import { execute } from './helpers/execute.js';
import { directSql, directWrite, UNKNOWN_ID, type Row } from './helpers/halo.js';

const SubmitForExport = graphql(`
  mutation SubmitForExport($input: RunQueryInput!) { submitAsyncQuery(input: $input) { id } }
`);

const ExportPages = graphql(`
  query ExportPages($siteId: ID!, $id: ID!) { sqlQuery(siteId: $siteId, id: $id) { status rowCount pages { pageNumber } } }
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

  const SQL = 'SELECT InternalID, Firstname, Middlename, Surname, DOB, MobilePhone FROM BPS_Patients ORDER BY InternalID';

  async function exportable(): Promise<{ id: string; expected: Row[] }> {
    // Values CSV must quote: a comma and quotes, a line break; apostrophes are already in the data.
    await directWrite(ctx, OnlineSite.id, `UPDATE PATIENTS SET SURNAME = 'Smith, Jr "Junior"' WHERE INTERNALID = 5`);
    await directWrite(ctx, OnlineSite.id, `UPDATE PATIENTS SET FIRSTNAME = 'Mary' || char(13) || char(10) || 'Jane' WHERE INTERNALID = 6`);
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
    const rows = text.trimEnd().split('\n').map((line) => JSON.parse(line) as Row);
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
    expect(await site.json()).toEqual({ errors: [{ message: 'Site not found.', extensions: { code: 'SITE_NOT_FOUND' } }] });
  });

  it('should answer 400 BAD_USER_INPUT for ids that are not GUIDs, without calling Halo', async () => {
    for (const path of [`/export/x/${UNKNOWN_ID}.csv`, `/export/${OnlineSite.id}/not-a-guid.ndjson`, `/export/${OnlineSite.id}/..%2F${UNKNOWN_ID}.csv`]) {
      const res = await fetch(url + path);
      expect(res.status, path).toBe(400);
      expect(await res.json()).toEqual({ errors: [{ message: 'siteId and queryId must be Halo GUIDs.', extensions: { code: 'BAD_USER_INPUT' } }] });
    }
    expect(await ctx.upstreamCalls()).toEqual([]);
  });

  it('should answer a clean 409 for a query that has not succeeded yet', async () => {
    const id = await submit(ctx, SQL);
    const res = await fetch(`${url}/export/${OnlineSite.id}/${id}.csv`);
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      errors: [{ message: 'The query has not succeeded (yet): there is no result to export.', extensions: { code: 'BAD_USER_INPUT' } }],
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
    if (!exportSignal!.aborted) await new Promise((resolve) => exportSignal!.addEventListener('abort', resolve, { once: true }));
    const fetched = (await ctx.upstreamCalls('getResultPage')).length;
    expect(fetched).toBeGreaterThanOrEqual(1);
    expect(fetched).toBeLessThan(pages / 2);
  });

  it('should hold one page at a time and wait for the socket to drain while a slow client reads ~40 MB', async () => {
    const signals = watchDatasources();
    // The export's life, in order: pulling the next page, writing one (`full` when write() returned
    // false: the socket is backed up), and the response draining.
    const events: Array<'pull' | 'write' | 'write-full' | 'drain'> = [];
    let maxChunk = 0;
    let maxBuffered = 0;
    let backedUp: () => void = () => undefined;
    const firstBackup = new Promise<void>((resolve) => (backedUp = resolve));
    const exporting = new WeakSet<ServerResponse>();
    const write = ServerResponse.prototype.write;
    vi.spyOn(ServerResponse.prototype, 'write').mockImplementation(function (this: ServerResponse, ...args: Parameters<ServerResponse['write']>) {
      const isExport = this.req.url?.startsWith('/export/') === true;
      if (isExport && !exporting.has(this)) {
        exporting.add(this);
        this.on('drain', () => events.push('drain'));
      }
      const ok = write.apply(this, args);
      if (isExport) {
        events.push(ok ? 'write' : 'write-full');
        maxChunk = Math.max(maxChunk, Buffer.byteLength(String(args[0])));
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
        async *readAllPages(...args: Parameters<typeof ds.readAllPages>) {
          const pages = ds.readAllPages(...args);
          for (;;) {
            events.push('pull');
            const next = await pages.next();
            if (next.done) return;
            yield next.value;
          }
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
    expect(tail).toBe('');
    expect(bytes).toBeGreaterThan(35 * 1024 * 1024);
    const writes = events.filter((e) => e === 'write' || e === 'write-full');
    expect(writes).toHaveLength(pages);
    expect(events.filter((e) => e === 'write-full').length).toBeGreaterThanOrEqual(1);
    // One page at a time: page k+1 is pulled only after page k was written…
    const writtenAtPull: number[] = [];
    let written = 0;
    // …and never while the socket is backed up (after a full write, before 'drain').
    let backedUpNow = false;
    const pulledWhileBackedUp: number[] = [];
    for (const e of events) {
      if (e === 'pull') {
        writtenAtPull.push(written);
        if (backedUpNow) pulledWhileBackedUp.push(written);
      } else if (e === 'drain') backedUpNow = false;
      else {
        written++;
        backedUpNow = e === 'write-full';
      }
    }
    expect(writtenAtPull).toEqual(Array.from({ length: pages + 1 }, (_, k) => k));
    expect(pulledWhileBackedUp).toEqual([]);
    // So the response never buffers more than about the page being written.
    expect(maxBuffered).toBeLessThanOrEqual(maxChunk + 64 * 1024);
    expect(maxChunk).toBeLessThan(2 * 256 * 1024);
  });
});
