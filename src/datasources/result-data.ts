/**
 * Decoding of Halo result data (docs/halo/DOMAIN.md §3): `data` is base64 of a UTF-8 JSON array
 * of row objects keyed by column name. Strict on purpose: a bad character, invalid UTF-8 or a
 * non-array is an upstream fault (`UPSTREAM_ERROR`), never a crash and never silently fewer rows.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { HaloApiError, type HaloErrorContext } from './halo-error.js';
import type { DecodedResult, ResultRow } from './types.js';
import { isRecord } from '../lib/records.js';

const EQUALS = 0x3d;
/** Matches nothing in a one-byte string, so V8 answers without scanning it. */
const ABOVE_LATIN1 = /[\u0100-\uffff]/;

/** Thrown by the pure decoders; the datasource wraps it into a HaloApiError with its context. */
export class ResultDecodeError extends Error {
  override readonly name = 'ResultDecodeError';
}

/**
 * Decodes strict base64 (RFC 4648 §4: the standard alphabet, padded to a multiple of 4, `=` only
 * at the end, no whitespace). An empty string is no bytes.
 * @throws ResultDecodeError when the value is anything else. The message never quotes the data.
 */
export function decodeBase64(base64: string): Buffer {
  const length = base64.length;
  if (length % 4 !== 0) throw new ResultDecodeError('result data is not valid base64');
  // Node's decoder skips characters outside the alphabet and stops at the first `=`, so a stray
  // character or early padding makes the output shorter than the length promises (with at most
  // 2 padding characters, one skipped character always costs a byte). Two kinds get through:
  // `-` and `_` (it reads the URL-safe alphabet too) and characters above U+00FF (it reads their
  // low byte: 'ń' is U+0144, read as 'D'). Tests compare this with the regex it replaced.
  if (base64.includes('-') || base64.includes('_') || ABOVE_LATIN1.test(base64))
    throw new ResultDecodeError('result data is not valid base64');
  const padding = base64.charCodeAt(length - 1) === EQUALS ? (base64.charCodeAt(length - 2) === EQUALS ? 2 : 1) : 0;
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length !== (length / 4) * 3 - padding) throw new ResultDecodeError('result data is not valid base64');
  return bytes;
}

/**
 * UTF-8 bytes as a string, without a leading byte order mark (as a `TextDecoder` reads them).
 * @throws ResultDecodeError when the bytes are not valid UTF-8.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // ASCII (the common case) is also Latin-1, which Node copies without decoding.
  if (isAscii(buffer)) return buffer.toString('latin1');
  if (!isUtf8(buffer)) throw new ResultDecodeError('result data is not valid UTF-8');
  const bom = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  return buffer.toString('utf8', bom);
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
  return decodeResultJson(decodeBase64(base64));
}

/**
 * Decodes a UTF-8 JSON array of row objects (the decoded form of `data`, and what the simulator's
 * `/stream` endpoint sends).
 * @throws ResultDecodeError as {@link decodeResultData}.
 */
export function decodeResultJson(bytes: Uint8Array): DecodedResult {
  const text = decodeUtf8(bytes);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ResultDecodeError('result data is not JSON');
  }
  if (!Array.isArray(parsed)) throw new ResultDecodeError('result data is not a JSON array');
  for (const row of parsed)
    if (!isRecord(row)) throw new ResultDecodeError('result data has a row that is not an object');
  const rows = parsed as ResultRow[];
  const first = rows[0];
  return { columns: first ? Object.keys(first) : [], rows };
}

// Byte values the streamed-rows decoder looks at.
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const BOM: readonly number[] = [0xef, 0xbb, 0xbf];
const isJsonSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
/** The first byte of a JSON value that is not an object: a string, number, array or literal. */
const startsNonObject = (b: number) =>
  b === QUOTE || b === 0x2d || (b >= 0x30 && b <= 0x39) || b === OPEN_ARRAY || b === 0x74 || b === 0x66 || b === 0x6e;

// Where the decoder is in the body.
const START = 0; // before the first byte that is not white space (a byte order mark is skipped)
const FIRST_ROW = 1; // after `[`: a row or `]`
const NEXT_ROW = 2; // after `,`: a row
const IN_ROW = 3; // inside a row object
const AFTER_ROW = 4; // after a row: `,` or `]`
const DONE = 5; // after the closing `]`: white space only
const ENVELOPE = 6; // the body is an object (`{data: base64}`): collected, decoded at the end

/**
 * Decodes a result page that arrives in chunks (`/stream`) row by row, so the page is never held
 * as one string or one array of rows: {@link push} each chunk as it comes and write out the rows
 * it completes; {@link end} when the body is done. The body is the UTF-8 JSON array of row
 * objects, with the same strictness as {@link decodeResultJson} (every row is validated as UTF-8
 * and parsed with `JSON.parse`; a truncated body or stray byte is an error). A body that is an
 * object instead is taken as the `{data: base64}` envelope: it is collected and its rows come from
 * `end()` (Halo does not document which of the two `/stream` sends).
 */
export class StreamedRowsDecoder {
  #state = START;
  /** Bytes seen in earlier chunks (to find a byte order mark, and for error payloads). */
  #offset = 0;
  #bom = 0;
  /** Bracket depth inside the current row; the row ends when it comes back to 0. */
  #depth = 0;
  #inString = false;
  #escaped = false;
  /** The start of the current row, when it began in an earlier chunk. */
  #partial: Buffer[] = [];
  #partialAscii = true;
  #envelope: Buffer[] = [];

  /** Bytes pushed so far. */
  get bytes(): number {
    return this.#offset;
  }

