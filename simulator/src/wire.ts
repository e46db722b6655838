import { INTEGRATOR_ID, PMS_TYPE_TO_NAME } from './fixtures.js';
import { encodeOutputParameters, toBase64 } from './results.js';
import type { QueryRecord, RegisteredRecord, SiteState, Timing } from './state.js';

/** Halo's wire shapes, built from simulator state. Field names and presence follow the OpenAPI spec. */

const iso = (ms: number) => new Date(ms).toISOString();

function timing(t: Timing | undefined): { startTime: string; endTime?: string } | undefined {
  if (!t) return undefined;
  return t.endTime === undefined
    ? { startTime: iso(t.startTime) }
    : { startTime: iso(t.startTime), endTime: iso(t.endTime) };
}

export function siteToWire(site: SiteState, nowMs: number): Record<string, unknown> {
  const f = site.fixture;
  const heartbeat =
    site.availability === 'online'
      ? nowMs - 15_000
      : nowMs - (site.availability === 'offline' ? 10 * 60_000 : 3 * 60_000);
  return {
    id: f.id,
    pmsType: f.pmsType,
    availability: site.availability,
    status: site.status,
    haloLinkVersion: f.haloLinkVersion,
    enrichedAt: '2025-06-01T00:00:00.000Z',
    catalogue: f.catalogues.map((c) => ({ name: c.name, isDefault: c.isDefault })),
    practiceMetadata: {
      pmsType: f.pmsType,
      practiceName: f.practiceName,
      practiceManagementSiteId: f.pmsSiteId,
      practiceManagementVersion: f.pmsVersion,
    },
    name: f.practiceName,
    practiceManagementSiteId: f.pmsSiteId,
    practiceManagementName: PMS_TYPE_TO_NAME[f.pmsType],
    practiceManagementVersion: f.pmsVersion,
    createdAt: '2024-01-15T00:00:00.000Z',
    authoritative: f.authoritative,
    clientTimestampUTC: iso(heartbeat),
    heartbeatTimestampUTC: iso(heartbeat),
  };
}

function pagesToWire(q: QueryRecord) {
  return q.pages.map((p) => ({
    pageNumber: p.pageNumber,
    status: p.status,
    size: p.size,
    rows: { count: p.count, rangeStart: p.rangeStart, rangeEnd: p.rangeEnd },
  }));
}

function commonQuery(q: QueryRecord): Record<string, unknown> {
  return {
    id: q.id,
    integratorId: INTEGRATOR_ID,
    siteId: q.siteId,
    mode: q.mode,
    status: q.status,
    maxTimeInQueue: q.maxTimeInQueue,
    commandSize: q.commandSize,
    requestSize: q.requestSize,
    createdAt: iso(q.createdAt),
    updatedAt: iso(q.updatedAt),
  };
}

function statusTiming(q: QueryRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['initialising', 'queued', 'executing', 'downloading', 'uploading'] as const) {
    const t = timing(q.timing[key]);
    if (t) out[key] = t;
  }
  return out;
}

function errorFields(q: QueryRecord): Record<string, unknown> {
  if (!q.errorDetails) return {};
  // errorCode/errorMessage are deprecated but still required by the spec's failed-query schemas.
  return {
    errorCode: q.errorDetails.errorCode,
    errorMessage: q.errorDetails.errorMessage,
    errorDetails: { ...q.errorDetails },
  };
}

export function queryToWire(q: QueryRecord): Record<string, unknown> {
  const body: Record<string, unknown> = { ...commonQuery(q), statusTiming: statusTiming(q) };
  if (q.mode === 'immediate') {
    if (q.sqlExecutionDuration !== undefined) body.metrics = { sqlExecutionDuration: q.sqlExecutionDuration };
    if (q.status === 'successful') {
      const page = q.pages[0];
      const parameters =
        q.outputParameters.length > 0 ? { parameters: encodeOutputParameters(q.outputParameters) } : {};
      body.result =
        q.executionMode === 'nonQuery'
          ? { rowsAffected: q.rowsAffected ?? 0, size: 0, ...parameters }
          : { rows: q.rowCount ?? 0, size: q.resultBytes ?? 0, data: toBase64(page?.json ?? '[]'), ...parameters };
      body.resultSize = q.resultBytes ?? 0;
    }
    Object.assign(body, errorFields(q));
    if (q.completedAt !== undefined) body.completedAt = iso(q.completedAt);
    return body;
  }
  if (
    q.sqlExecutionDuration !== undefined &&
    (q.status === 'uploading' || q.status === 'successful' || q.status === 'uploadFailed')
  ) {
    body.metrics = { sqlExecutionDuration: q.sqlExecutionDuration };
  }
  if (q.status === 'uploading' || q.status === 'successful') {
    body.result =
      q.executionMode === 'nonQuery'
        ? { rowsAffected: q.rowsAffected ?? 0, size: q.resultBytes ?? 0, pages: pagesToWire(q) }
        : { rows: q.rowCount ?? 0, size: q.resultBytes ?? 0, pages: pagesToWire(q) };
  }
  if (q.status === 'successful') body.resultSize = q.resultBytes ?? 0;
  Object.assign(body, errorFields(q));
  if (q.completedAt !== undefined) body.completedAt = iso(q.completedAt);
  return body;
}

export function registeredToWire(r: RegisteredRecord): Record<string, unknown> {
  const m = r.metrics;
  return {
    id: r.id,
    name: r.name,
    registeredQueryType: 'query',
    status: r.status,
    frequency: r.frequency,
    duration: r.duration,
    ...(r.lastHash !== undefined ? { lastHash: r.lastHash } : {}),
    ...(r.lastErrorDetails ? { lastErrorDetails: { ...r.lastErrorDetails } } : {}),
    metrics: {
      ...(m.lastSucceededAt !== undefined ? { lastSucceededAt: iso(m.lastSucceededAt) } : {}),
      ...(m.lastFailedAt !== undefined ? { lastFailedAt: iso(m.lastFailedAt) } : {}),
      ...(m.lastExecutionDuration !== undefined ? { lastExecutionDuration: m.lastExecutionDuration } : {}),
      executionSucceededCount: m.executionSucceededCount,
      executionFailedCount: m.executionFailedCount,
      resultSizeSum: m.resultSizeSum,
      requestSize: m.requestSize,
    },
    createdAt: iso(r.createdAt),
    ...(r.completedAt !== undefined ? { completedAt: iso(r.completedAt) } : {}),
  };
}

export function registeredResultToWire(r: RegisteredRecord): Record<string, unknown> | undefined {
  if (!r.latest) return undefined;
  return {
    data: toBase64(r.latest.json),
    parameters: r.latest.parameters ? encodeOutputParameters(r.latest.parameters) : null,
    rows: r.latest.rows,
    size: r.latest.size,
  };
}
