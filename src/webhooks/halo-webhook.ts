/**
 * `POST /webhooks/halo`: Halo says an async query completed or a registered query's result changed
 * (docs/halo/DOMAIN.md §8). The request is verified, deduplicated and acknowledged at once; the
 * work it triggers (a poll of that query by whichever replica polls its site) happens after.
 *
 * | answer | when |
 * |---|---|
 * | 202 | accepted |
 * | 400 | body not the documented JSON, or `X-Halo-Id` differs from the body's `id` |
 * | 401 | signature missing or wrong, timestamp missing, unparsable or more than 5 minutes away |
 * | 405 | not a POST |
 * | 409 | replay: this `X-Halo-Id` was already accepted (Halo does not retry a 4xx) |
 * | 413 | body over 64 KiB (a real one is about 200 bytes) |
 *
 * Nothing from the request is logged or echoed.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ReplayGuard } from '../subscriptions/coordination.js';
import { isGuid } from '../lib/guid.js';
import { BodyTooLarge, readBounded } from '../lib/read-body.js';

/** Where Halo is configured to POST (one URL per integrator and environment). */
export const HALO_WEBHOOK_PATH = '/webhooks/halo';

/** The documented payload: no result data, ever. */
export interface HaloWebhookEvent {
  id: string;
  occurredAt: string;
  siteId: string;
  queryId: string;
  webhookSource: 'async' | 'registered';
}

export interface HaloWebhookOptions {
  /** The per-integrator secret Halo signs with. */
  secret: string;
  replay: ReplayGuard;
  /** Called for each verified, first-seen event after the response is sent; its failure is reported, not answered. */
  onEvent(event: HaloWebhookEvent): Promise<void> | void;
  onError?: (error: unknown, where: string) => void;
  /** Wall clock (epoch ms) for the timestamp window. @default Date.now */
  now?: () => number;
  /** @default 5 minutes */
  toleranceMs?: number;
  /** @default 64 KiB */
  maxBodyBytes?: number;
}

const HEX64 = /^[0-9a-f]{64}$/i;

/** True when the request is for the webhook endpoint. */
export const isHaloWebhookRequest = (url: string): boolean =>
  url === HALO_WEBHOOK_PATH || url.startsWith(`${HALO_WEBHOOK_PATH}?`);

/** Builds the node:http handler; it reads the raw body itself (the signature covers its exact bytes). */
export function createHaloWebhookHandler(
  options: HaloWebhookOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const secret = Buffer.from(options.secret, 'utf8');
  const now = options.now ?? Date.now;
  const tolerance = options.toleranceMs ?? 5 * 60_000;
  const maxBytes = options.maxBodyBytes ?? 64 * 1024;

  return async (req, res) => {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return reply(res, 405, 'Use POST.');
    }
    let raw: Buffer;
    try {
      raw = await readBounded(req, maxBytes, req.headers['content-length']);
    } catch (error) {
      if (error instanceof BodyTooLarge) return reply(res, 413, 'Body too large.', true);
      res.destroy();
      return;
    }

    const timestamp = header(req, 'x-halo-timestamp');
    const signature = header(req, 'x-halo-signature-256')?.replace(/^sha256=/i, '');
    if (timestamp === undefined || signature === undefined || !HEX64.test(signature))
      return reply(res, 401, 'Missing or malformed signature.');
    const expected = createHmac('sha256', secret).update(raw).update('.').update(timestamp, 'utf8').digest();
    if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return reply(res, 401, 'Bad signature.');
    const sentAt = Date.parse(timestamp);
    if (!Number.isFinite(sentAt) || Math.abs(now() - sentAt) > tolerance)
      return reply(res, 401, 'Timestamp outside the accepted window.');

    const event = parseEvent(raw);
    const id = header(req, 'x-halo-id') ?? event?.id;
    if (!event || id !== event.id) return reply(res, 400, 'Not a Halo webhook payload.');

    if (!(await options.replay.firstSeen(`${id}`, 2 * tolerance))) return reply(res, 409, 'Already received.');
    reply(res, 202);
    try {
      await options.onEvent(event);
    } catch (error) {
      options.onError?.(error, 'webhook');
    }
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function parseEvent(raw: Buffer): HaloWebhookEvent | undefined {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, unknown>;
  const { id, occurredAt, siteId, queryId, webhookSource } = b;
  if (typeof id !== 'string' || id === '' || id.length > 200) return undefined;
  if (typeof siteId !== 'string' || !isGuid(siteId) || typeof queryId !== 'string' || !isGuid(queryId))
    return undefined;
  if (webhookSource !== 'async' && webhookSource !== 'registered') return undefined;
  return {
    id,
    occurredAt: typeof occurredAt === 'string' ? occurredAt : '',
    siteId: siteId.toLowerCase(),
    queryId: queryId.toLowerCase(),
    webhookSource,
  };
}

function reply(res: ServerResponse, status: number, message?: string, close = false): void {
  const body = message === undefined ? '' : JSON.stringify({ error: message });
  res.writeHead(status, {
    ...(body ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    'content-length': String(Buffer.byteLength(body)),
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(body);
}
