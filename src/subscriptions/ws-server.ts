/**
 * GraphQL over WebSocket (graphql-ws, `graphql-transport-ws`) on the HTTP server's own port and
 * path. Every operation goes through yoga's envelop (`getEnveloped`): the same schema, plugins,
 * error masking and context factory as HTTP and SSE. The only file that knows about `ws`.
 *
 * Hygiene: keep-alive pings (a peer that misses a pong is terminated), the connection-init
 * timeout (4408), a cap on operations per connection (the excess gets a BAD_USER_INPUT error), a
 * bounded message size (1009), 1001 on shutdown; the other close codes are graphql-ws's (4400 bad
 * message, 4401 subscribe before init, 4406 wrong subprotocol, 4409 duplicate id, 4429 repeated init).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, getOperationAST, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Context as WsContext } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import type { Context } from '../context.js';
import { SharedExecutions, type SharedExecutionsStats } from './shared-executions.js';

/** Limits and behaviour of the WebSocket transport. */
export interface WsServerOptions {
  /** @default '/graphql' */
  path?: string;
  /** Largest WebSocket message accepted; a bigger one closes the connection with 1009. @default 2 MiB */
  maxPayloadBytes?: number;
  /** Time a client has to send `connection_init` before the socket is closed with 4408. @default 3000 */
  connectionInitWaitTimeoutMs?: number;
  /** Interval of keep-alive pings; a client that has not answered by the next one is dropped. @default 12000 */
  keepAliveMs?: number;
  /** Operations one connection may run at once; more get a BAD_USER_INPUT error. @default 100 */
  maxSubscriptionsPerConnection?: number;
  /** Execute identical subscriptions (same operation, variables and credentials) once for all their subscribers. @default true */
  shareExecutions?: boolean;
  /**
   * Checks the credentials of `connection_init` (its `authorization` / `x-api-key` params, or the
   * upgrade request's headers); a rejection closes the socket with 4403 Forbidden. Each operation
   * is authenticated again by the context factory. @default every connection is accepted
   */
  authenticate?: (headers: Headers) => Promise<unknown>;
}

/** Counters for tests and metrics. */
export interface WsServerStats extends SharedExecutionsStats {
  connections: number;
  /** Operations running over all connections. */
  operations: number;
}

/** The attached graphql-ws server. */
export interface WsServer {
  stats(): WsServerStats;
  /** Closes every connection with 1001 ("going away"); peers that do not answer within `graceMs` are cut. */
  close(graceMs?: number): Promise<void>;
}

/** Yoga's enveloped functions for one operation. */
type Enveloped = ReturnType<YogaServerInstance<Record<string, never>, Context>['getEnveloped']>;

interface Operation {
  enveloped: Enveloped;
  /** Aborts the operation's `request.signal` (its context's signal) when the operation ends. */
  controller: AbortController;
  shareKey: string | undefined;
  /** The controller now belongs to a shared execution, which aborts it when the execution ends. */
  adopted: boolean;
}

const HOP_BY_HOP = new Set(['connection', 'upgrade', 'host', 'content-length', 'transfer-encoding', 'keep-alive']);

