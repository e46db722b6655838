import { badRequest } from './errors.js';
import { isRecord } from '../../src/lib/records.js';

/**
 * Injected failures (`POST /_sim/faults`): the next `count` integrator calls that match
 * `operationId` and `siteId` (each optional) fail the given way.
 */
export interface Fault {
  operationId?: string;
  siteId?: string;
  status?: number;
  remaining: number;
  retryAfterSeconds?: number;
  delayMs?: number;
  body?: 'malformed' | 'empty';
  dropConnection?: boolean;
  /**
   * The call is carried out first (a query is created, SQL runs); then the delay, the dropped
   * connection or the failure applies to its answer: Halo did the work, the caller cannot tell.
   */
  carriedOut?: boolean;
}

export type AsyncFailure = 'uploadFailed' | 'initialisationFailedCacheError';

export interface ParsedFault {
  fault?: Fault;
  /** Lifecycle failures for the next async queries, handled by the state, not by HTTP. */
  asyncFailure?: { failure: AsyncFailure; count: number; siteId?: string };
}

export function parseFault(v: unknown): ParsedFault {
  if (!isRecord(v)) throw badRequest('The fault must be a JSON object.');
  const str = (k: string) => {
    const x = v[k];
    if (x === undefined) return undefined;
    if (typeof x !== 'string') throw badRequest(`${k} must be a string.`);
    return x;
  };
  const int = (k: string, min: number, max: number) => {
    const x = v[k];
    if (x === undefined) return undefined;
    if (typeof x !== 'number' || !Number.isInteger(x) || x < min || x > max)
      throw badRequest(`${k} must be an integer between ${min} and ${max}.`);
    return x;
  };
  const count = int('count', 1, 1_000_000) ?? 1;
  const siteId = str('siteId');
  const asyncFailure = str('asyncFailure');
  if (asyncFailure !== undefined) {
    if (asyncFailure !== 'uploadFailed' && asyncFailure !== 'initialisationFailedCacheError') {
      throw badRequest('asyncFailure must be uploadFailed or initialisationFailedCacheError.');
    }
    return { asyncFailure: { failure: asyncFailure, count, ...(siteId ? { siteId } : {}) } };
  }
  const body = str('body');
  if (body !== undefined && body !== 'malformed' && body !== 'empty')
    throw badRequest('body must be "malformed" or "empty".');
  const dropConnection = v.dropConnection;
  if (dropConnection !== undefined && typeof dropConnection !== 'boolean')
    throw badRequest('dropConnection must be a boolean.');
  const carriedOut = v.carriedOut;
  if (carriedOut !== undefined && typeof carriedOut !== 'boolean') throw badRequest('carriedOut must be a boolean.');
  const fault: Fault = { remaining: count };
  const operationId = str('operationId');
  if (operationId !== undefined) fault.operationId = operationId;
  if (siteId !== undefined) fault.siteId = siteId;
  const status = int('status', 100, 599);
  if (status !== undefined) fault.status = status;
  const retryAfterSeconds = int('retryAfterSeconds', 0, 86_400);
  if (retryAfterSeconds !== undefined) fault.retryAfterSeconds = retryAfterSeconds;
  const delayMs = int('delayMs', 0, 600_000);
  if (delayMs !== undefined) fault.delayMs = delayMs;
  if (body !== undefined) fault.body = body;
  if (dropConnection === true) fault.dropConnection = true;
  if (carriedOut === true) fault.carriedOut = true;
  if (fault.status === undefined && fault.body === undefined && !fault.dropConnection && fault.delayMs === undefined) {
    throw badRequest('A fault needs at least one of status, body, dropConnection, delayMs or asyncFailure.');
  }
  return { fault };
}

export class FaultRegistry {
  private faults: Fault[] = [];

  add(fault: Fault): void {
    this.faults.push(fault);
  }

  clear(): void {
    this.faults = [];
  }

  list(): readonly Fault[] {
    return this.faults;
  }

  /** Takes one use of the first fault matching this call, if any. */
  take(operationId: string, siteId: string | undefined): Fault | undefined {
    const f = this.faults.find(
      (x) => x.remaining > 0 && (!x.operationId || x.operationId === operationId) && (!x.siteId || x.siteId === siteId),
    );
    if (!f) return undefined;
    f.remaining--;
    if (f.remaining === 0) this.faults = this.faults.filter((x) => x !== f);
    return f;
  }
}
