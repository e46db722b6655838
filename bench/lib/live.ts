/**
 * Set-up shared by the subscription scenarios (targets 5–8): whether subscriptions exist in this
 * checkout, a simulator and the bench façade with a webhook secret, a registered query whose result
 * the runner can change at will, and Halo-style signed webhooks sent by the runner (acting as Halo).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { facadeEntryError, REPO } from './build.js';
import { OnlineSite } from './env.js';
import { Http, simControl, type SimControl } from './http.js';
import { startFacade, startSimulator, type FacadeProcess, type SimProcess } from './processes.js';
import type { ScenarioContext } from './scenario.js';
import { sleep } from './scope.js';
import type { GqlWsSocket } from './ws-client.js';

export const WEBHOOK_SECRET = 'bench-webhook-secret-0123456789';

export const REGISTERED_SUBSCRIPTION = /* GraphQL */ `
  subscription Registered($siteId: ID!, $queryId: ID!) {
    registeredQueryResultChanged(siteId: $siteId, queryId: $queryId) {
      hash
      previousHash
      result {
        rowCount
        rows
      }
    }
  }
`;

export const STATUS_SUBSCRIPTION = /* GraphQL */ `
  subscription Status($siteId: ID!, $queryId: ID!) {
    queryStatusChanged(siteId: $siteId, queryId: $queryId) {
      id
      status
      isTerminal
    }
  }
`;

/** Why the subscription scenarios cannot run in this checkout, or undefined when they can. */
export function subscriptionsUnavailable(): string | undefined {
  if (!existsSync(resolve(REPO, 'src/http/ws-server.ts'))) return 'src/http/ws-server.ts does not exist yet';
  const schema = readFileSync(resolve(REPO, 'schema.graphql'), 'utf8');
  if (
    !/type Subscription\b/.test(schema) ||
    !schema.includes('registeredQueryResultChanged') ||
    !schema.includes('queryStatusChanged')
  ) {
    return 'schema.graphql has no queryStatusChanged / registeredQueryResultChanged subscription yet';
  }
  if (facadeEntryError)
    return `bench/procs/facade.ts (createApp with a webhook secret) did not build: ${facadeEntryError}`;
  return undefined;
}

export interface LiveEnv {
  sim: SimProcess;
  control: SimControl;
  facade: FacadeProcess;
  wsUrl: string;
  http: Http;
  /** POSTs a webhook signed as Halo signs it; resolves with the HTTP status. */
  sendWebhook(siteId: string, queryId: string, source: 'async' | 'registered'): Promise<number>;
}

export async function startLiveEnv(
  ctx: ScenarioContext,
  options: {
    timeScale?: number;
    subscriptions?: Record<string, unknown>;
    profile?: string | undefined;
    nodeFlags?: string[];
  } = {},
): Promise<LiveEnv> {
  const sim = await startSimulator(ctx.scope, { timeScale: options.timeScale ?? 1 });
  const http = new Http(ctx.scope);
  const control = simControl(http, sim);
  const facade = await startFacade(ctx.scope, sim, {
    entry: 'bench',
    appConfig: {
      haloWebhookSecret: WEBHOOK_SECRET,
      subscriptions: {
        maxSubscriptionsPerConnection: 100,
        keepAliveMs: 120_000,
        connectionInitWaitTimeoutMs: 30_000,
        ...options.subscriptions,
      },
    },
    profile: options.profile,
    ...(options.nodeFlags ? { nodeFlags: options.nodeFlags } : {}),
  });
  const wsUrl = `${facade.url.replace(/^http/, 'ws')}/graphql`;
  const sendWebhook = async (siteId: string, queryId: string, source: 'async' | 'registered') => {
    const id = randomUUID();
    const body = JSON.stringify({ id, occurredAt: new Date().toISOString(), siteId, queryId, webhookSource: source });
    const timestamp = new Date().toISOString();
    const signature = createHmac('sha256', WEBHOOK_SECRET).update(`${body}.${timestamp}`, 'utf8').digest('hex');
    const res = await http.request(`${facade.url}/webhooks/halo`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-halo-id': id,
        'x-halo-timestamp': timestamp,
        'x-halo-signature-256': signature,
      },
      body,
    });
    return res.status;
  };
  return { sim, control, facade, wsUrl, http, sendWebhook };
}

/** A registered query on the online site whose result changes each time `bump()` is called. */
export async function createTickingRegisteredQuery(
  control: SimControl,
): Promise<{ siteId: string; queryId: string; bump(): Promise<void> }> {
  const siteId = OnlineSite.id;
  await control.call('POST', '/_sim/sql', { siteId, sql: 'CREATE TABLE IF NOT EXISTS BenchTick (v INTEGER NOT NULL)' });
  await control.call('POST', '/_sim/sql', { siteId, sql: 'DELETE FROM BenchTick' });
  await control.call('POST', '/_sim/sql', { siteId, sql: 'INSERT INTO BenchTick VALUES (0)' });
  const { id: queryId } = await control.call<{ id: string }>('POST', `/integrator/sites/${siteId}/queries/registered`, {
    name: 'bench tick',
    registeredQueryType: 'query',
    frequency: 3600,
    duration: 86_400,
    registerCommand: { command: { text: 'SELECT v FROM BenchTick', executionMode: 'reader', type: 'text' } },
  });
  return {
    siteId,
    queryId,
    async bump() {
      await control.call('POST', '/_sim/sql', { siteId, sql: 'UPDATE BenchTick SET v = v + 1' });
      await control.call('POST', `/_sim/registered/${queryId}/run`);
    },
  };
}

/** Waits until each socket has `n` deliveries, or throws after `timeoutMs` saying how many are missing. */
export async function waitForDeliveries(sockets: readonly GqlWsSocket[], n: number, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const missing = sockets.filter((s) => s.arrivals.length < n).length;
    if (missing === 0) return;
    if (performance.now() > deadline) {
      const errors = sockets.flatMap((s) => s.errors).slice(0, 2);
      throw new Error(
        `${missing} of ${sockets.length} subscribers did not get event ${n} within ${timeoutMs} ms${errors.length ? `: ${errors.join(' | ')}` : ''}`,
      );
    }
    await sleep(5);
  }
}
