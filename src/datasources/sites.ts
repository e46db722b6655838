/** Site operations of the integrator API (DOMAIN.md §1 #1–#4), named after their operationIds. */
import type { CallOptions, HaloCall } from './halo-http.js';
import { callJson, expectBody, type RequestContext } from './request-context.js';
import { isRecord } from '../lib/records.js';
import type { GetSitesParams, GetSitesResponse, PairSiteParams, SiteForIntegrator } from './types.js';

export interface SitesApi {
  /**
   * `Integrator_PairSite`: pairs this integrator with a practice (`POST /integrator/pair-site`).
   * Never retried (it is a write).
   * @throws HaloApiError — SITE_NOT_FOUND for an unknown PMS site id, BAD_USER_INPUT for a bad
   *   pairing code or PMS name, UPSTREAM_ERROR for 502 (the PMS answered unexpectedly) and the rest.
   */
  integratorPairSite(params: PairSiteParams, options?: CallOptions): Promise<SiteForIntegrator>;
  /**
   * `pairSite`: the deprecated spelling of {@link integratorPairSite} (`POST /integrator/pairSite`).
   * @deprecated Halo marks this operation deprecated; use `integratorPairSite`.
   */
  pairSite(params: PairSiteParams, options?: CallOptions): Promise<SiteForIntegrator>;
  /**
   * `getSites`: every site (authoritative or not) for a PMS site id. Retried when transient;
   * concurrent identical calls share one request.
   * @throws HaloApiError — BAD_USER_INPUT for a bad PMS name, UPSTREAM_ERROR otherwise.
   */
  getSites(params: GetSitesParams, options?: CallOptions): Promise<GetSitesResponse>;
  /**
   * `getSite`: one site's status by Halo GUID. Retried when transient; coalesced.
   * @throws HaloApiError — SITE_NOT_FOUND for an unknown (or invisible) site.
   */
  getSite(siteId: string, options?: CallOptions): Promise<SiteForIntegrator>;
}

const isSite = (body: unknown): boolean => isRecord(body);
const isSites = (body: unknown): boolean =>
  isRecord(body) && Array.isArray(body['sites']) && body['sites'].every(isRecord);

export function createSitesApi(rc: RequestContext): SitesApi {
  const pair = async (
    operationId: 'Integrator_PairSite' | 'pairSite',
    segment: string,
    params: PairSiteParams,
    options?: CallOptions,
  ) => {
    const call: HaloCall = {
      operationId,
      method: 'POST',
      segments: ['integrator', segment],
      query: {
        practiceManagementSiteId: params.practiceManagementSiteId,
        practiceManagementName: params.practiceManagementName,
        pairingCode: params.pairingCode,
      },
      retry: 'never',
    };
    return expectBody<SiteForIntegrator>(call, await callJson(rc, call, options), isSite, 'a site');
  };

  return {
    integratorPairSite: (params, options) => pair('Integrator_PairSite', 'pair-site', params, options),
    pairSite: (params, options) => pair('pairSite', 'pairSite', params, options),

    async getSites(params, options) {
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
      return expectBody<GetSitesResponse>(call, await callJson(rc, call, options), isSites, '{sites: [...]}');
    },

    async getSite(siteId, options) {
      const call: HaloCall = {
        operationId: 'getSite',
        method: 'GET',
        segments: ['integrator', 'sites', siteId],
        siteId,
        retry: 'read',
        coalesce: true,
      };
      return expectBody<SiteForIntegrator>(call, await callJson(rc, call, options), isSite, 'a site');
    },
  };
}
