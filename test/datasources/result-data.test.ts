import { describe, it } from 'vitest';
import {
  decodeOrThrow,
  decodeResultData,
  decodeResultJson,
  ResultDecodeError,
} from '../../src/datasources/result-data.js';
import { RetryBudget } from '../../src/datasources/http/retry-budget.js';
import { Coalescer } from '../../src/datasources/http/coalesce.js';
import { isRetryable } from '../../src/datasources/http/retry.js';
import { errorFromNetwork, errorFromResponse, localFailure } from '../../src/datasources/halo-error.js';
import { toSearchParams } from '../../src/datasources/fhir.js';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64');

describe.concurrent('decodeResultData', () => {
  it('should decode base64 JSON rows and take the columns from the first row in order', ({ expect }) => {
    const rows = [
      { InternalID: 1, Surname: 'Ng', DOB: '1980-01-01T00:00:00' },
      { InternalID: 2, Surname: 'Óengus', DOB: null },
    ];
    expect(decodeResultData(b64(rows))).toEqual({ columns: ['InternalID', 'Surname', 'DOB'], rows });
  });

  it('should give no columns for an empty result', ({ expect }) => {
    expect(decodeResultData(b64([]))).toEqual({ columns: [], rows: [] });
    expect(decodeResultData('')).toEqual({ columns: [], rows: [] });
  });

  it('should reject malformed base64, invalid UTF-8, non-JSON and non-row JSON', ({ expect }) => {
    expect(() => decodeResultData('e2lk...')).toThrow(ResultDecodeError);
    expect(() => decodeResultData('W10')).toThrow(ResultDecodeError);
    expect(() => decodeResultData('W1 0=')).toThrow(ResultDecodeError);
    expect(() => decodeResultData(Buffer.from([0x5b, 0xff, 0x5d]).toString('base64'))).toThrow('UTF-8');
    expect(() => decodeResultData(Buffer.from('[{"a":1}').toString('base64'))).toThrow('not JSON');
    expect(() => decodeResultData(b64({ a: 1 }))).toThrow('not a JSON array');
    expect(() => decodeResultData(b64([1, 2]))).toThrow('not an object');
    expect(() => decodeResultData(b64([[1]]))).toThrow('not an object');
  });

  it('should decode the raw JSON form used by /stream', ({ expect }) => {
    expect(decodeResultJson(Buffer.from('[{"a":1}]'))).toEqual({ columns: ['a'], rows: [{ a: 1 }] });
  });

  it('should turn a decode failure into UPSTREAM_ERROR without quoting the data', ({ expect }) => {
    const secret = b64({ Surname: 'CANARY' });
    const attempt = () =>
      decodeOrThrow({ operationId: 'getResultPage', siteId: 's' }, 200, secret.length, () => decodeResultData(secret));
    expect(attempt).toThrow(expect.objectContaining({ code: 'UPSTREAM_ERROR', kind: 'general', status: 200 }));
    expect(() => attempt()).not.toThrow(/CANARY/);
  });
});

