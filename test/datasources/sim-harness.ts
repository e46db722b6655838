/**
 * Starts the Halo simulator on port 0 and gives the datasource tests its control API
 * (`/_sim/…`), plus clients that are all closed by `stop()`.
 */
import { createHaloClient, type HaloClient, type HaloClientConfig } from '../../src/datasources/halo-client.js';
import {
  startSimulator,
  type RequestLogEntry,
  type Simulator,
  type SimulatorOptions,
} from '../../simulator/src/server.js';
import type { FaultSpec } from '../helpers/halo.js';

export type { FaultSpec } from '../helpers/halo.js';
/** One entry of the simulator's request log (`GET /_sim/requests`). */
export type LoggedRequest = RequestLogEntry;

export interface SimHarness {
  readonly sim: Simulator;
  control<T = unknown>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T>;
  fault(fault: FaultSpec): Promise<void>;
  /** The integrator calls the simulator received, optionally filtered. */
  requests(filter?: { operationId?: string; siteId?: string }): Promise<LoggedRequest[]>;
  count(operationId: string, siteId?: string): Promise<number>;
  /** Runs SQL straight on a site's database (SQLite), bypassing the Halo API. */
  sql<T = Record<string, unknown>>(siteId: string, sql: string): Promise<T[]>;
  advance(ms: number): Promise<void>;
  /** Back to fixtures; clears faults and the request log. */
  reset(): Promise<void>;
  /** A client on this simulator with fast, deterministic test defaults. */
  client(overrides?: Partial<HaloClientConfig>): HaloClient;
  stop(): Promise<void>;
}

export async function startHarness(options: SimulatorOptions = {}): Promise<SimHarness> {
  const sim = await startSimulator({ port: 0, ...options });
  const clients: HaloClient[] = [];

  async function control<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${sim.url}/_sim/${path}`, {
      method,
      headers: {
        'ocp-apim-subscription-key': sim.key,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`simulator control ${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  const harness: SimHarness = {
    sim,
    control,
    async fault(fault) {
      await control('POST', 'faults', fault);
    },
    async requests(filter = {}) {
      const log = await control<LoggedRequest[]>('GET', 'requests');
      return log.filter(
        (r) =>
          (filter.operationId === undefined || r.operationId === filter.operationId) &&
          (filter.siteId === undefined || r.siteId === filter.siteId),
      );
    },
    async count(operationId, siteId) {
      return (await harness.requests({ operationId, ...(siteId === undefined ? {} : { siteId }) })).length;
    },
    async sql<T>(siteId: string, sql: string) {
      const res = await control<{ rows?: T[] }>('POST', 'sql', { siteId, sql });
      return res.rows ?? [];
    },
    async advance(ms) {
      await control('POST', 'clock/advance', { ms });
    },
    async reset() {
      await control('POST', 'reset');
    },
    client(overrides = {}) {
      const client = createHaloClient({
        baseUrl: sim.url,
        subscriptionKey: sim.key,
        keepAliveTimeoutMs: 1_000,
        attemptTimeoutMs: 5_000,
        deadlineMs: 10_000,
        siteCallTimeoutMs: 10_000,
        // Tiny, deterministic backoff: tests wait only where a Retry-After says so.
        random: () => 0.5,
        ...overrides,
        retry: { baseDelayMs: 2, maxDelayMs: 10, ...overrides.retry },
      });
      clients.push(client);
      return client;
    },
    async stop() {
      await Promise.all(clients.map((c) => c.close()));
      await sim.stop();
    },
  };
  return harness;
}
