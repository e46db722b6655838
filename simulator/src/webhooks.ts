import { createHmac, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { SimClock } from './clock.js';
import { INFERRED } from './inferred.js';
import type { WebhookEvent } from './state.js';

/** A .NET-style round-trip timestamp, as in Halo's webhook example: 2026-03-05T14:30:00.0000000+00:00. */
export function dotNetTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000+00:00');
}

/** `X-Halo-Signature-256`: lowercase hex HMAC-SHA256 of `<raw body>.<X-Halo-Timestamp>` (DOMAIN §8). */
export function signWebhook(secret: string, rawBody: string, timestamp: string): string {
  return createHmac('sha256', secret).update(`${rawBody}.${timestamp}`, 'utf8').digest('hex');
}

export interface WebhookDelivery {
  id: string;
  siteId: string;
  queryId: string;
  source: 'async' | 'registered';
  attempts: number;
  delivered: boolean;
  lastStatus?: number;
}

/**
 * Sends signed webhooks on async completion and registered-result changes, retrying with
 * exponential backoff on the simulated clock when the receiver fails.
 */
export class WebhookSender {
  readonly deliveries: WebhookDelivery[] = [];
  /** Emits `attempt` (delivery) after every delivery attempt settles and its retry, if any, is scheduled. */
  readonly events = new EventEmitter();
  private readonly inflight = new Set<AbortController>();

  constructor(
    private readonly clock: SimClock,
    private readonly url: string | undefined,
    private readonly secret: string | undefined,
  ) {}

  get enabled(): boolean {
    return Boolean(this.url && this.secret);
  }

  send(event: WebhookEvent): void {
    if (!this.url || !this.secret) return;
    const delivery: WebhookDelivery = {
      id: randomUUID(),
      siteId: event.siteId,
      queryId: event.queryId,
      source: event.source,
      attempts: 0,
      delivered: false,
    };
    this.deliveries.push(delivery);
    if (this.deliveries.length > 10_000) this.deliveries.shift();
    const body = JSON.stringify({
      id: delivery.id,
      occurredAt: dotNetTimestamp(event.occurredAt),
      siteId: event.siteId,
      queryId: event.queryId,
      webhookSource: event.source,
    });
    const target = this.url
      .replaceAll('{siteId}', encodeURIComponent(event.siteId))
      .replaceAll('{queryId}', encodeURIComponent(event.queryId))
      .replaceAll('{source}', event.source);
    void this.attempt(delivery, target, body);
  }

  private async attempt(delivery: WebhookDelivery, target: string, body: string): Promise<void> {
    delivery.attempts++;
    const timestamp = new Date().toISOString();
    const controller = new AbortController();
    this.inflight.add(controller);
    const timeout = setTimeout(() => controller.abort(), INFERRED.webhookTimeoutMs);
    try {
      const res = await fetch(target, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-halo-id': delivery.id,
          'x-halo-timestamp': timestamp,
          'x-halo-signature-256': signWebhook(this.secret!, body, timestamp),
        },
        body,
        signal: controller.signal,
      });
      await res.arrayBuffer().catch(() => undefined);
      delivery.lastStatus = res.status;
      if (res.ok) delivery.delivered = true;
    } catch {
      delivery.lastStatus = 0;
    } finally {
      clearTimeout(timeout);
      this.inflight.delete(controller);
    }
    const status = delivery.lastStatus ?? 0;
    // No retry after success, nor on 4xx except 408 and 429 (DOMAIN §8).
    const final = delivery.delivered || (status >= 400 && status < 500 && status !== 408 && status !== 429);
    if (!final && !this.stopped && delivery.attempts < INFERRED.webhookAttempts) {
      const delay = INFERRED.webhookFirstRetryMs * 2 ** (delivery.attempts - 1);
      this.clock.setTimer(delay, () => void this.attempt(delivery, target, body));
    }
    this.events.emit('attempt', delivery);
  }

  private stopped = false;

  stop(): void {
    this.stopped = true;
    for (const c of this.inflight) c.abort();
    this.inflight.clear();
  }
}
