import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupSite, OfflineSite, OnlineSite, UnreachableSite, ZedmedSite } from '../src/fixtures.js';
import { matchRoute } from '../src/routes.js';
import { startSimulator, type Simulator } from '../src/server.js';
import { assertValidResponse, declaredHeaders, listOperations } from './openapi.js';
import { simClient, type SimCall, type SimResponse } from './helpers.js';

/**
 * The fidelity guard: drives every integrator operation through its success path and every error
 * path the simulator produces, and validates each body against the OpenAPI response schema for
 * that operation and status.
 *
 * Responses the spec does not describe are checked against what they are instead, each for a
 * stated reason:
 * - 401 from the gateway, 413 for an oversized body, 429 rate limits: API Management's
 *   `{statusCode, message}` (the spec's 401 `Error` schema accepts it too; 413/429 are not in the spec).
 * - createImmediateQuery 413 (result over 8 MB): not in the spec; the body is an
 *   `ExecutionFailedImmediateQuery`, so it is validated as the spec's 400 for that operation.
 * - streamResultPage 200: the spec types the body as a `string` ("Streamed JSON payload"); the
 *   simulator streams the JSON text, so the raw text is what is validated.
 */

const seen = new Map<string, Set<number>>();
let sim: Simulator;
let raw: SimCall;

function operationOf(method: string, path: string): string | undefined {
  const pathname = new URL(path, 'http://x').pathname;
  const segments = pathname
    .split('/')
    .slice(1)
    .map((s) => decodeURIComponent(s));
  const m = matchRoute(method, segments);
  return m && m !== 'method-not-allowed' ? m.route.operationId : undefined;
}

/** Calls the simulator and validates the response against the spec before returning it. */
const call: SimCall = async (method, path, options) => {
  const res = await raw(method, path, options);
  const op = operationOf(method, path);
  if (!op) return res;
  check(op, res);
  return res;
};

function check(op: string, res: SimResponse): void {
  if (!seen.has(op)) seen.set(op, new Set());
  seen.get(op)!.add(res.status);
  if (res.status === 413 && op === 'createImmediateQuery' && res.body?.status === 'executionFailed') {
    return assertValidResponse(op, 400, res.body);
  }
  if (res.status === 413 || res.status === 429) {
    expect(res.body).toEqual({ statusCode: res.status, message: expect.any(String) });
    return;
  }
  if (op === 'streamResultPage' && res.status === 200) return assertValidResponse(op, 200, res.text);
  assertValidResponse(op, res.status, res.status === 204 ? undefined : res.body);
  for (const header of declaredHeaders(op, res.status))
    expect(res.headers.get(header), `${op} ${res.status} header ${header}`).not.toBeNull();
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, timeScale: 0, pageBytes: 2048 });
  raw = simClient(sim);
});
afterAll(async () => {
  await sim.stop();
});

const site = OnlineSite.id;
const unknownSite = '3f91c577-0000-4000-8000-000000000000';
const unknownQuery = '00000000-0000-4000-8000-000000000000';
const advance = (ms: number) => raw('POST', '/_sim/clock/advance', { body: { ms } });
const fault = (body: Record<string, unknown>) => raw('POST', '/_sim/faults', { body });
const cmd = (text: string, extra: Record<string, unknown> = {}) => ({ command: { text, ...extra } });

