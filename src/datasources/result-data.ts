/**
 * Decoding of Halo result data (shared/halo/DOMAIN.md §3): `data` is base64 of a UTF-8 JSON array
 * of row objects keyed by column name. Strict on purpose: a bad character, invalid UTF-8 or a
 * non-array is an upstream fault (`UPSTREAM_ERROR`), never a crash and never silently fewer rows.
 */
import { HaloApiError, type HaloErrorContext } from './halo-error.js';
import type { DecodedResult, ResultRow } from './types.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Thrown by the pure decoders; the datasource wraps it into a HaloApiError with its context. */
export class ResultDecodeError extends Error {
  override readonly name = 'ResultDecodeError';
}

function isRow(value: unknown): value is ResultRow {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Decodes one `data` value into column names and rows. An empty string is an empty result.
 * Columns are the first row's keys in order (JSON objects keep insertion order, except that
 * integer-like keys such as "2024" sort first: a quirk of JavaScript objects).
 * @throws ResultDecodeError when the value is not strict base64, not UTF-8, not JSON, or not an
 *   array of objects. The message never quotes the data.
 */
export function decodeResultData(base64: string): DecodedResult {
  if (base64.length === 0) return { columns: [], rows: [] };
  if (base64.length % 4 !== 0 || !BASE64.test(base64)) throw new ResultDecodeError('result data is not valid base64');
  const bytes = Buffer.from(base64, 'base64');
  return decodeResultJson(bytes);
}

/**
 * Decodes a UTF-8 JSON array of row objects (the decoded form of `data`, and what the simulator's
 * `/stream` endpoint sends).
 * @throws ResultDecodeError as {@link decodeResultData}.
 */
export function decodeResultJson(bytes: Uint8Array): DecodedResult {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new ResultDecodeError('result data is not valid UTF-8');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ResultDecodeError('result data is not JSON');
  }
  if (!Array.isArray(parsed)) throw new ResultDecodeError('result data is not a JSON array');
  for (const row of parsed) if (!isRow(row)) throw new ResultDecodeError('result data has a row that is not an object');
  const rows = parsed as ResultRow[];
  const first = rows[0];
  return { columns: first ? Object.keys(first) : [], rows };
}

/** Runs a decoder and turns a `ResultDecodeError` into the datasource's `UPSTREAM_ERROR`. */
export function decodeOrThrow<T>(ctx: HaloErrorContext, status: number, bytes: number, decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (!(error instanceof ResultDecodeError)) throw error;
    throw new HaloApiError({
      ...ctx,
      kind: 'general',
      code: 'UPSTREAM_ERROR',
      status,
      payload: { shape: 'malformed', bytes, reason: error.message },
      cause: error,
    });
  }
}