describe.concurrent('RetryBudget', () => {
  it('should allow a burst of maxTokens retries, then about tokenRatio per request', ({ expect }) => {
    const budget = new RetryBudget({ maxTokens: 3, tokenRatio: 0.5 });
    expect([budget.tryWithdraw(), budget.tryWithdraw(), budget.tryWithdraw(), budget.tryWithdraw()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    budget.deposit();
    expect(budget.tryWithdraw()).toBe(false);
    budget.deposit();
    expect(budget.tryWithdraw()).toBe(true);
    for (let i = 0; i < 100; i++) budget.deposit();
    expect(budget.balance).toBe(3);
  });
});

describe.concurrent('Coalescer', () => {
  const aborted = (reason: unknown) => Object.assign(new Error('aborted'), { reason });

  it('should share one flight between identical callers and forget it when settled', async ({ expect }) => {
    const coalescer = new Coalescer<number>();
    let starts = 0;
    let release!: (n: number) => void;
    const start = () => {
      starts++;
      return new Promise<number>((resolve) => (release = resolve));
    };
    const a = coalescer.run('k', [], start, aborted);
    const b = coalescer.run('k', [], start, aborted);
    expect(coalescer.size).toBe(1);
    release(42);
    expect(await Promise.all([a, b])).toEqual([42, 42]);
    expect(starts).toBe(1);
    expect(coalescer.size).toBe(0);
  });

  it('should abort the shared flight only when every caller has gone', async ({ expect }) => {
    const coalescer = new Coalescer<number>();
    let upstream!: AbortSignal;
    let release!: (n: number) => void;
    const start = (signal: AbortSignal) => {
      upstream = signal;
      return new Promise<number>((resolve, reject) => {
        release = resolve;
        signal.addEventListener('abort', () => reject(new Error('upstream aborted')));
      });
    };
    const first = new AbortController();
    const second = new AbortController();
    const a = coalescer.run('k', [first.signal], start, aborted);
    const b = coalescer.run('k', [second.signal], start, aborted);
    first.abort('gone');
    await expect(a).rejects.toThrow('aborted');
    expect(upstream.aborted).toBe(false);
    release(7);
    expect(await b).toBe(7);

    const c = coalescer.run('k2', [first.signal], start, aborted);
    await expect(c).rejects.toThrow('aborted'); // already aborted: never started
    const third = new AbortController();
    const d = coalescer.run('k3', [third.signal], start, aborted);
    third.abort();
    await expect(d).rejects.toThrow('aborted');
    expect(upstream.aborted).toBe(true);
    expect(coalescer.size).toBe(0);
  });
});

describe.concurrent('isRetryable', () => {
  const status = (s: number, op: 'getSite' | 'createImmediateQuery' | 'getFhirQuery' = 'getSite') =>
    errorFromResponse({ operationId: op, status: s, body: '', nowMs: 0 });
  const reset = errorFromNetwork({ operationId: 'getSite' }, Object.assign(new Error('x'), { code: 'UND_ERR_SOCKET' }));
  const refused = errorFromNetwork({ operationId: 'getSite' }, Object.assign(new Error('x'), { code: 'ECONNREFUSED' }));

  it('should retry reads on transient statuses and connection failures only', ({ expect }) => {
    for (const s of [408, 429, 500, 502, 503, 504]) expect(isRetryable({ retry: 'read' }, status(s))).toBe(true);
    for (const s of [400, 401, 403, 404, 410, 413]) expect(isRetryable({ retry: 'read' }, status(s))).toBe(false);
    expect(isRetryable({ retry: 'read' }, reset)).toBe(true);
    expect(isRetryable({ retry: 'read' }, localFailure({ operationId: 'getSite' }, 'ATTEMPT_TIMEOUT'))).toBe(true);
    expect(isRetryable({ retry: 'read' }, localFailure({ operationId: 'getSite' }, 'DEADLINE_EXCEEDED'))).toBe(false);
    expect(isRetryable({ retry: 'read' }, localFailure({ operationId: 'getSite' }, 'ABORTED'))).toBe(false);
  });

  it('should not retry a practice server that is down or slow', ({ expect }) => {
    expect(isRetryable({ retry: 'read', siteBound: true }, status(503, 'getFhirQuery'))).toBe(false);
    expect(isRetryable({ retry: 'read', siteBound: true }, status(504, 'getFhirQuery'))).toBe(false);
    expect(
      isRetryable({ retry: 'read', siteBound: true }, localFailure({ operationId: 'getFhirQuery' }, 'ATTEMPT_TIMEOUT')),
    ).toBe(false);
    expect(isRetryable({ retry: 'read', siteBound: true }, status(429, 'getFhirQuery'))).toBe(true);
  });

  it('should retry billable calls only when nothing was sent, and never the rest', ({ expect }) => {
    expect(isRetryable({ retry: 'unsent-only' }, refused)).toBe(true);
    expect(isRetryable({ retry: 'unsent-only' }, reset)).toBe(false);
    expect(isRetryable({ retry: 'unsent-only' }, status(429, 'createImmediateQuery'))).toBe(false);
    expect(
      isRetryable({ retry: 'unsent-only' }, localFailure({ operationId: 'createImmediateQuery' }, 'CIRCUIT_OPEN')),
    ).toBe(false);
    expect(isRetryable({ retry: 'never' }, refused)).toBe(false);
  });
});

describe.concurrent('toSearchParams', () => {
  it('should keep repeated parameters and accept every input form', ({ expect }) => {
    expect(toSearchParams({ family: 'Smith', birthdate: ['ge1970', 'lt1980'], gender: undefined }).toString()).toBe(
      'family=Smith&birthdate=ge1970&birthdate=lt1980',
    );
    expect(
      toSearchParams([
        ['name', 'a b'],
        ['name', 'c,d'],
      ]).toString(),
    ).toBe('name=a+b&name=c%2Cd');
    expect(toSearchParams(new URLSearchParams('x=1')).toString()).toBe('x=1');
  });
});
