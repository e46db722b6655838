/**
 * One attempt of a prepared call on the undici Pool: a per-attempt timeout, the response body
 * always consumed or destroyed, and every failure turned into a `HaloApiError`. The only place
 * that calls undici.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher, Pool } from 'undici';
import { BodyTooLarge, readBounded } from '../../lib/read-body.js';
import {
  HaloApiError,
  errorFromNetwork,
  errorFromResponse,
  localFailure,
  type HaloErrorContext,
  type HaloNetworkCode,
} from '../halo-error.js';
import type { HaloResponse, PreparedCall } from './call.js';

/** A 2xx response whose body the caller will read itself (`release` once done). */
export interface StreamAttempt {
  status: number;
  headers: IncomingHttpHeaders;
  body: Dispatcher.ResponseData['body'];
  release: () => void;
}

/** Why we aborted a signal; undici rejects with this object, so it tells us what happened. */
export class AbortReason extends Error {
  override readonly name = 'AbortError';
  constructor(
    readonly networkCode: HaloNetworkCode,
    readonly original?: unknown,
  ) {
    super(`aborted: ${networkCode}`);
  }
}

/** The HaloApiError for an aborted signal: our own reason's code, or ABORTED (the caller left). */
export function abortFailure(ctx: HaloErrorContext, reason: unknown): HaloApiError {
  return reason instanceof AbortReason
    ? localFailure(ctx, reason.networkCode, reason.original)
    : localFailure(ctx, 'ABORTED', reason);
}

const ERROR_BODY_LIMIT = 64 * 1024;

export interface AttemptContext {
  pool: Pool;
  /** Largest 2xx body read into memory. */
  maxResponseBytes: number;
  /** Wall clock, for HTTP-date `Retry-After`. */
  now: () => number;
}

export function attempt(
  a: AttemptContext,
  p: PreparedCall,
  callSignal: AbortSignal,
  mode: 'buffer',
  onSend?: () => void,
): Promise<HaloResponse>;
export function attempt(
  a: AttemptContext,
  p: PreparedCall,
  callSignal: AbortSignal,
  mode: 'buffer' | 'stream',
  onSend?: () => void,
): Promise<HaloResponse | StreamAttempt>;
/** One attempt; `onSend` is called when the request is handed to the pool (from then on it may reach Halo). */
export async function attempt(
  a: AttemptContext,
  p: PreparedCall,
  callSignal: AbortSignal,
  mode: 'buffer' | 'stream',
  onSend?: () => void,
): Promise<HaloResponse | StreamAttempt> {
  if (callSignal.aborted) throw abortFailure(p.ctx, callSignal.reason);
  const controller = new AbortController();
  const onAbort = () => controller.abort(callSignal.reason);
  callSignal.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new AbortReason('ATTEMPT_TIMEOUT')), p.attemptMs);
  let response: Dispatcher.ResponseData | undefined;
  let handedOver = false;
  try {
    onSend?.();
    response = await a.pool.request({
      method: p.call.method,
      path: p.path,
      headers: p.headers,
      body: p.bodyText,
      signal: controller.signal,
    });
    const { statusCode: status, headers } = response;
    if (status < 200 || status > 299) {
      const text = await readAtMost(response.body, ERROR_BODY_LIMIT);
      throw errorFromResponse({ ...p.ctx, status, body: text, retryAfter: headers['retry-after'], nowMs: a.now() });
    }
    if (mode === 'stream') {
      clearTimeout(timer);
      handedOver = true;
      return { status, headers, body: response.body, release: () => callSignal.removeEventListener('abort', onAbort) };
    }
    let body: Buffer;
    try {
      body = await readBounded(response.body, a.maxResponseBytes, headers['content-length']);
    } catch (error) {
      if (error instanceof BodyTooLarge) throw localFailure(p.ctx, 'RESPONSE_TOO_LARGE');
      throw error;
    }
    return { status, headers, body };
  } catch (error) {
    if (response) discard(response.body);
    if (error instanceof HaloApiError) throw error;
    if (error instanceof AbortReason) throw localFailure(p.ctx, error.networkCode, error.original);
    if (controller.signal.aborted && controller.signal.reason instanceof AbortReason) {
      const reason = controller.signal.reason;
      throw localFailure(p.ctx, reason.networkCode, reason.original);
    }
    throw errorFromNetwork(p.ctx, error);
  } finally {
    clearTimeout(timer);
    if (!handedOver) callSignal.removeEventListener('abort', onAbort);
  }
}

/**
 * Destroys a body we will not read further. Destroying an unfinished undici body emits an
 * 'error' (RequestAbortedError); we already know, so it is absorbed instead of going unhandled.
 */
export function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** Reads at most `limit` bytes of an (error) body as UTF-8 and discards the rest. */
async function readAtMost(body: Dispatcher.ResponseData['body'], limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    chunks.push(buf);
    size += buf.length;
    if (size >= limit) {
      discard(body);
      break;
    }
  }
  return Buffer.concat(chunks, size).subarray(0, limit).toString('utf8');
}
