import { afterAll, beforeAll } from 'vitest';
import { startSimulator, type Simulator, type SimulatorOptions } from '../src/server.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read simulator JSON of every shape
export interface SimResponse<T = any> {
  status: number;
  headers: Headers;
  /** Parsed JSON when the body is JSON, else undefined. */
  body: T;
  text: string;
}

export interface SimCall {
  (
    method: string,
    path: string,
    options?: { body?: unknown; rawBody?: string; key?: string | null; headers?: Record<string, string> },
  ): Promise<SimResponse>;
}

/** A small HTTP client for the simulator (tests only): sends the key unless `key: null`. */
export function simClient(sim: Pick<Simulator, 'url' | 'key'>): SimCall {
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.key !== null) headers['ocp-apim-subscription-key'] = options.key ?? sim.key;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(sim.url + path, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  };
}

/**
 * Starts one simulator for the file (port 0) and stops it after; `reset()` between tests as needed.
 * Simulated time is frozen (`timeScale: 0`) unless asked otherwise: only `/_sim/clock/advance` moves it,
 * so no test depends on how fast the machine is.
 */
export function useSimulator(options: SimulatorOptions = {}) {
  const ctx = {} as { sim: Simulator; call: SimCall };
  beforeAll(async () => {
    ctx.sim = await startSimulator({ port: 0, timeScale: 0, ...options });
    ctx.call = simClient(ctx.sim);
  });
  afterAll(async () => {
    await ctx.sim?.stop();
  });
  return ctx;
}

export const decodeData = (data: string): unknown => JSON.parse(Buffer.from(data, 'base64').toString('utf8'));
