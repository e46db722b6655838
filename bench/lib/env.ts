/** Shared set-up: site ids, request specs, and seeding data in the simulator through its API. */
import {
  BackupSite,
  D4wSite,
  OfflineSite,
  OnlineSite,
  UnreachableSite,
  ZedmedSite,
} from '../../simulator/src/fixtures.js';
import { SITE_QUERY } from './documents.js';
import { AUTH_HEADERS } from './auth.js';
import type { SimControl } from './http.js';
import type { RequestSpec } from './load.js';
import { benchSites } from './sites.js';

export { D4wSite, OnlineSite, ZedmedSite };

/**
 * SIM_LOG_NOTE: once the simulator's request log holds 100,000 entries, every request trims it
 * with `splice(0, 1)` (simulator/src/server.ts), about 55 µs of extra work per request on this
 * machine, which halves the direct baseline. Load scenarios clear the log before each round.
 */

/** Every fixture site: `getSite` answers for all of them. */
export const ALL_SITE_IDS = [OnlineSite, BackupSite, OfflineSite, UnreachableSite, ZedmedSite, D4wSite].map(
  (s) => s.id,
);
/** Extra small sites the load scenarios start the simulator with (see bench/lib/sites.ts). */
export const EXTRA_SITES = 64;
/** The fixture sites and the extra ones: distinct entities for "single-entity" load. */
export const LOAD_SITE_IDS = [...ALL_SITE_IDS, ...benchSites(EXTRA_SITES).map((s) => s.id)];
/** Extra sites that take queries (online, authoritative D4w practices). */
export const EXTRA_QUERY_SITE_IDS = benchSites(EXTRA_SITES).map((s) => s.id);
/** Sites that accept queries (online and authoritative). */
export const QUERY_SITES = [OnlineSite, ZedmedSite, D4wSite];

export function graphqlSpec(query: string, variables?: Record<string, unknown>): RequestSpec {
  return {
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...AUTH_HEADERS },
    body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
  };
}

/** The single-entity query, one spec per site (connections cycle through them). */
export const siteQuerySpecs = (ids: readonly string[] = LOAD_SITE_IDS): RequestSpec[] =>
  ids.map((id) => graphqlSpec(SITE_QUERY, { id }));

/** The same read straight to the simulator: `GET /integrator/sites/{id}`. */
export const directSiteSpecs = (key: string, ids: readonly string[] = LOAD_SITE_IDS): RequestSpec[] =>
  ids.map((id) => ({
    method: 'GET',
    path: `/integrator/sites/${id}`,
    headers: { 'ocp-apim-subscription-key': key, accept: 'application/json' },
  }));

const command = (text: string) => ({ command: { text, executionMode: 'reader', type: 'text' } });

/** Registers `n` registered queries on a site (directly upstream); returns their ids. */
export async function createRegisteredQueries(
  sim: SimControl,
  siteId: string,
  n: number,
  sql = 'SELECT 1 AS x',
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await sim.call<{ id: string }>('POST', `/integrator/sites/${siteId}/queries/registered`, {
      name: `bench ${i}`,
      registeredQueryType: 'query',
      frequency: 3600,
      duration: 86_400,
      registerCommand: command(sql),
    });
    ids.push(r.id);
  }
  return ids;
}

/** Runs `n` immediate queries on a site (directly upstream); returns their ids. */
export async function createImmediateQueries(sim: SimControl, siteId: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await sim.call<{ id: string }>(
      'POST',
      `/integrator/sites/${siteId}/queries/immediate`,
      command(`SELECT ${i} AS x`),
    );
    ids.push(r.id);
  }
  return ids;
}

/** Submits an async query upstream and moves the simulated clock until it has succeeded. */
export async function runAsyncToCompletion(
  sim: SimControl,
  siteId: string,
  sql: string,
): Promise<{ id: string; pages: number; rows: number; bytes: number }> {
  const { id } = await sim.call<{ id: string }>('POST', `/integrator/sites/${siteId}/queries/async`, command(sql));
  for (let i = 0; i < 200; i++) {
    await sim.call('POST', '/_sim/clock/advance', { ms: 60_000 });
    const q = await sim.call<{ status: string; result?: { rows?: number; size?: number; pages?: unknown[] } }>(
      'GET',
      `/integrator/sites/${siteId}/queries/${id}`,
    );
    if (q.status === 'successful')
      return { id, pages: q.result?.pages?.length ?? 0, rows: q.result?.rows ?? 0, bytes: q.result?.size ?? 0 };
    if (!['initialising', 'queued', 'executing', 'uploading'].includes(q.status))
      throw new Error(`async query ended ${q.status}`);
  }
  throw new Error('async query did not finish');
}
