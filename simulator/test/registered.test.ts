import { beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { OnlineSite } from '../src/fixtures.js';
import { decodeData, useSimulator } from './helpers.js';

const ctx = useSimulator();
beforeEach(() => ctx.sim.reset());

const base = `/integrator/sites/${OnlineSite.id}/queries/registered`;
const advance = (ms: number) => ctx.call('POST', '/_sim/clock/advance', { body: { ms } });
const register = (over: Record<string, unknown> = {}) =>
  ctx.call('POST', base, {
    body: {
      name: 'new appointments',
      registeredQueryType: 'query',
      frequency: 60,
      duration: 600,
      registerCommand: { command: { text: "SELECT COUNT(*) AS n FROM BPS_Appointments WHERE Status = 'Booked'" } },
      ...over,
    },
  });
const sql = (q: string) => ctx.call('POST', '/_sim/sql', { body: { siteId: OnlineSite.id, sql: q } });

describe('registered queries', () => {
  it('should validate frequency, duration and the command with 400', async () => {
    expect((await register({ frequency: 59 })).body.error.message).toBe(
      'frequency must be an integer number of seconds, at least 60.',
    );
    expect((await register({ duration: 86_401 })).status).toBe(400);
    expect((await register({ duration: 0 })).status).toBe(400);
    expect((await register({ registeredQueryType: 'report' })).status).toBe(400);
    expect((await register({ name: '' })).status).toBe(400);
    expect((await register({ registerCommand: {} })).status).toBe(400);
    expect((await register({ frequency: '60' })).status).toBe(400);
  });

  it('should run at once, hash the result, and serve it', async () => {
    const created = await register();
    expect(created.status).toBe(202);
    const id = created.body.id;
    const q = (await ctx.call('GET', `${base}/${id}`)).body;
    const result = (await ctx.call('GET', `${base}/${id}/results`)).body;
    const rows = decodeData(result.data);
    const expected = (await sql("SELECT COUNT(*) AS n FROM BPS_Appointments WHERE Status = 'Booked'")).body.rows;
    expect(rows).toEqual(expected);
    expect(result).toMatchObject({ rows: 1, parameters: null, size: Buffer.byteLength(JSON.stringify(rows)) });
    expect(q).toMatchObject({
      id,
      name: 'new appointments',
      registeredQueryType: 'query',
      status: 'enabled',
      frequency: 60,
      duration: 600,
      lastHash: createHash('sha256').update(JSON.stringify(rows)).digest('base64'),
      metrics: { executionSucceededCount: 1, executionFailedCount: 0 },
    });
  });

  it('should change lastHash only when the result changes', async () => {
    const text = "SELECT COUNT(*) AS n FROM PATIENTS WHERE SURNAME = 'Zzyzx'";
    const id = (await register({ registerCommand: { command: { text } } })).body.id;
    const first = (await ctx.call('GET', `${base}/${id}`)).body.lastHash;
    expect(decodeData((await ctx.call('GET', `${base}/${id}/results`)).body.data)).toEqual([{ n: 0 }]);
    await advance(60_000);
    const same = (await ctx.call('GET', `${base}/${id}`)).body;
    expect(same.lastHash).toBe(first);
    expect(same.metrics.executionSucceededCount).toBe(2);
    await sql("UPDATE PATIENTS SET SURNAME = 'Zzyzx' WHERE INTERNALID = 1");
    await advance(59_999);
    expect((await ctx.call('GET', `${base}/${id}`)).body.lastHash).toBe(first);
    await advance(1);
    const changed = (await ctx.call('GET', `${base}/${id}`)).body;
    expect(changed.metrics.executionSucceededCount).toBe(3);
    expect(changed.lastHash).toBe(
      createHash('sha256')
        .update(JSON.stringify([{ n: 1 }]))
        .digest('base64'),
    );
    expect(changed.lastHash).not.toBe(first);
    expect(decodeData((await ctx.call('GET', `${base}/${id}/results`)).body.data)).toEqual([{ n: 1 }]);
  });

  it('should complete after its duration, with floor(duration/frequency)+1 runs', async () => {
    const id = (await register({ frequency: 60, duration: 120 })).body.id;
    await advance(119_000);
    expect((await ctx.call('GET', `${base}/${id}`)).body.status).toBe('enabled');
    await advance(10_000);
    const done = (await ctx.call('GET', `${base}/${id}`)).body;
    expect(done).toMatchObject({
      status: 'completed',
      completedAt: expect.any(String),
      metrics: { executionSucceededCount: 3 },
    });
    await advance(600_000);
    expect((await ctx.call('GET', `${base}/${id}`)).body.metrics.executionSucceededCount).toBe(3);
    expect((await ctx.call('GET', `${base}/${id}/results`)).status).toBe(200);
  });

  it('should record failed runs in lastErrorDetails and serve no result before a success', async () => {
    const id = (await register({ registerCommand: { command: { text: 'selct', type: 'storedProcedure' } } })).body.id;
    await advance(60_000);
    const q = (await ctx.call('GET', `${base}/${id}`)).body;
    expect(q).toMatchObject({
      status: 'enabled',
      lastErrorDetails: {
        errorType: 'mssql',
        errorCode: 2812,
        errorMessage: "Could not find stored procedure 'selct'.",
      },
      metrics: { executionFailedCount: 2, executionSucceededCount: 0, lastFailedAt: expect.any(String) },
    });
    expect(q.lastHash).toBeUndefined();
    expect((await ctx.call('GET', `${base}/${id}/results`)).status).toBe(404);
  });

  it('should cancel with 204 and stop running', async () => {
    const id = (await register()).body.id;
    const del = await ctx.call('DELETE', `${base}/${id}`);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    await advance(600_000);
    const q = (await ctx.call('GET', `${base}/${id}`)).body;
    expect(q).toMatchObject({ status: 'cancelled', metrics: { executionSucceededCount: 1 } });
    expect((await ctx.call('DELETE', `${base}/${id}`)).status).toBe(204);
  });

  it("should list the site's registered queries, finished ones included", async () => {
    const a = (await register({ name: 'a' })).body.id;
    const b = (await register({ name: 'b' })).body.id;
    await ctx.call('DELETE', `${base}/${b}`);
    const list = (await ctx.call('GET', base)).body.registeredQueries;
    expect(list.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([
      [a, 'enabled'],
      [b, 'cancelled'],
    ]);
    expect((await ctx.call('GET', `${base}/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await ctx.call('GET', `${base}/not-a-guid`)).status).toBe(400);
  });
});
