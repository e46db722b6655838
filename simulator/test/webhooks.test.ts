import { once } from 'node:events';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { OnlineSite } from '../src/fixtures.js';
import { startSimulator, type Simulator } from '../src/server.js';
import { simClient, type SimCall } from './helpers.js';

const SECRET = 'whsec-test-secret';

interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
}

/** A receiver that verifies signatures the way an integrator would (raw body + "." + timestamp). */
function verify(r: Received): boolean {
  const ts = String(r.headers['x-halo-timestamp']);
  const expected = createHmac('sha256', SECRET).update(`${r.raw}.${ts}`).digest();
  const given = Buffer.from(String(r.headers['x-halo-signature-256']), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

let receiver: Server;
let sim: Simulator;
let call: SimCall;
let received: Received[] = [];
let failNext = 0;
let waiters: Array<() => void> = [];
const nextDelivery = () => new Promise<void>((resolve) => waiters.push(resolve));

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(500).end();
      } else {
        received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      }
      const w = waiters;
      waiters = [];
      for (const resolve of w) resolve();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const port = (receiver.address() as AddressInfo).port;
  sim = await startSimulator({
    port: 0,
    timeScale: 0,
    webhookUrl: `http://127.0.0.1:${port}/hooks/{source}`,
    webhookSecret: SECRET,
  });
  call = simClient(sim);
});

afterAll(async () => {
  await sim.stop();
  await new Promise((r) => receiver.close(r));
});

beforeEach(() => {
  sim.reset();
  received = [];
  failNext = 0;
});

const advance = (ms: number) => call('POST', '/_sim/clock/advance', { body: { ms } });

describe('webhooks', () => {
  it('should POST a signed webhook when an async query succeeds', async () => {
    const id = (
      await call('POST', `/integrator/sites/${OnlineSite.id}/queries/async`, {
        body: { command: { text: 'SELECT TOP 2 InternalID FROM BPS_Patients' } },
      })
    ).body.id;
    const delivered = nextDelivery();
    await advance(10_000);
    await delivered;
    expect(received).toHaveLength(1);
    const hook = received[0]!;
    expect(verify(hook)).toBe(true);
    const payload = JSON.parse(hook.raw);
    expect(payload).toEqual({
      id: hook.headers['x-halo-id'],
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00$/),
      siteId: OnlineSite.id,
      queryId: id,
      webhookSource: 'async',
    });
    expect(String(hook.headers['x-halo-signature-256'])).toMatch(/^[0-9a-f]{64}$/);
    expect(Math.abs(Date.parse(String(hook.headers['x-halo-timestamp'])) - Date.now())).toBeLessThan(60_000);
    // A tampered body no longer verifies.
    expect(verify({ ...hook, raw: hook.raw.replace('async', 'registered') })).toBe(false);
  });

  it('should POST on a registered query result change only', async () => {
    const first = nextDelivery();
    const id = (
      await call('POST', `/integrator/sites/${OnlineSite.id}/queries/registered`, {
        body: {
          name: 'w',
          registeredQueryType: 'query',
          frequency: 60,
          duration: 3600,
          registerCommand: { command: { text: "SELECT COUNT(*) AS n FROM PATIENTS WHERE SURNAME = 'Qwerty'" } },
        },
      })
    ).body.id;
    await first;
    expect(JSON.parse(received[0]!.raw)).toMatchObject({ queryId: id, webhookSource: 'registered' });
    await advance(60_000); // same result: no webhook
    await call('POST', '/_sim/sql', {
      body: { siteId: OnlineSite.id, sql: "UPDATE PATIENTS SET SURNAME = 'Qwerty' WHERE INTERNALID = 2" },
    });
    const second = nextDelivery();
    await advance(60_000);
    await second;
    expect(received).toHaveLength(2);
    expect(verify(received[1]!)).toBe(true);
    const log = (await call('GET', '/_sim/webhooks')).body;
    expect(log.map((d: { source: string; delivered: boolean }) => [d.source, d.delivered])).toEqual([
      ['registered', true],
      ['registered', true],
    ]);
  });

  it('should retry with backoff when the receiver fails', async () => {
    failNext = 2;
    await call('POST', `/integrator/sites/${OnlineSite.id}/queries/async`, {
      body: { command: { text: 'SELECT 1 AS one' } },
    });
    const attempted = () => once(sim.webhooks.events, 'attempt');
    let settled = attempted();
    await advance(10_000);
    expect((await settled)[0]).toMatchObject({ attempts: 1, delivered: false, lastStatus: 500 });
    settled = attempted();
    await advance(999);
    expect(received).toHaveLength(0);
    await advance(1);
    expect((await settled)[0]).toMatchObject({ attempts: 2, delivered: false });
    settled = attempted();
    await advance(2_000);
    expect((await settled)[0]).toMatchObject({ attempts: 3, delivered: true });
    expect(received).toHaveLength(1);
    expect(verify(received[0]!)).toBe(true);
    const [delivery] = (await call('GET', '/_sim/webhooks')).body;
    expect(delivery).toMatchObject({ attempts: 3, delivered: true, lastStatus: 204 });
  });
});
