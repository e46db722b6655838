/** Site operations of the integrator API (DOMAIN.md §1 #1–#4), named after their operationIds. */
import { isRecord } from '../lib/records.js';
import { isHaloApiError, reclassify } from './halo-error.js';
import type { CallOptions, HaloCall } from './http/call.js';
import { expectBody, type RequestContext } from './request-context.js';
import type {
  GetSitesParams,
  GetSitesResponse,
  PairSiteParams,
  PmsType,
  PracticeManagementName,
  SiteForIntegrator,
} from './types.js';

/** Halo's two spellings of a PMS: `pmsType` on a site, `practiceManagementName` in lookups. */
export const PMS_NAMES: Readonly<Record<PmsType, PracticeManagementName>> = {
  BestPractice: 'Best Practice',
  Zedmed: 'Zedmed',
  D4w: 'D4w',
};

const isSite = (body: unknown): boolean => isRecord(body);
const isSites = (body: unknown): boolean =>
  isRecord(body) && Array.isArray(body['sites']) && body['sites'].every(isRecord);

export async function pairSite(
  rc: RequestContext,
  operationId: 'Integrator_PairSite' | 'pairSite',
  params: PairSiteParams,
  options?: CallOptions,
): Promise<SiteForIntegrator> {
  const call: HaloCall = {
    operationId,
    method: 'POST',
    segments: ['integrator', operationId === 'Integrator_PairSite' ? 'pair-site' : 'pairSite'],
    query: {
      practiceManagementSiteId: params.practiceManagementSiteId,
      practiceManagementName: params.practiceManagementName,
      pairingCode: params.pairingCode,
    },
    retry: 'never',
  };
  return expectBody<SiteForIntegrator>(call, await rc.callJson(call, options), isSite, 'a site');
}

export async function getSites(
  rc: RequestContext,
  params: GetSitesParams,
  options?: CallOptions,
): Promise<GetSitesResponse> {
  const call: HaloCall = {
    operationId: 'getSites',
    method: 'GET',
    segments: ['integrator', 'sites'],
    query: {
      practiceManagementSiteId: params.practiceManagementSiteId,
      practiceManagementName: params.practiceManagementName,
    },
    retry: 'read',
    coalesce: true,
  };
  return expectBody<GetSitesResponse>(call, await rc.callJson(call, options), isSites, '{sites: [...]}');
}

export async function getSite(rc: RequestContext, siteId: string, options?: CallOptions): Promise<SiteForIntegrator> {
  const call: HaloCall = {
    operationId: 'getSite',
    method: 'GET',
    segments: ['integrator', 'sites', siteId],
    siteId,
    retry: 'read',
    coalesce: true,
  };
  return expectBody<SiteForIntegrator>(call, await rc.callJson(call, options), isSite, 'a site');
}

/** How long the check behind a gateway timeout may take at most. */
const SITE_CHECK_DEADLINE_MS = 5_000;

/**
 * Runs a call that executes on the practice server. Halo answers such a call with the same 504
 * ("Query took more than 30 seconds…") whether the query was slow or the site is unreachable; one
 * `getSite` (coalesced, short deadline, never retried) tells them apart: a site that is not online
 * makes the failure SITE_UNAVAILABLE; otherwise, or if the check itself fails, it stays
 * UPSTREAM_TIMEOUT.
 */
export async function onPracticeServer<T>(rc: RequestContext, siteId: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isHaloApiError(error) || error.status !== 504 || error.code !== 'UPSTREAM_TIMEOUT') throw error;
    let availability: unknown;
    try {
      const res = await rc.callJson(
        {
          operationId: 'getSite',
          method: 'GET',
          segments: ['integrator', 'sites', siteId],
          siteId,
          retry: 'never',
          coalesce: true,
        },
        { deadlineMs: Math.min(rc.attemptTimeoutMs, SITE_CHECK_DEADLINE_MS) },
      );
      availability = isRecord(res.body) ? res.body['availability'] : undefined;
    } catch {
      throw error;
    }
    throw availability === 'offline' || availability === 'unreachable' ? reclassify(error, 'SITE_UNAVAILABLE') : error;
  }
}
