import type { ServerResponse } from 'node:http';
import { SimHttpError, haloError } from './errors.js';
import { parseFault } from './faults.js';
import { loadRawPatients } from './fhir/raw-patients.js';
import type { SimulatorRuntime } from './server.js';
import { isRecord } from '../../src/lib/records.js';
import { registeredToWire, siteToWire } from './wire.js';

type Send = (res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>) => void;

const AVAILABILITIES = new Set(['online', 'offline', 'unreachable']);
const STATUSES = new Set(['initialising', 'active', 'removed', 'uninstalled']);

function jsonBody(raw: Buffer): Record<string, unknown> {
  if (raw.length === 0) return {};
  let v: unknown;
  try {
    v = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new SimHttpError(400, 'The request body is not valid JSON.');
  }
  if (!isRecord(v)) throw new SimHttpError(400, 'The request body must be a JSON object.');
  return v;
}

/**
 * The simulator's own control API under `/_sim/` (docs/API.md "Simulator control"). Real Halo
 * has none of this; tests, demos and benchmarks use it to change data, time and failures.
 */
export function handleControl(
  rt: SimulatorRuntime,
  method: string,
  path: string[],
  raw: Buffer,
  res: ServerResponse,
  send: Send,
): void {
  try {
    const route = `${method} ${path.map((p, i) => (i === 1 && (path[0] === 'sites' || path[0] === 'registered') ? '*' : p)).join('/')}`;
    switch (route) {
      case 'POST reset':
        rt.reset();
        return send(res, 200, { ok: true, now: rt.clock.date().toISOString() });
      case 'POST sql': {
        const body = jsonBody(raw);
        const site = typeof body.siteId === 'string' ? rt.state.sites.get(body.siteId) : undefined;
        if (!site) throw new SimHttpError(404, 'Site not found.');
        if (typeof body.sql !== 'string' || body.sql.trim() === '') throw new SimHttpError(400, 'sql is required.');
        const catalogueName =
          typeof body.catalogue === 'string' ? body.catalogue : site.fixture.catalogues.find((c) => c.isDefault)?.name;
        const db = catalogueName ? site.databases.get(catalogueName) : undefined;
        if (!db) throw new SimHttpError(400, 'The catalogue does not exist on this site.');
        try {
          const stmt = db.prepare(body.sql);
          if (stmt.reader) return send(res, 200, { rows: stmt.all() });
          return send(res, 200, { rowsAffected: stmt.run().changes });
        } catch (err) {
          // SQLite's own message: this is the operator's SQL on synthetic data, not a client's.
          throw new SimHttpError(400, `SQLite error: ${(err as Error).message}`);
        }
      }
      case 'POST sites/*': {
        const body = jsonBody(raw);
        const patch: {
          availability?: 'online' | 'offline' | 'unreachable';
          status?: 'initialising' | 'active' | 'removed' | 'uninstalled';
        } = {};
        if (body.availability !== undefined) {
          if (typeof body.availability !== 'string' || !AVAILABILITIES.has(body.availability))
            throw new SimHttpError(400, 'availability must be online, offline or unreachable.');
          patch.availability = body.availability as 'online';
        }
        if (body.status !== undefined) {
          if (typeof body.status !== 'string' || !STATUSES.has(body.status))
            throw new SimHttpError(400, 'status must be initialising, active, removed or uninstalled.');
          patch.status = body.status as 'active';
        }
        const site = rt.state.setSiteState(path[1]!, patch);
        if (!site) throw new SimHttpError(404, 'Site not found.');
        return send(res, 200, siteToWire(site, rt.clock.now()));
      }
      case 'POST fhir/patients': {
        // Raw FHIR Patients served by `GET Patient/{id}` on the site (./fhir/raw-patients.ts).
        const body = jsonBody(raw);
        const site = typeof body.siteId === 'string' ? rt.state.sites.get(body.siteId) : undefined;
        if (!site) throw new SimHttpError(404, 'Site not found.');
        const db = site.databases.get(site.fixture.catalogues.find((c) => c.isDefault)?.name ?? '');
        if (!db) throw new SimHttpError(400, 'The site has no default catalogue.');
        const result = loadRawPatients(db, body.resources);
        if ('problem' in result) throw new SimHttpError(400, result.problem);
        return send(res, 200, result);
      }
      case 'GET clock':
        return send(res, 200, { now: rt.clock.date().toISOString() });
      case 'POST clock/advance': {
        const body = jsonBody(raw);
        const ms = body.ms;
        if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > 366 * 24 * 3600 * 1000) {
          throw new SimHttpError(400, 'ms must be a number of milliseconds between 0 and one year.');
        }
        rt.clock.advance(ms);
        return send(res, 200, { now: rt.clock.date().toISOString() });
      }
      case 'POST faults': {
        const parsed = parseFault(jsonBody(raw));
        if (parsed.fault) rt.faults.add(parsed.fault);
        if (parsed.asyncFailure)
          rt.state.injectAsyncFailure(
            parsed.asyncFailure.failure,
            parsed.asyncFailure.count,
            parsed.asyncFailure.siteId,
          );
        return send(res, 200, { faults: rt.faults.list() });
      }
      case 'GET faults':
        return send(res, 200, { faults: rt.faults.list() });
      case 'DELETE faults':
        rt.faults.clear();
        return send(res, 200, { faults: [] });
      case 'GET requests':
        return send(res, 200, rt.requestLog);
      case 'DELETE requests':
        rt.requestLog.length = 0;
        return send(res, 200, []);
      case 'GET stats':
        return send(res, 200, { ...rt.stats, logged: rt.requestLog.length });
      case 'GET webhooks':
        return send(res, 200, rt.webhooks.deliveries);
      case 'POST registered/*/run': {
        const r = rt.state.registered.get(path[1]!);
        if (!r) throw new SimHttpError(404, 'Registered query not found.');
        rt.state.runRegistered(r);
        return send(res, 200, registeredToWire(r));
      }
      default:
        return send(res, 404, haloError(404, 'Unknown control call.'));
    }
  } catch (err) {
    if (err instanceof SimHttpError) return send(res, err.status, err.toBody());
    throw err;
  }
}
