/**
 * `GET /readiness`: whether this replica can serve, and why not. It asks Halo a cheap read (the
 * probe); probes are coalesced (every request waiting at once shares one) and an answer is reused
 * for `maxAgeMs` only, so a load balancer hears that Halo is gone within about
 * `maxAgeMs + probeDeadlineMs`, however often it asks.
 */
import type { ServerResponse } from 'node:http';
import { isHaloApiError } from '../datasources/halo-error.js';

/** Why the replica is not ready. */
export type NotReadyReason =
  /** No answer from Halo: connection refused or reset, DNS, timeout. */
  | 'halo_unreachable'
  /** Halo refused the subscription key (401 or 403): check HALO_SUBSCRIPTION_KEY and its environment. */
  | 'halo_rejected_key'
  /** Halo is rate limiting this key (429). */
  | 'halo_rate_limited'
  /** Halo answered with another failure (5xx, malformed body). */
  | 'halo_error'
  /** This replica is shutting down. */
  | 'stopping';

export type Readiness = { ready: true } | { ready: false; reason: NotReadyReason };

export interface ReadinessOptions {
  /** The cheap read; resolves when Halo answered it, rejects with its HaloApiError otherwise. */
  probe: (deadlineMs: number) => Promise<unknown>;
  /** How long an answer is reused. @default 1000 */
  maxAgeMs?: number;
  /** Deadline of one probe. @default 2000 */
  probeDeadlineMs?: number;
  /** Monotonic clock (ms). @default performance.now */
  now?: () => number;
}

export interface ReadinessCheck {
  /** The current answer: a recent one, the probe in flight, or a new probe. */
  check(): Promise<Readiness>;
  /** From now on the answer is `stopping` (graceful shutdown). */
  stopping(): void;
  /** Answers `GET`/`HEAD /readiness`: 200 or 503 with `{ready, reason?}` as JSON. */
  handle(method: string | undefined, res: ServerResponse): void;
}

/** Why `error` (a failed probe) means Halo cannot be used. */
export function reasonFor(error: unknown): NotReadyReason {
  if (!isHaloApiError(error) || error.status === undefined) return 'halo_unreachable';
  if (error.status === 401 || error.status === 403) return 'halo_rejected_key';
  if (error.status === 429) return 'halo_rate_limited';
  return 'halo_error';
}

export function createReadiness(options: ReadinessOptions): ReadinessCheck {
  const maxAgeMs = options.maxAgeMs ?? 1_000;
  const probeDeadlineMs = options.probeDeadlineMs ?? 2_000;
  const now = options.now ?? (() => performance.now());
  let last: { at: number; answer: Readiness } | undefined;
  let inFlight: Promise<Readiness> | undefined;
  let stopping = false;

  const probe = (): Promise<Readiness> => {
    const started = now();
    return options
      .probe(probeDeadlineMs)
      .then(
        (): Readiness => ({ ready: true }),
        (error: unknown): Readiness => ({ ready: false, reason: reasonFor(error) }),
      )
      .then((answer) => {
        last = { at: started, answer };
        return answer;
      });
  };

  const check = async (): Promise<Readiness> => {
    if (stopping) return { ready: false, reason: 'stopping' };
    if (last && now() - last.at < maxAgeMs) return last.answer;
    inFlight ??= probe().finally(() => {
      inFlight = undefined;
    });
    const answer = await inFlight;
    return stopping ? { ready: false, reason: 'stopping' } : answer;
  };

  return {
    check,
    stopping: () => {
      stopping = true;
    },
    handle(method, res) {
      if (method !== 'GET' && method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: 'Use GET.' }));
        return;
      }
      check().then(
        (answer) => {
          const body = JSON.stringify(answer);
          res.writeHead(answer.ready ? 200 : 503, {
            'content-type': 'application/json; charset=utf-8',
            'content-length': Buffer.byteLength(body),
            'cache-control': 'no-store',
          });
          res.end(method === 'HEAD' ? undefined : body);
        },
        () => res.destroy(),
      );
    },
  };
}
