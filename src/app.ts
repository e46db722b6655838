import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createYoga, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { createContextFactory, type Context } from './context.js';
import { createHaloClient, type HaloClient, type HaloClientConfig } from './datasources/halo-client.js';
import { handleExport, isExportRequest } from './export.js';
import { graphiqlExamples } from './graphiql-examples.js';
import { maskError } from './schema/errors.js';
import { schema } from './schema/index.js';

export interface AppConfig {
  /** Halo's origin, e.g. https://api.stage.haloconnect.io, or the simulator's URL. */
  haloApiUrl: string;
  haloSubscriptionKey: string;
  /** Whether NON_QUERY commands (writes on practice databases) are allowed. @default false */
  allowWrites?: boolean;
  /** Serve GraphiQL on GET /graphql. @default true */
  graphiql?: boolean;
  /** Site id the GraphiQL examples use. */
  exampleSiteId?: string;
  /** Overrides for the Halo client (timeouts, retry, breaker…). */
  halo?: Partial<Omit<HaloClientConfig, 'baseUrl' | 'subscriptionKey'>>;
}

export interface App {
  yoga: YogaServerInstance<Record<string, never>, Context>;
  server: Server;
  halo: HaloClient;
  /** Listens (port 0 = any free port) and resolves with the URL. */
  start(port?: number, host?: string): Promise<{ url: string; port: number }>;
  /** Closes client sockets, the HTTP server and the Halo connection pool. Idempotent. */
  stop(): Promise<void>;
}

/** Builds the façade. No listening, no env reads: `main.ts` does that. */
export function createApp(config: AppConfig): App {
  const halo = createHaloClient({ ...config.halo, baseUrl: config.haloApiUrl, subscriptionKey: config.haloSubscriptionKey });

  let readyUntil = 0;
  const yoga = createYoga<Record<string, never>, Context>({
    schema,
    context: createContextFactory({ halo, allowWrites: config.allowWrites ?? false }),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    logging: false,
    graphiql: config.graphiql === false ? false : { title: 'halo-graphql', defaultQuery: graphiqlExamples(config.exampleSiteId) },
    maskedErrors: { maskError },
    plugins: [
      useDeferStream(),
      useReadinessCheck({
        endpoint: '/readiness',
        // Ready when Halo answers a cheap read; the answer is cached for 10 s so probes cost little.
        check: async () => {
          if (Date.now() < readyUntil) return true;
          try {
            await halo.forRequest().getSites({ practiceManagementSiteId: '0', practiceManagementName: 'Zedmed' }, { deadlineMs: 5_000 });
            readyUntil = Date.now() + 10_000;
            return true;
          } catch {
            return false;
          }
        },
      }),
    ],
  });

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    if (isExportRequest(req.url ?? '')) {
      handleExport(req, res, halo).catch(() => res.destroy());
      return;
    }
    void yoga(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  let stopped: Promise<void> | undefined;
  return {
    yoga,
    server,
    halo,
    async start(port = 0, host = '127.0.0.1') {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const address = server.address() as AddressInfo;
      const h = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return { url: `http://${h}:${address.port}`, port: address.port };
    },
    stop() {
      stopped ??= (async () => {
        const closed = server.listening ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
        for (const socket of sockets) socket.destroy();
        await closed;
        await halo.close();
      })();
      return stopped;
    },
  };
}
