import type { IncomingMessage, ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { HaloClient } from './datasources/halo-client.js';
import { isHaloApiError } from './datasources/halo-error.js';
import { fromHaloError } from './schema/errors.js';

const EXPORT_PATH = /^\/export\/([^/]+)\/([^/]+)\.(ndjson|csv)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when the request is for the export endpoint (GET /export/{siteId}/{queryId}.ndjson|.csv). */
export const isExportRequest = (url: string) => url.startsWith('/export/');

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
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
 * Streams every page of a successful async query as NDJSON (one row object per line) or CSV
 * (header from the first page's columns). One page is held at a time and the socket's
 * backpressure is honoured, so memory stays bounded by a page or two whatever the result size.
 * Errors before the first byte are JSON `{errors:[{extensions:{code}}]}` with an HTTP status;
 * a failure mid-stream aborts the response, so a client never mistakes a truncated file for a whole one.
 */
export async function handleExport(req: IncomingMessage, res: ServerResponse, halo: HaloClient): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return sendError(res, 405, 'BAD_USER_INPUT', 'Use GET.');
  }
  const path = new URL(req.url ?? '/', 'http://export.local').pathname;
  const match = EXPORT_PATH.exec(path);
  if (!match) return sendError(res, 404, 'NOT_FOUND', 'Use /export/{siteId}/{queryId}.ndjson or .csv.');
  const [, siteId = '', queryId = '', format] = match;
  if (!UUID.test(siteId) || !UUID.test(queryId)) return sendError(res, 400, 'BAD_USER_INPUT', 'siteId and queryId must be Halo GUIDs.');

  const abort = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) abort.abort();
  };
  res.on('close', onClose);
  const ds = halo.forRequest(abort.signal);
  let started = false;
  try {
    let columns: string[] | undefined;
    for await (const page of ds.readAllPages(siteId, queryId)) {
      if (!started) {
        started = true;
        res.writeHead(200, {
          'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
          'content-disposition': `attachment; filename="${queryId}.${format}"`,
          'cache-control': 'no-store',
        });
        if (req.method === 'HEAD') return void res.end();
      }
      let chunk = '';
      if (format === 'csv') {
        if (!columns) {
          columns = page.columns;
          chunk += columns.map(csvField).join(',') + '\r\n';
        }
        for (const row of page.rows) chunk += columns.map((c) => csvField(row[c])).join(',') + '\r\n';
      } else {
        for (const row of page.rows) chunk += JSON.stringify(row) + '\n';
      }
      if (chunk && !res.write(chunk)) await once(res, 'drain', { signal: abort.signal });
    }
    if (!started) {
      res.writeHead(200, { 'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8' });
    }
    res.end();
  } catch (err) {
    if (started || abort.signal.aborted) {
      res.destroy();
      return;
    }
    if (isHaloApiError(err)) {
      // readAllPages refuses locally (no HTTP status) when the query has no result to read yet.
      if (err.code === 'BAD_USER_INPUT' && err.status === undefined) {
        return sendError(res, 409, 'BAD_USER_INPUT', 'The query has not succeeded (yet): there is no result to export.');
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
