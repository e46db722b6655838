/**
 * Load generators (they run in the runner, on the load core):
 * - closed loop: autocannon, N connections each sending the next request when the last answered
 *   (throughput and CPU per operation);
 * - open loop: requests sent on a fixed schedule whatever the answers, latency measured from the
 *   scheduled send time (so a slow answer cannot hide the queue behind it: no coordinated omission).
 */
import autocannon from 'autocannon';
import { Pool } from 'undici';
import { cpuMicros } from './procfs.js';
import { quantile } from './stats.js';

export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface ClosedLoopResult {
  ops: number;
  seconds: number;
  rps: number;
  non2xx: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU µs of `cpuPid` over the run, when asked. */
  cpuUs?: number;
}

/**
 * autocannon against `origin` with `connections` connections for `seconds`; each connection cycles
 * through `requests`. When `cpuPid` is given, that process's CPU time over the run is measured.
 */
export async function closedLoop(
  origin: string,
  requests: readonly RequestSpec[],
  connections: number,
  seconds: number,
  cpuPid?: number,
): Promise<ClosedLoopResult> {
  const cpu0 = cpuPid !== undefined ? cpuMicros(cpuPid) : 0;
  const result = await autocannon({
    url: origin,
    connections,
    duration: seconds,
    pipelining: 1,
    sampleInt: 250,
    timeout: 30,
    requests: [roundRobin(requests)],
  });
  const cpuUs = cpuPid !== undefined ? cpuMicros(cpuPid) - cpu0 : undefined;
  const ops = result.requests.total;
  return {
    ops,
    seconds: result.duration,
    rps: ops / result.duration,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ...(cpuUs !== undefined ? { cpuUs } : {}),
  };
}

/**
 * One autocannon request template that takes the next spec from one sequence shared by every
 * connection (autocannon's own `requests` list restarts per connection, so N connections would send
 * the same request at the same moment, and the façade would share those identical reads).
 */
function roundRobin(specs: readonly RequestSpec[]): autocannon.Request {
  const toRequest = (s: RequestSpec): autocannon.Request => ({
    method: s.method,
    path: s.path,
    headers: s.headers ?? {},
    ...(s.body !== undefined ? { body: s.body } : {}),
  });
  if (specs.length === 1) return toRequest(specs[0]!);
  let next = 0;
  return {
    ...toRequest(specs[0]!),
    setupRequest: (req) => ({ ...req, ...toRequest(specs[next++ % specs.length]!) }),
  };
}

export interface OpenLoopResult {
  /** Latency of every answered request, µs, from its scheduled send time to the end of its body. */
  latenciesUs: number[];
  sent: number;
  errors: number;
  p50Us: number;
  p99Us: number;
}

/**
 * Sends `spec` at `rate` per second for `seconds`, on a schedule that does not wait for answers
 * (up to `connections` in flight; more wait in undici's queue and the wait counts as latency).
 * With `check`, each 200 answer's body is read and counts as an error unless `check` accepts it
 * (`index`: which of `specs` it answers); without, bodies are discarded unread.
 */
export async function openLoop(
  origin: string,
  specs: readonly RequestSpec[],
  rate: number,
  seconds: number,
  connections = 16,
  check?: (body: string, index: number) => boolean,
): Promise<OpenLoopResult> {
  const pool = new Pool(origin, { connections, pipelining: 1 });
  const latenciesUs: number[] = [];
  let errors = 0;
  const total = Math.max(1, Math.round(rate * seconds));
  const intervalNs = 1e9 / rate;
  const inflight = new Set<Promise<void>>();
  const start = process.hrtime.bigint();
  try {
    for (let i = 0; i < total; i++) {
      const due = start + BigInt(Math.round(i * intervalNs));
      // Sleep until ~1 ms before the due time, then spin the rest (timers are only ms-precise).
      for (;;) {
        const left = Number(due - process.hrtime.bigint()) / 1e6;
        if (left <= 0) break;
        await new Promise<void>((r) => (left > 1.5 ? setTimeout(r, left - 1) : setImmediate(r)));
      }
      const index = i % specs.length;
      const spec = specs[index]!;
      const p = pool
        .request({
          method: spec.method,
          path: spec.path,
          headers: spec.headers ?? {},
          ...(spec.body !== undefined ? { body: spec.body } : {}),
        })
        .then(async (res) => {
          let ok = true;
          if (check && res.statusCode === 200) ok = check(await res.body.text(), index);
          else await res.body.dump();
          if (res.statusCode !== 200 || !ok) errors++;
          else latenciesUs.push(Number(process.hrtime.bigint() - due) / 1e3);
        })
        .catch(() => {
          errors++;
        })
        .finally(() => inflight.delete(p));
      inflight.add(p);
    }
    await Promise.all(inflight);
  } finally {
    await pool.destroy();
  }
  return { latenciesUs, sent: total, errors, p50Us: quantile(latenciesUs, 0.5), p99Us: quantile(latenciesUs, 0.99) };
}
