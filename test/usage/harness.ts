/** Documents and readings shared by the usage, budget and reuse tests. */
import { expect } from 'vitest';
import type { App } from '../../src/app.js';
import { BILLED_OPERATIONS } from '../../src/datasources/http/settings.js';
import type { AppContext } from '../helpers/app.js';
import { gql } from '../security/harness.js';

export const RUN = `mutation Run($input: RunQueryInput!) { runImmediateQuery(input: $input) { id status rows reused } }`;
export const SUBMIT = `mutation Submit($input: RunQueryInput!) { submitAsyncQuery(input: $input) { id status } }`;
export const REGISTER = `mutation Register($input: CreateRegisteredQueryInput!) { createRegisteredQuery(input: $input) { id } }`;
export const USAGE = `query Usage($id: ID!) { site(id: $id) { usage { month billedQueries budget remaining } } }`;
export const SQL = 'SELECT TOP 3 InternalID, Surname FROM BPS_Patients ORDER BY InternalID';

export interface Usage {
  month: string;
  billedQueries: number;
  budget: number | null;
  remaining: number | null;
}

export const registration = (siteId: string, name: string) => ({
  siteId,
  name,
  sql: 'SELECT COUNT(*) AS n FROM BPS_Patients',
  frequencySeconds: 60,
  durationSeconds: 600,
});

/** `site(id) { usage }` as `key`'s client (none: open mode); fails the test on an error. */
export async function usageOf(app: Pick<App, 'yoga'>, siteId: string, key?: string): Promise<Usage> {
  const res = await gql(app, USAGE, { id: siteId }, key);
  expect(res.json?.errors).toBeUndefined();
  return (res.json?.data as { site: { usage: Usage } }).site.usage;
}

const BILLED: ReadonlySet<string> = new Set(BILLED_OPERATIONS);

/** The billed creations the simulator received for `siteId` since its log was cleared, by operationId. */
export async function billedLog(
  ctx: Pick<AppContext, 'upstreamCalls'>,
  siteId: string,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const c of await ctx.upstreamCalls())
    if (BILLED.has(c.operationId) && c.siteId?.toLowerCase() === siteId.toLowerCase())
      counts[c.operationId] = (counts[c.operationId] ?? 0) + 1;
  return counts;
}
