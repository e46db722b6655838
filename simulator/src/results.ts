import { createHash } from 'node:crypto';
import { INFERRED } from './inferred.js';
import type { CommandParameter, Row } from './sql/types.js';

/** One stored result page: the exact JSON bytes Halo Link would upload, plus its row range. */
export interface StoredPage {
  pageNumber: number;
  status: 'queued' | 'uploading' | 'cached';
  json: string;
  size: number;
  count: number;
  rangeStart: number;
  rangeEnd: number;
}

/** Halo's row JSON: an array of row objects keyed by column name (DOMAIN §3.1). */
export function rowsToJson(rows: readonly Row[]): string {
  return JSON.stringify(rows);
}

export function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

export function toBase64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64');
}

/** lastHash: base64 SHA-256 of the result JSON (inferred, see INFERRED.registeredHashAlgorithm). */
export function resultHash(json: string): string {
  return createHash('sha256').update(json, 'utf8').digest('base64');
}

/**
 * Splits rows into pages of at most `pageBytes` of JSON each (at least one row per page, so a
 * single huge row makes its own page). Every page is a standalone JSON array.
 */
export function paginate(rows: readonly Row[], pageBytes: number): StoredPage[] {
  const pages: StoredPage[] = [];
  let current: string[] = [];
  let currentBytes = 2; // "[]"
  let start = 0;
  const flush = () => {
    const json = `[${current.join(',')}]`;
    pages.push({
      pageNumber: pages.length + 1,
      status: 'queued',
      json,
      size: byteLength(json),
      count: current.length,
      rangeStart: start + INFERRED.rowRangeBase,
      rangeEnd: start + current.length - 1 + INFERRED.rowRangeBase,
    });
    start += current.length;
    current = [];
    currentBytes = 2;
  };
  for (const row of rows) {
    const rowJson = JSON.stringify(row);
    const rowBytes = byteLength(rowJson) + (current.length > 0 ? 1 : 0);
    if (current.length > 0 && currentBytes + rowBytes > pageBytes) flush();
    current.push(rowJson);
    currentBytes += byteLength(rowJson) + (current.length > 1 ? 1 : 0);
  }
  if (current.length > 0 || pages.length === 0) flush();
  return pages;
}

/** Output parameters as Halo returns them: value base64 of the string form (inferred). */
export function encodeOutputParameters(params: readonly CommandParameter[]): CommandParameter[] {
  return params.map((p) => ({
    ...p,
    value: p.value === null || p.value === undefined ? null : toBase64(String(p.value)),
  }));
}
