/** Registered-query operations (DOMAIN.md §1 #11–#15, §4), named after their operationIds. */
import { setTimeout as sleep } from 'node:timers/promises';
import { toInstant } from '../lib/instant.js';
import { creationFailure, isHaloApiError } from './halo-error.js';
import type { CallOptions, HaloCall } from './http/call.js';
import { expectBody, type RequestContext } from './request-context.js';
import { isRecord } from '../lib/records.js';
import { decodeOrThrow, decodeResultData } from './result-data.js';
import type {
  CommandParameter,
  DecodedResult,
  GetRegisteredQueriesResponse,
  RegisteredQuery,
  RegisteredQueryId,
  RegisteredQueryPostReq,
  RegisteredQueryResult,
} from './types.js';

/** The latest registered-query result, decoded. */
export interface DecodedRegisteredQueryResult extends DecodedResult {
  /** `rows` as Halo counts them. */
  rowCount: number;
  size: number;
  parameters: CommandParameter[] | null;
}

const isRegistered = (b: unknown): boolean =>
  isRecord(b) && typeof b['id'] === 'string' && typeof b['status'] === 'string';
const isList = (b: unknown): boolean =>
  isRecord(b) && Array.isArray(b['registeredQueries']) && b['registeredQueries'].every(isRecord);
const isId = (b: unknown): boolean => isRecord(b) && typeof b['id'] === 'string';
const isResult = (b: unknown): boolean =>
  isRecord(b) &&
  typeof b['data'] === 'string' &&
  (b['parameters'] === null || b['parameters'] === undefined || Array.isArray(b['parameters']));

const base = (siteId: string) => ['integrator', 'sites', siteId, 'queries', 'registered'];
const read = (operationId: HaloCall['operationId'], siteId: string, segments: string[]): HaloCall => ({
  operationId,
  method: 'GET',
  segments,
  siteId,
  retry: 'read',
  coalesce: true,
});

export async function createRegisteredQuery(
  rc: RequestContext,
  siteId: string,
  request: RegisteredQueryPostReq,
  options?: CallOptions,
): Promise<RegisteredQueryId> {
  const call: HaloCall = {
    operationId: 'createRegisteredQuery',
    method: 'POST',
    segments: base(siteId),
    body: { json: request },
    siteId,
    retry: 'never',
    creation: true,
  };
  const sentAt = rc.now();
  try {
    const created = expectBody<RegisteredQueryId>(call, await rc.callJson(call, options), isId, '{id}');
    rc.createdIds.claimCreated(created.id);
    return created;
  } catch (error) {
    const failure = creationFailure(error);
    if (!isHaloApiError(failure) || !failure.mayHaveSucceeded) throw failure;
    const found = await findCreated(rc, siteId, request, sentAt, options);
    if (found === undefined) throw failure;
    return { id: found };
  }
}

/**
 * The registered query that a creation of `request` sent at `sentAt` (this client's clock) made, if
 * exactly one of the site's registered queries matches and none of this process's creations was
 * answered with it; undefined otherwise (or when the site cannot be listed).
 */
export function findCreatedRegisteredQuery(
  rc: RequestContext,
  siteId: string,
  request: RegisteredQueryPostReq,
  sentAt: number,
  options?: CallOptions,
): Promise<string | undefined> {
  return findCreated(rc, siteId, request, sentAt, options);
}

/**
 * After a creation that may have been carried out: the id of the one registered query of the site
 * that matches it (same name, type, frequency and duration, created between `sentAt` and now give or
 * take the clock skew, and not already the answer to another creation of this process), listed up
 * to `reconcile.attempts` times while none is (Halo may still be creating it). Undefined when none
 * or several match, or the site cannot be listed: the caller cannot be told.
 */
async function findCreated(
  rc: RequestContext,
  siteId: string,
  request: RegisteredQueryPostReq,
  sentAt: number,
  options: CallOptions | undefined,
): Promise<string | undefined> {
  const { attempts, intervalMs, clockSkewMs } = rc.reconcile;
  // Never coalesced: a list that started before the creation landed would not show it.
  const call: HaloCall = { ...read('getRegisteredQueries', siteId, base(siteId)), coalesce: false };
  const { signal } = options ?? {};
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await sleep(intervalMs, undefined, signal ? { signal } : undefined).catch(() => undefined);
    if (signal?.aborted) return undefined;
    let list: GetRegisteredQueriesResponse;
    try {
      list = expectBody(call, await rc.callJson(call, { signal }), isList, '{registeredQueries: [...]}');
    } catch {
      return undefined;
    }
    const until = rc.now() + clockSkewMs;
    const matches = (list.registeredQueries ?? []).filter((q) => {
      const createdAt = Date.parse(toInstant(q.createdAt) ?? '');
      return (
        q.name === request.name &&
        q.registeredQueryType === request.registeredQueryType &&
        q.frequency === request.frequency &&
        q.duration === request.duration &&
        createdAt >= sentAt - clockSkewMs &&
        createdAt <= until &&
        !rc.createdIds.wasCreated(q.id)
      );
    });
    if (matches.length > 1) return undefined;
    if (matches.length === 1 && rc.createdIds.claimCreated(matches[0]!.id)) return matches[0]!.id;
  }
  return undefined;
}

export async function getRegisteredQueries(
  rc: RequestContext,
  siteId: string,
  options?: CallOptions,
): Promise<GetRegisteredQueriesResponse> {
  const call = read('getRegisteredQueries', siteId, base(siteId));
  return expectBody<GetRegisteredQueriesResponse>(
    call,
    await rc.callJson(call, options),
    isList,
    '{registeredQueries: [...]}',
  );
}

export async function getRegisteredQuery(
  rc: RequestContext,
  siteId: string,
  queryId: string,
  options?: CallOptions,
): Promise<RegisteredQuery> {
  const call = read('getRegisteredQuery', siteId, [...base(siteId), queryId]);
  return expectBody<RegisteredQuery>(call, await rc.callJson(call, options), isRegistered, 'a registered query');
}

export async function cancelRegisteredQuery(
  rc: RequestContext,
  siteId: string,
  queryId: string,
  options?: CallOptions,
): Promise<void> {
  const call: HaloCall = {
    operationId: 'cancelRegisteredQuery',
    method: 'DELETE',
    segments: [...base(siteId), queryId],
    siteId,
    retry: 'never',
  };
  await rc.callJson(call, options);
}

export async function getRegisteredQueryResult(
  rc: RequestContext,
  siteId: string,
  queryId: string,
  options?: CallOptions,
): Promise<RegisteredQueryResult> {
  const call = read('getRegisteredQueryResult', siteId, [...base(siteId), queryId, 'results']);
  return expectBody<RegisteredQueryResult>(
    call,
    await rc.callJson(call, options),
    isResult,
    '{data, parameters, rows, size}',
  );
}

export async function readRegisteredQueryResult(
  rc: RequestContext,
  siteId: string,
  queryId: string,
  options?: CallOptions,
): Promise<DecodedRegisteredQueryResult> {
  const result = await getRegisteredQueryResult(rc, siteId, queryId, options);
  const decoded = decodeOrThrow({ operationId: 'getRegisteredQueryResult', siteId }, 200, result.data.length, () =>
    decodeResultData(result.data),
  );
  return { ...decoded, rowCount: result.rows, size: result.size, parameters: result.parameters ?? null };
}