describe('fidelity to the Halo OpenAPI contract', () => {
  it('sites and pairing', async () => {
    await call('GET', `/integrator/sites/${site}`);
    await call('GET', `/integrator/sites/${site}`, { key: null });
    await call('GET', `/integrator/sites/${site}`, { key: 'wrong' });
    await call('GET', '/integrator/sites/not-a-guid');
    await call('GET', `/integrator/sites/${unknownSite}`);
    await call('GET', '/integrator/sites?practiceManagementSiteId=10001&practiceManagementName=Best%20Practice');
    await call('GET', '/integrator/sites?practiceManagementSiteId=10001');
    await call('GET', '/integrator/sites', { key: null });
    for (const op of ['pair-site', 'pairSite']) {
      await call(
        'POST',
        `/integrator/${op}?practiceManagementSiteId=10001&practiceManagementName=Best%20Practice&pairingCode=ABC123`,
      );
      await call('POST', `/integrator/${op}?practiceManagementSiteId=10001&practiceManagementName=Best%20Practice`);
      await call(
        'POST',
        `/integrator/${op}?practiceManagementSiteId=10001&practiceManagementName=Best%20Practice&pairingCode=NOPE12`,
      );
      await call('POST', `/integrator/${op}?practiceManagementSiteId=99999&practiceManagementName=Zedmed`);
      await call('POST', `/integrator/${op}`, { key: null });
    }
    await fault({ operationId: 'Integrator_PairSite', status: 502 });
    await call('POST', '/integrator/pair-site?practiceManagementSiteId=20001&practiceManagementName=Zedmed');
    await fault({ operationId: 'getSites', status: 500 });
    await call('GET', '/integrator/sites?practiceManagementSiteId=20001&practiceManagementName=Zedmed');
    await fault({ operationId: 'getSite', status: 429, retryAfterSeconds: 1 });
    await call('GET', `/integrator/sites/${site}`);
  });

  it('immediate queries', async () => {
    const path = (s: string) => `/integrator/sites/${s}/queries/immediate`;
    await call('POST', path(site), { body: cmd('SELECT TOP 3 InternalID, Surname, DOB FROM BPS_Patients') });
    await call('POST', path(site), {
      body: cmd('UPDATE PATIENTS SET EMAIL = EMAIL WHERE INTERNALID = 1', { executionMode: 'nonQuery' }),
    });
    await call('POST', path(site), { body: cmd('SELECT COUNT(*) AS n FROM BPS_Users', { executionMode: 'scalar' }) });
    await call('POST', path(site), {
      body: cmd('BP_GetPatientByInternalID', {
        type: 'storedProcedure',
        parameters: [{ name: '@patientid', type: 'Int', value: '1' }],
      }),
    });
    await call('POST', path(site), { body: cmd('SELECT * FROM Nowhere') });
    await call('POST', path(ZedmedSite.id), { body: cmd('SELECT * FROM Nowhere') });
    await call('POST', path(site), { body: { nope: true } });
    await call('POST', path(site), { rawBody: '{', headers: { 'content-type': 'application/json' } });
    await call('POST', path(site), { body: cmd('SELECT 1', { maxTimeInQueue: 99_999_999 }) });
    await call('POST', path(BackupSite.id), { body: cmd('SELECT 1 AS one') });
    await call('POST', path(unknownSite), { body: cmd('SELECT 1 AS one') });
    await call('POST', path(OfflineSite.id), { body: cmd('SELECT 1 AS one') });
    await call('POST', path(UnreachableSite.id), { body: cmd('SELECT 1 AS one') });
    await call('POST', path(site), { body: cmd('SELECT 1 AS one'), key: null });
    await call('POST', path(site), {
      body: cmd(
        'SELECT p.*, x.InternalID AS Copy FROM BPS_Patients p CROSS JOIN (SELECT TOP 6 InternalID FROM BPS_Patients) x',
      ),
    });
    await call('POST', path(site), { rawBody: 'x'.repeat(5 * 1024 * 1024) });
    await fault({ operationId: 'createImmediateQuery', status: 500 });
    await call('POST', path(site), { body: cmd('SELECT 1 AS one') });
  });

  it('async queries through every status, pages, stream, batch and expiry', async () => {
    const base = `/integrator/sites/${site}/queries`;
    const submit = async (body: unknown, s = site) =>
      (await call('POST', `/integrator/sites/${s}/queries/async`, { body })).body.id as string;
    const get = (id: string, s = site) => call('GET', `/integrator/sites/${s}/queries/${id}`);

    const ok = await submit(cmd('SELECT InternalID, Surname, Firstname, DOB FROM BPS_Patients'));
    const statuses = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const q = (await get(ok)).body;
      statuses.add(q.status);
      await call('POST', `${base}/status`, { body: { queryIds: [ok, unknownQuery] } });
      if (q.status === 'successful') break;
      await advance(50);
    }
    expect([...statuses]).toEqual(['initialising', 'queued', 'executing', 'uploading', 'successful']);
    const done = (await get(ok)).body;
    expect(done.result.pages.length).toBeGreaterThan(3);
    for (const page of done.result.pages.slice(0, 3)) {
      await call('GET', `${base}/${ok}/results/${page.pageNumber}`);
      await call('GET', `${base}/${ok}/results/${page.pageNumber}/stream`);
    }
    await call('GET', `${base}/${ok}/results/9999`);
    await call('GET', `${base}/${ok}/results/0`);
    await call('GET', `${base}/${ok}/results/1`, { key: null });
    await call('GET', `${base}/${unknownQuery}/results/1`);
    await call('GET', `${base}/${unknownQuery}/results/1/stream`);
    await call('GET', `${base}/${ok}/results/x/stream`);

    const nonQuery = await submit(
      cmd('UPDATE PATIENTS SET EMAIL = EMAIL WHERE INTERNALID < 10', { executionMode: 'nonQuery' }),
    );
    const failed = await submit(cmd('SELECT Nope FROM BPS_Patients'));
    const offline = await submit(cmd('SELECT 1 AS one'), OfflineSite.id);
    const unreachable = await submit(cmd('SELECT 1 AS one'), UnreachableSite.id);
    const expires = await submit(cmd('SELECT 1 AS one', {}), site);
    await fault({ asyncFailure: 'uploadFailed' });
    const uploadFailed = await submit(cmd('SELECT TOP 5 InternalID FROM BPS_Patients'));
    await fault({ asyncFailure: 'initialisationFailedCacheError' });
    const cacheError = await submit(cmd('SELECT 1 AS one'));
    const queuedForever = await submit({ ...cmd('SELECT 1 AS one'), maxTimeInQueue: 0 });
    await advance(130_000);
    await call('GET', `${base}/${nonQuery}/results/1`);
    for (const [id, s] of [
      [nonQuery, site],
      [failed, site],
      [offline, OfflineSite.id],
      [unreachable, UnreachableSite.id],
      [expires, site],
      [uploadFailed, site],
      [cacheError, site],
      [queuedForever, site],
    ] as const) {
      statuses.add((await get(id, s)).body.status);
    }
    await call('POST', `${base}/status`, {
      body: { queryIds: [nonQuery, failed, uploadFailed, cacheError, queuedForever] },
    });
    expect(statuses).toEqual(
      new Set([
        'initialising',
        'queued',
        'executing',
        'uploading',
        'successful',
        'executionFailed',
        'initialisationFailedSiteOffline',
        'initialisationFailedSiteUnreachable',
        'uploadFailed',
        'initialisationFailedCacheError',
        'expiredInQueue',
      ]),
    );

    await call('POST', `${base}/async`, { body: { command: {} } });
    await call('POST', `${base}/async`, { body: cmd('SELECT 1'), key: null });
    await call('POST', `/integrator/sites/${BackupSite.id}/queries/async`, { body: cmd('SELECT 1') });
    await call('POST', `/integrator/sites/${unknownSite}/queries/async`, { body: cmd('SELECT 1') });
    await fault({ operationId: 'createAsyncQuery', status: 503 });
    await call('POST', `${base}/async`, { body: cmd('SELECT 1') });
    await fault({ operationId: 'createAsyncQuery', status: 504 });
    await call('POST', `${base}/async`, { body: cmd('SELECT 1') });
    await get('bad-id');
    await get(unknownQuery);
    await call('GET', `/integrator/sites/${unknownSite}/queries/${ok}`);
    await call('POST', `${base}/status`, { body: { queryIds: 'nope' } });
    await call('POST', `/integrator/sites/${unknownSite}/queries/status`, { body: { queryIds: [] } });

    await advance(24 * 60 * 60 * 1000);
    await call('GET', `${base}/${ok}/results/1`);
    await call('GET', `${base}/${ok}/results/1/stream`);
  });

  it('registered queries', async () => {
    const base = `/integrator/sites/${site}/queries/registered`;
    const body = (over: Record<string, unknown> = {}) => ({
      name: 'fidelity',
      registeredQueryType: 'query',
      frequency: 60,
      duration: 120,
      registerCommand: { command: { text: 'SELECT COUNT(*) AS n FROM BPS_Patients' } },
      ...over,
    });
    const id = (await call('POST', base, { body: body() })).body.id;
    const failing = (
      await call('POST', base, {
        body: body({ registerCommand: { command: { text: 'selct', type: 'storedProcedure' } } }),
      })
    ).body.id;
    await call('POST', base, { body: body({ frequency: 30 }) });
    await call('POST', base, { body: body(), key: null });
    await call('POST', `/integrator/sites/${unknownSite}/queries/registered`, { body: body() });
    await call('GET', base);
    await call('GET', `/integrator/sites/${unknownSite}/queries/registered`);
    await call('GET', `${base}/${id}`);
    await call('GET', `${base}/${id}/results`);
    await call('GET', `${base}/${failing}/results`);
    await advance(130_000);
    await call('GET', `${base}/${id}`);
    await call('GET', `${base}/${failing}`);
    await call('GET', `${base}/bad-id`);
    await call('GET', `${base}/${unknownQuery}`);
    const other = (await call('POST', base, { body: body({ duration: 3600 }) })).body.id;
    await call('DELETE', `${base}/${other}`);
    await call('DELETE', `${base}/${unknownQuery}`);
    await call('DELETE', `${base}/bad-id`);
    await call('GET', `${base}/${other}`);
    await call('GET', `${base}/bad-id/results`);
    await call('GET', base, { key: null });
  });

  it('FHIR', async () => {
    const fhir = `/integrator/sites/${site}/fhir/R4`;
    const form = (body: string) => ({
      rawBody: body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await call('GET', `${fhir}/metadata`);
    await call('GET', `${fhir}/Patient?family=smi&_count=5`);
    await call('GET', `${fhir}/Patient/1`);
    await call('GET', `${fhir}/Patient/999999`);
    await call('GET', `${fhir}/Patient?birthDate=1970`);
    await call('GET', `/integrator/sites/${ZedmedSite.id}/fhir/R4/Patient?family=smi`);
    await call('GET', `/integrator/sites/${OfflineSite.id}/fhir/R4/metadata`);
    await call('GET', `/integrator/sites/${UnreachableSite.id}/fhir/R4/metadata`);
    await call('GET', `${fhir}/metadata`, { key: null });
    await call('POST', `${fhir}/Patient/_search`, form('given=jo&_count=3'));
    await call('POST', `${fhir}/Patient/_search`, form('colour=red'));
    await call('POST', `/integrator/sites/${OfflineSite.id}/fhir/R4/Patient/_search`, form('given=jo'));
    await call('POST', `/integrator/sites/${unknownSite}/fhir/R4/Patient/_search`, form('given=jo'));
    expect([...seen.get('getFhirQuery')!].sort()).toEqual([200, 400, 401, 404, 503, 504]);
    expect([...seen.get('postFhirSearch')!].sort()).toEqual([200, 400, 404, 503]);
  });

  it('should have covered every operation and at least one error status of each', () => {
    const ops = listOperations();
    expect(ops).toHaveLength(17);
    for (const op of ops) {
      const statuses = seen.get(op.operationId);
      expect(statuses, op.operationId).toBeDefined();
      expect(
        [...statuses!].some((s) => s < 300),
        `${op.operationId} success`,
      ).toBe(true);
      expect(
        [...statuses!].some((s) => s >= 400),
        `${op.operationId} errors`,
      ).toBe(true);
    }
    expect([...seen.get('createImmediateQuery')!].sort()).toEqual([200, 400, 401, 403, 404, 413, 500, 503, 504]);
    expect([...seen.get('getResultPage')!].sort()).toEqual([200, 400, 401, 404, 410]);
  });
});
