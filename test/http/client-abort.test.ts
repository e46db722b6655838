/**
 * A client that hangs up mid-request (a load tester stopping) is its own outcome: the operation is
 * logged and counted as `client_aborted`, with no error codes, and the aborted Halo call is not
 * logged as an upstream failure. No false upstream alarms.
 */
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { OnlineSite } from '../../simulator/src/fixtures.js';
import { createLogger } from '../../src/observability/logging.js';
import { useApp } from '../helpers/app.js';
import { injectFault } from '../helpers/halo.js';

const lines: string[] = [];
const written = new EventEmitter();
const stream = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    written.emit('line');
    done();
  },
});
const ctx = useApp({ listen: true, app: { logger: createLogger({ destination: stream }) } });

/** Resolves with the first log line written from now on for which `match` holds. */
function nextLine(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  let seen = lines.length;
  return new Promise((resolve) => {
    const look = () => {
      for (; seen < lines.length; seen++) {
        const line = JSON.parse(lines[seen]!) as Record<string, unknown>;
        if (match(line)) {
          written.off('line', look);
          return resolve(line);
        }
      }
    };
    written.on('line', look);
  });
}

describe('a client that hangs up', () => {
  it('should be logged and counted as client_aborted, not as an upstream error', async () => {
    await injectFault(ctx, { operationId: 'createImmediateQuery', delayMs: 5_000, count: 1 });
    let upstreamStarted!: () => void;
    const started = new Promise<void>((resolve) => (upstreamStarted = resolve));
    const forRequest = ctx.app.halo.forRequest.bind(ctx.app.halo);
    vi.spyOn(ctx.app.halo, 'forRequest').mockImplementation((signal, options) => {
      const ds = forRequest(signal, options);
      return Object.assign(Object.create(ds) as typeof ds, {
        createImmediateQuery(...args: Parameters<typeof ds.createImmediateQuery>) {
          const call = ds.createImmediateQuery(...args);
          upstreamStarted();
          return call;
        },
      });
    });

    const client = new AbortController();
    const request = fetch(`${ctx.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation Slow($s: ID!) { runImmediateQuery(input: { siteId: $s, sql: "SELECT 1 AS one" }) { status } }',
        variables: { s: OnlineSite.id },
      }),
      signal: client.signal,
    });
    request.catch(() => undefined);
    await started;
    const logged = nextLine((l) => l.event === 'operation' && l.operationName === 'Slow');
    client.abort();

    const line = await logged;
    expect(line).toMatchObject({ level: 'info', outcome: 'client_aborted', errors: 1 });
    expect(line).not.toHaveProperty('codes');
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === 'upstream')).toEqual(
      [],
    );

    const metrics = await (await fetch(`${ctx.url}/metrics`)).text();
    expect(metrics).toContain(
      'graphql_requests_total{operation_name="Slow",operation_type="mutation",outcome="client_aborted"} 1',
    );
    expect(metrics).not.toContain(
      'graphql_requests_total{operation_name="Slow",operation_type="mutation",outcome="error"}',
    );
    vi.restoreAllMocks();
  });
});
