import type { AppContext } from './app.js';

/** A row as `/_sim/sql` returns it (and as the API decodes it): column name → value. */
export type Row = Record<string, unknown>;

/**
 * Runs SQLite SQL directly on a site's database through the simulator's control API (`/_sim/sql`):
 * the ground truth that API results are compared with.
 */
export async function directSql(ctx: AppContext, siteId: string, sql: string, catalogue?: string): Promise<Row[]> {
  const res = await ctx.call('POST', '/_sim/sql', { body: { siteId, sql, ...(catalogue ? { catalogue } : {}) } });
  if (res.status !== 200 || !Array.isArray(res.body?.rows))
    throw new Error(`/_sim/sql answered ${res.status}: ${res.text}`);
  return res.body.rows as Row[];
}

/** Changes data directly (`/_sim/sql` with an UPDATE/INSERT/DELETE) and returns rowsAffected. */
export async function directWrite(ctx: AppContext, siteId: string, sql: string): Promise<number> {
  const res = await ctx.call('POST', '/_sim/sql', { body: { siteId, sql } });
  if (res.status !== 200 || typeof res.body?.rowsAffected !== 'number')
    throw new Error(`/_sim/sql answered ${res.status}: ${res.text}`);
  return res.body.rowsAffected as number;
}

export interface FaultSpec {
  operationId?: string;
  siteId?: string;
  status?: number;
  count?: number;
  retryAfterSeconds?: number;
  delayMs?: number;
  body?: 'malformed' | 'empty';
  dropConnection?: boolean;
  carriedOut?: boolean;
  asyncFailure?: 'uploadFailed' | 'initialisationFailedCacheError';
}

/** Makes the next `count` matching integrator calls fail (`POST /_sim/faults`). */
export async function injectFault(ctx: AppContext, fault: FaultSpec): Promise<void> {
  const res = await ctx.call('POST', '/_sim/faults', { body: fault });
  if (res.status !== 200) throw new Error(`/_sim/faults answered ${res.status}: ${res.text}`);
}

/** Takes a site offline, unreachable or back online (`POST /_sim/sites/{id}`). */
export async function setAvailability(
  ctx: AppContext,
  siteId: string,
  availability: 'online' | 'offline' | 'unreachable',
): Promise<void> {
  const res = await ctx.call('POST', `/_sim/sites/${siteId}`, { body: { availability } });
  if (res.status !== 200) throw new Error(`/_sim/sites answered ${res.status}: ${res.text}`);
}

/** Counts upstream calls by operationId, e.g. `{ getQueryStatusBatch: 3 }`. */
export async function callCounts(ctx: AppContext): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { operationId } of await ctx.upstreamCalls()) counts[operationId] = (counts[operationId] ?? 0) + 1;
  return counts;
}

export const UNKNOWN_ID = '3f91c577-0000-4000-8000-000000000000';
