/**
 * Opaque, signed connection cursors.
 *
 * A cursor is `base64url(JSON payload) "." base64url(HMAC-SHA256(key, kind "." payload))`. The
 * signature makes it tamper-proof: the server only ever continues from positions and continuation
 * tokens it issued itself, and never from a URL a client handed it. The `kind` (e.g. `Patient`) is
 * part of the signed text, so a cursor of one connection is refused by another.
 *
 * Payloads must not carry patient data: cursors travel in client URLs, logs and caches. A search is
 * bound to its cursors by {@link CursorCodec.digest}, a keyed hash: it reveals nothing, and without
 * the secret it cannot be confirmed by guessing (a dictionary of dates of birth is small).
 *
 * The secret must be the same on every replica behind one endpoint, or a cursor issued by one is
 * refused by another (AppConfig.cursorSecret / CURSOR_SECRET; random per process when unset).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isRecord } from './records.js';

/** Longest cursor accepted before any decoding (a Halo continuation token fits easily). */
export const MAX_CURSOR_LENGTH = 8192;

export interface CursorCodec {
  /** Signs `payload` (a JSON object) as a cursor of connection `kind`. */
  seal(kind: string, payload: Readonly<Record<string, unknown>>): string;
  /**
   * The payload of a cursor this codec sealed for `kind`; `undefined` when it is malformed, too
   * long, tampered with, signed with another secret or made for another kind. Never throws.
   */
  open(kind: string, cursor: string): Record<string, unknown> | undefined;
  /** A keyed, non-reversible digest of `parts` (order matters), to bind cursors to one request. */
  digest(kind: string, parts: readonly string[]): string;
}

const B64URL = /^[A-Za-z0-9_-]+$/;

/**
 * A codec keyed by `secret`. Separate keys are derived for signing and for digests so one can
 * never stand in for the other.
 * @throws TypeError when the secret is shorter than 16 bytes.
 */
export function createCursorCodec(secret: string | Uint8Array): CursorCodec {
  const raw = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
  if (raw.length < 16) throw new TypeError('The cursor secret must be at least 16 bytes.');
  const derive = (label: string) => createHmac('sha256', raw).update(`halo-graphql:${label}:v1`).digest();
  const signKey = derive('cursor-signature');
  const digestKey = derive('cursor-digest');
  const sign = (kind: string, body: string) => createHmac('sha256', signKey).update(`${kind}.${body}`).digest();

  return {
    seal(kind, payload) {
      const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
      return `${body}.${sign(kind, body).toString('base64url')}`;
    },
    open(kind, cursor) {
      if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH) return undefined;
      const dot = cursor.indexOf('.');
      if (dot <= 0 || dot !== cursor.lastIndexOf('.')) return undefined;
      const body = cursor.slice(0, dot);
      const mac = cursor.slice(dot + 1);
      if (!B64URL.test(body) || !B64URL.test(mac)) return undefined;
      const given = Buffer.from(mac, 'base64url');
      const expected = sign(kind, body);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      try {
        const parsed: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
        return isRecord(parsed) ? parsed : undefined;
      } catch {
        return undefined;
      }
    },
    digest(kind, parts) {
      const h = createHmac('sha256', digestKey).update(kind);
      // Length-prefixed, so ["ab","c"] and ["a","bc"] differ.
      for (const p of parts) h.update(`\u0000${Buffer.byteLength(p, 'utf8')}:`).update(p, 'utf8');
      return h.digest().subarray(0, 18).toString('base64url');
    },
  };
}
