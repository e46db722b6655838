import type { IncomingMessage, ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { HaloOperations } from '../datasources/halo-client.js';
import { isHaloApiError } from '../datasources/halo-error.js';
import type { ResultRow } from '../datasources/types.js';
import { fromHaloError } from '../errors/api-errors.js';
import { isGuid } from '../lib/guid.js';

/** What the export reads rows through: the request's authorized datasource. */
export type ExportSource = Pick<HaloOperations, 'readResultRows'>;

const EXPORT_PATH = /^\/export\/([^/]+)\/([^/]+)\.(ndjson|csv)$/;
/** Rows are written in pieces of about this many characters, each once the socket has drained. */
const PIECE_CHARS = 64 * 1024;

/** True when the request is for the export endpoint (GET /export/{siteId}/{queryId}.ndjson|.csv). */
export const isExportRequest = (url: string) => url.startsWith('/export/');

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

const STATUS_FOR_CODE: Readonly<Record<string, number>> = {
  BAD_USER_INPUT: 400,
  SITE_NOT_FOUND: 404,
  NOT_FOUND: 404,
  RESULT_EXPIRED: 410,
  RATE_LIMITED: 429,
  SITE_UNAVAILABLE: 503,
  UPSTREAM_TIMEOUT: 504,
};

/** RFC 4180 field: quoted when it holds a comma, quote or line break; objects as JSON. */
function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * Writes rows to the response in pieces of about {@link PIECE_CHARS}, waiting for 'drain' whenever
 * the socket is backed up. The status line and headers go out with the first rows (or the first
 * page when it has none), so an error before then can still be answered as JSON.
 */
class RowWriter {
  #text = '';
  /** CSV only: the first row's columns, the header of the file. */
  #columns: string[] | undefined;
  started = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly format: 'ndjson' | 'csv',
    private readonly queryId: string,
    private readonly signal: AbortSignal,
  ) {}

  /** Sends the status line and headers, the first time only. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.res.writeHead(200, {
      'content-type': this.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'content-disposition': `attachment; filename="${this.queryId}.${this.format}"`,
      'cache-control': 'no-store',
    });
  }

  /** CSV: the header, from the first row of the first page (no columns when that page is empty); once. */
  header(first: ResultRow | undefined): void {
    if (this.format !== 'csv' || this.#columns) return;
    this.#columns = first ? Object.keys(first) : [];
    this.#text += this.#columns.map(csvField).join(',') + '\r\n';
  }

  async rows(rows: readonly ResultRow[]): Promise<void> {
    const columns = this.#columns;
    for (const row of rows) {
      this.#text += columns ? columns.map((c) => csvField(row[c])).join(',') + '\r\n' : JSON.stringify(row) + '\n';
      if (this.#text.length >= PIECE_CHARS) await this.flush();
    }
  }

  /** Writes what is pending, then waits until the socket has drained. */
  async flush(): Promise<void> {
    if (this.#text === '') return;
    const full = !this.res.write(this.#text);
    this.#text = '';
    if (full) await once(this.res, 'drain', { signal: this.signal });
  }
}

/**
 * Streams every row of a successful query as NDJSON (one row object per line) or CSV (header from
 * the first row's columns). Pages are read one at a time through `/stream` and decoded row by row
 * as they are written, so at most one page's raw bytes are held (never the page as one string or
 * one array of rows), the socket's backpressure is honoured, and the next page is requested only
 * once the previous one has been written and drained: memory stays bounded by about a page
 * whatever the result size. Errors before the first byte are JSON `{errors:[{extensions:{code}}]}`
 * with an HTTP status; a failure mid-stream aborts the response, so a client never mistakes a
 * truncated file for a whole one.
 */
export async function handleExport(
  req: IncomingMessage,
  res: ServerResponse,
  open: (signal: AbortSignal) => ExportSource,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return sendError(res, 405, 'BAD_USER_INPUT', 'Use GET.');
  }
  const path = new URL(req.url ?? '/', 'http://export.local').pathname;
  const match = EXPORT_PATH.exec(path);
  if (!match) return sendError(res, 404, 'NOT_FOUND', 'Use /export/{siteId}/{queryId}.ndjson or .csv.');
  const [, siteId = '', queryId = '', format] = match;
  if (!isGuid(siteId) || !isGuid(queryId))
    return sendError(res, 400, 'BAD_USER_INPUT', 'siteId and queryId must be Halo GUIDs.');

  const abort = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) abort.abort();
  };
  res.on('close', onClose);
  const out = new RowWriter(res, format === 'csv' ? 'csv' : 'ndjson', queryId, abort.signal);
  try {
    for await (const { rows, pageEnd } of open(abort.signal).readResultRows(siteId, queryId)) {
      out.start();
      // HEAD: the status and headers are known once the first rows (or first page) decoded.
      if (req.method === 'HEAD') return void res.end();
      out.header(rows[0]);
      await out.rows(rows);
      // A page's rows are out before the next page is asked for.
      if (pageEnd) await out.flush();
    }
    await out.flush();
    if (!out.started) {
      res.writeHead(200, {
        'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      });
    }
    res.end();
  } catch (err) {
    if (out.started || abort.signal.aborted) {
      res.destroy();
      return;
    }
    if (isHaloApiError(err)) {
      // The iterator refuses locally (no HTTP status) when the query has no result to read yet.
      if (err.code === 'BAD_USER_INPUT' && err.status === undefined) {
        return sendError(
          res,
          409,
          'BAD_USER_INPUT',
          'The query has not succeeded (yet): there is no result to export.',
        );
      }
      const gql = fromHaloError(err);
      const code = String(gql.extensions.code);
      return sendError(res, STATUS_FOR_CODE[code] ?? 502, code, gql.message);
    }
    sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
  } finally {
    res.off('close', onClose);
  }
}
