/**
 * FHIR R4 operations (DOMAIN.md §1 #16–#17, §5), named after their operationIds. Search values are
 * patient data: they travel in the URL only for `getFhirQuery`, in the body for `postFhirSearch`
 * (which Halo recommends for PII), and never appear in an error message.
 */
import { HaloApiError } from './halo-error.js';
import type { CallOptions, HaloCall } from './http/call.js';
import { expectBody, type RequestContext } from './request-context.js';
import { onPracticeServer } from './sites.js';
import { isRecord } from '../lib/records.js';
import type { FhirBundle, FhirResource, FhirSearchParams } from './types.js';

/** Builds URLSearchParams from any accepted form, keeping repeated parameters in order. */
export function toSearchParams(params: FhirSearchParams | undefined): URLSearchParams {
  const out = new URLSearchParams();
  if (params === undefined) return out;
  if (params instanceof URLSearchParams) return new URLSearchParams(params);
  if (Symbol.iterator in params) {
    for (const [name, value] of params as Iterable<readonly [string, string]>) out.append(name, value);
    return out;
  }
  for (const [name, value] of Object.entries(
    params as Readonly<Record<string, string | readonly string[] | undefined>>,
  )) {
    if (value === undefined) continue;
    if (typeof value === 'string') out.append(name, value);
    else for (const v of value) out.append(name, v);
  }
  return out;
}

const FHIR_ACCEPT = 'application/fhir+json, application/json;q=0.9';
const isResource = (b: unknown): boolean => isRecord(b) && typeof b['resourceType'] === 'string';
const isBundle = (b: unknown): boolean => isRecord(b) && b['resourceType'] === 'Bundle';

export async function getFhirQuery(
  rc: RequestContext,
  siteId: string,
  path: string,
  search?: FhirSearchParams,
  options?: CallOptions,
): Promise<FhirResource> {
  const q = path.indexOf('?');
  const resourcePath = q === -1 ? path : path.slice(0, q);
  const params = toSearchParams(search);
  if (q !== -1) for (const [k, v] of new URLSearchParams(path.slice(q + 1))) params.append(k, v);
  const query = params.toString();
  const call: HaloCall = {
    operationId: 'getFhirQuery',
    method: 'GET',
    segments: ['integrator', 'sites', siteId, 'fhir', 'R4', ...resourcePath.split('/')],
    ...(query ? { rawQuery: query } : {}),
    siteId,
    retry: 'read',
    siteBound: true,
    coalesce: true,
    accept: FHIR_ACCEPT,
  };
  const res = await onPracticeServer(rc, siteId, () => rc.callJson(call, options));
  return expectBody<FhirResource>(call, res, isResource, 'a FHIR resource');
}

export async function postFhirSearch(
  rc: RequestContext,
  siteId: string,
  resource: string,
  params: FhirSearchParams,
  options?: CallOptions,
): Promise<FhirBundle> {
  if (resource.includes('/'))
    throw new HaloApiError({ operationId: 'postFhirSearch', siteId, kind: 'general', code: 'BAD_USER_INPUT' });
  const call: HaloCall = {
    operationId: 'postFhirSearch',
    method: 'POST',
    segments: ['integrator', 'sites', siteId, 'fhir', 'R4', resource, '_search'],
    body: { form: toSearchParams(params).toString() },
    siteId,
    retry: 'read',
    siteBound: true,
    coalesce: true,
    accept: FHIR_ACCEPT,
  };
  const res = await onPracticeServer(rc, siteId, () => rc.callJson(call, options));
  return expectBody<FhirBundle>(call, res, isBundle, 'a FHIR Bundle');
}