  /**
   * Feeds the next chunk of the body.
   * @returns the rows completed by this chunk, in order (often none or a few).
   * @throws ResultDecodeError as {@link decodeResultJson}. The message never quotes the data.
   */
  push(chunk: Buffer): ResultRow[] {
    const rows: ResultRow[] = [];
    const n = chunk.length;
    if (this.#state === ENVELOPE) {
      this.#envelope.push(chunk);
      this.#offset += n;
      return rows;
    }
    const ascii = isAscii(chunk);
    // The scan state in locals (written back at the end): this loop sees every byte outside strings.
    let state = this.#state;
    let depth = this.#depth;
    let inString = this.#inString;
    let escaped = this.#escaped;
    let i = 0;
    let rowStart = 0;
    // The next backslash at or after i in this chunk (-1: none), found lazily: strings are skipped
    // with indexOf, and most have no escapes at all.
    let backslash = -2;
    while (i < n) {
      if (state === IN_ROW) {
        if (inString) {
          if (escaped) {
            escaped = false;
            i++;
            continue;
          }
          let quote = chunk.indexOf(QUOTE, i);
          if (quote === -1) quote = n;
          if (backslash !== -1 && backslash < i) backslash = chunk.indexOf(BACKSLASH, i);
          if (backslash !== -1 && backslash < quote) {
            escaped = true;
            i = backslash + 1;
          } else {
            if (quote < n) inString = false;
            i = quote + 1;
          }
          continue;
        }
        const b = chunk[i]!;
        if (b === QUOTE) inString = true;
        else if (b === OPEN_OBJECT || b === OPEN_ARRAY) depth++;
        else if ((b === CLOSE_OBJECT || b === CLOSE_ARRAY) && --depth === 0) {
          rows.push(this.#row(chunk, rowStart, i + 1, ascii));
          state = AFTER_ROW;
        }
        i++;
        continue;
      }
      const b = chunk[i]!;
      if (state === START && this.#offset + i === this.#bom && b === BOM[this.#bom]) {
        this.#bom++;
        i++;
        continue;
      }
      if (this.#bom % 3 !== 0) throw new ResultDecodeError('result data is not valid UTF-8');
      i++;
      if (isJsonSpace(b)) continue;
      switch (state) {
        case START:
          if (b === OPEN_ARRAY) state = FIRST_ROW;
          else if (b === OPEN_OBJECT) {
            this.#state = ENVELOPE;
            this.#envelope.push(chunk.subarray(i - 1));
            this.#offset += n;
            return rows;
          } else
            throw new ResultDecodeError(
              startsNonObject(b) ? 'result data is not a JSON array' : 'result data is not JSON',
            );
          break;
        case FIRST_ROW:
        case NEXT_ROW:
          if (b === OPEN_OBJECT) {
            state = IN_ROW;
            depth = 1;
            rowStart = i - 1;
          } else if (b === CLOSE_ARRAY && state === FIRST_ROW) state = DONE;
          else
            throw new ResultDecodeError(
              startsNonObject(b) ? 'result data has a row that is not an object' : 'result data is not JSON',
            );
          break;
        case AFTER_ROW:
          if (b === COMMA) state = NEXT_ROW;
          else if (b === CLOSE_ARRAY) state = DONE;
          else throw new ResultDecodeError('result data is not JSON');
          break;
        default:
          throw new ResultDecodeError('result data is not JSON');
      }
    }
    if (state === IN_ROW) {
      this.#partial.push(rowStart === 0 ? chunk : chunk.subarray(rowStart));
      this.#partialAscii &&= ascii;
    }
    this.#state = state;
    this.#depth = depth;
    this.#inString = inString;
    this.#escaped = escaped;
    this.#offset += n;
    return rows;
  }

  /**
   * Ends the body.
   * @returns the envelope's rows when the body was `{data: base64}`; none for a JSON array.
   * @throws ResultDecodeError when the body is incomplete or (an envelope) not valid.
   */
  end(): ResultRow[] {
    if (this.#state === ENVELOPE) {
      const body = Buffer.concat(this.#envelope);
      this.#envelope = [];
      let envelope: unknown;
      try {
        envelope = JSON.parse(decodeUtf8(body));
      } catch {
        throw new ResultDecodeError('stream body is not JSON');
      }
      const data =
        typeof envelope === 'object' && envelope !== null ? (envelope as Record<string, unknown>)['data'] : undefined;
      if (typeof data !== 'string') throw new ResultDecodeError('stream body is neither rows nor {data}');
      return decodeResultData(data).rows;
    }
    if (this.#state !== DONE) throw new ResultDecodeError('result data is not JSON');
    return [];
  }

  #row(chunk: Buffer, start: number, end: number, ascii: boolean): ResultRow {
    let bytes = chunk;
    if (this.#partial.length > 0) {
      this.#partial.push(chunk.subarray(0, end));
      bytes = Buffer.concat(this.#partial);
      ascii &&= this.#partialAscii;
      this.#partial = [];
      this.#partialAscii = true;
      start = 0;
      end = bytes.length;
    }
    let text: string;
    if (ascii) text = bytes.toString('latin1', start, end);
    else {
      // Rows begin and end with an ASCII byte, so each is valid UTF-8 on its own exactly when
      // the whole body is.
      if (!isUtf8(bytes.subarray(start, end))) throw new ResultDecodeError('result data is not valid UTF-8');
      text = bytes.toString('utf8', start, end);
    }
    try {
      // The matching bracket of a `{`: an object whenever it parses.
      return JSON.parse(text) as ResultRow;
    } catch {
      throw new ResultDecodeError('result data is not JSON');
    }
  }
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