/** Attaches graphql-ws to `server` (upgrade requests on `path`). */
export function attachWebSocketServer(
  server: Server,
  yoga: YogaServerInstance<Record<string, never>, Context>,
  options: WsServerOptions = {},
): WsServer {
  const path = options.path ?? '/graphql';
  const maxOperations = options.maxSubscriptionsPerConnection ?? 100;
  const shared = new SharedExecutions(100, () =>
    new GraphQLError('The subscriber did not keep up with its events.', { extensions: { code: 'BAD_USER_INPUT' } }),
  );
  // noServer: the HTTP server's own errors (EADDRINUSE…) stay with it, and other paths get a 404.
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes ?? 2 * 1024 * 1024 });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const q = (req.url ?? '').indexOf('?');
    if ((q < 0 ? req.url : req.url?.slice(0, q)) !== path) {
      socket.on('error', () => socket.destroy());
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  server.on('upgrade', onUpgrade);
  const operations = new WeakMap<ExecutionArgs, Operation>();
  const byConnection = new WeakMap<object, Map<string, Operation>>();
  let running = 0;

  const connectionOperations = (ctx: object) => {
    let ops = byConnection.get(ctx);
    if (!ops) byConnection.set(ctx, (ops = new Map()));
    return ops;
  };
  const finish = (ctx: object, id: string) => {
    const ops = byConnection.get(ctx);
    const op = ops?.get(id);
    if (!ops || !op) return;
    ops.delete(id);
    running--;
    if (!op.adopted) op.controller.abort();
  };

  const disposable = useServer<Record<string, unknown> | undefined>(
    {
      isProd: true,
      connectionInitWaitTimeout: options.connectionInitWaitTimeoutMs ?? 3_000,
      async onConnect(ctx) {
        if (!options.authenticate) return true;
        try {
          await options.authenticate(operationHeaders(ctx.extra.request, ctx.connectionParams));
          return true;
        } catch {
          return false;
        }
      },
      async onSubscribe(ctx, id, payload) {
        if (Object.keys(ctx.subscriptions).length > maxOperations) {
          return [
            new GraphQLError(`Too many operations on this connection: at most ${maxOperations} at a time.`, {
              extensions: { code: 'BAD_USER_INPUT', limit: maxOperations },
            }),
          ];
        }
        const controller = new AbortController();
        const request = toFetchRequest(ctx.extra.request, ctx.connectionParams, controller.signal);
        const enveloped: Enveloped = yoga.getEnveloped({
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          request,
          params: payload,
          connectionParams: ctx.connectionParams,
        });
        let document: DocumentNode;
        let contextValue: unknown;
        try {
          document = enveloped.parse(payload.query);
          const errors = enveloped.validate(enveloped.schema, document);
          if (errors.length > 0) {
            controller.abort();
            return errors;
          }
          contextValue = await enveloped.contextFactory();
        } catch (error) {
          controller.abort();
          return [error instanceof GraphQLError ? error : new GraphQLError('Unexpected error.')];
        }
        const args: ExecutionArgs = {
          schema: enveloped.schema,
          document,
          operationName: payload.operationName ?? null,
          variableValues: payload.variables ?? null,
          contextValue,
        };
        const kind = getOperationAST(document, payload.operationName)?.operation;
        const op: Operation = {
          enveloped,
          controller,
          shareKey: kind === 'subscription' && options.shareExecutions !== false ? shareKey(payload, ctx) : undefined,
          adopted: false,
        };
        operations.set(args, op);
        connectionOperations(ctx).set(id, op);
        running++;
        return args;
      },
      execute: (args) => operation(args).enveloped.execute(args),
      subscribe: (args) => {
        const op = operation(args);
        const run = () => op.enveloped.subscribe(args) as Promise<ExecutionResult | AsyncIterable<ExecutionResult>>;
        if (op.shareKey === undefined) return run();
        return shared.join(op.shareKey, run, () => {
          op.adopted = true;
          return () => op.controller.abort();
        });
      },
      onComplete: (ctx, id) => finish(ctx, id),
      onClose(ctx) {
        for (const id of [...(byConnection.get(ctx)?.keys() ?? [])]) finish(ctx, id);
      },
    },
    wss,
    options.keepAliveMs ?? 12_000,
  );

  function operation(args: ExecutionArgs): Operation {
    const op = operations.get(args);
    if (!op) throw new Error('operation not prepared by onSubscribe');
    return op;
  }

  let closing: Promise<void> | undefined;
  return {
    stats: () => ({ connections: wss.clients.size, operations: running, ...shared.stats() }),
    close(graceMs = 1_000) {
      closing ??= (async () => {
        server.off('upgrade', onUpgrade);
        const disposed = disposable.dispose();
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([disposed, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs).unref()))]);
        clearTimeout(timer);
        for (const client of wss.clients) client.terminate();
        await disposed;
      })();
      return closing;
    },
  };
}

/**
 * The fetch `Request` yoga plugins and our context factory expect, built from the upgrade request:
 * its headers (an `authorization` in connection_init's payload wins, the usual way for browsers,
 * which cannot set WebSocket headers) and a signal that aborts when the operation ends.
 */
function toFetchRequest(req: IncomingMessage, connectionParams: Readonly<Record<string, unknown>> | undefined, signal: AbortSignal): Request {
  const headers = operationHeaders(req, connectionParams);
  let url = 'http://localhost/graphql';
  try {
    url = new URL(req.url ?? '/graphql', `http://${req.headers.host ?? 'localhost'}`).href;
  } catch {
    // keep the fallback
  }
  return new Request(url, { method: 'POST', headers, signal });
}

/** The upgrade request's headers, with the credentials of connection_init's payload (which win). */
function operationHeaders(req: IncomingMessage, connectionParams: Readonly<Record<string, unknown>> | undefined): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || name.startsWith('sec-websocket-')) continue;
    try {
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    } catch {
      // A header value fetch refuses is dropped, as a proxy would.
    }
  }
  for (const name of ['authorization', 'x-api-key']) {
    const value = connectionParams?.[name] ?? connectionParams?.[name.replace(/(^|-)[a-z]/g, (c) => c.toUpperCase())];
    if (typeof value !== 'string') continue;
    try {
      headers.set(name, value);
    } catch {
      // not a valid header value: authentication then fails on what remains
    }
  }
  return headers;
}

/** Executions are shared only between callers with the same operation, variables and credentials. */
function shareKey(payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null }, ctx: WsContext<Record<string, unknown> | undefined, Extra>): string {
  const h = ctx.extra.request.headers;
  const identity = [h.authorization ?? null, h['x-api-key'] ?? null, h.cookie ?? null, ctx.connectionParams ?? null];
  return createHash('sha256')
    .update(JSON.stringify([payload.query, payload.operationName ?? null, payload.variables ?? null, identity]))
    .digest('base64url');
}
