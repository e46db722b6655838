/**
 * GraphQL over WebSocket (graphql-ws, `graphql-transport-ws`) on the HTTP server's own port and
 * path. Every operation goes through yoga's envelop (`getEnveloped`): the same schema, plugins,
 * error masking and context factory as HTTP and SSE. The only file that knows about `ws`.
 *
 * Identical subscriptions (same document, variables and credentials) share one execution
 * (./shared-executions.ts), whose results are serialised once and sent to each subscriber's socket
 * as a ready-made `next` message. A subscriber arriving while its execution runs is only admitted
 * (`admit`: authentication and rate limit, as the context factory would) and joins it: its
 * document was validated by the execution's first subscriber, and it needs no context of its own.
 *
 * Hygiene: keep-alive pings (a peer that misses a pong is terminated), the connection-init
 * timeout (4408), a cap on operations per connection (the excess gets a BAD_USER_INPUT error), a
 * bounded message size (1009), 1001 on shutdown; the other close codes are graphql-ws's (4400 bad
 * message, 4401 subscribe before init, 4406 wrong subprotocol, 4409 duplicate id, 4429 repeated init).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  GraphQLError,
  getOperationAST,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import type { Context as WsContext } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import type { Context } from '../request/context.js';
import type { Resolution } from './trusted-documents.js';
import {
  SharedExecutions,
  type Delivery,
  type Reservation,
  type SerializedResult,
  type SharedExecutionsStats,
} from './shared-executions.js';

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
  /**
   * Admits one operation as the context factory does (authenticates its credentials and charges
   * its client's rate limit; rejects with the same GraphQL errors). With it, a subscriber of an
   * execution that is already running joins it without a context of its own: no fetch `Request`,
   * no envelop, no datasource. Without it, every operation builds its context. @default none
   */
  admit?: (headers: Headers) => Promise<unknown>;
  /**
   * The document an operation runs (trusted documents, ./trusted-documents.ts): a subscribe payload
   * may carry `query: ""` and the document's id (`extensions.persistedQuery.sha256Hash` or
   * `documentId`). An error refuses the operation. @default the payload's query as it is
   */
  resolveDocument?: (payload: SubscribePayload) => Resolution | undefined;
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

/** What a subscriber needs from the operation that started a shared execution to join it. */
interface ShareInfo {
  schema: GraphQLSchema;
  document: DocumentNode;
}

interface Operation {
  /** Yoga's functions for the operation; none for a subscriber that joined without a context. */
  enveloped: Enveloped | undefined;
  /** Aborts the operation's `request.signal` (its context's signal) when the operation ends. */
  controller: AbortController | undefined;
  shareKey: string | undefined;
  /** The controller now belongs to a shared execution, which aborts it when the execution ends. */
  adopted: boolean;
  /** Sends a shared execution's results to this subscriber's socket. */
  delivery: Delivery | undefined;
  /** The place a subscriber admitted without a context holds in a running execution. */
  reservation: Reservation<ShareInfo> | undefined;
}

type Ctx = WsContext<Record<string, unknown> | undefined, Extra>;

const HOP_BY_HOP = new Set(['connection', 'upgrade', 'host', 'content-length', 'transfer-encoding', 'keep-alive']);

/** Attaches graphql-ws to `server` (upgrade requests on `path`). */
export function attachWebSocketServer(
  server: Server,
  yoga: YogaServerInstance<Record<string, never>, Context>,
  options: WsServerOptions = {},
): WsServer {
  const path = options.path ?? '/graphql';
  const maxOperations = options.maxSubscriptionsPerConnection ?? 100;
  const maxQueued = 100;
  const sharing = options.shareExecutions !== false;
  const admit = options.admit;
  const shared = new SharedExecutions<ShareInfo>({
    maxQueued,
    overflowError: () =>
      new GraphQLError('The subscriber did not keep up with its events.', { extensions: { code: 'BAD_USER_INPUT' } }),
    serialize: nextPayload,
  });
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
    op.reservation?.release();
    if (!op.adopted) op.controller?.abort();
  };
  const register = (ctx: Ctx, id: string, args: ExecutionArgs, op: Operation): ExecutionArgs => {
    operations.set(args, op);
    connectionOperations(ctx).set(id, op);
    running++;
    return args;
  };
  /** A subscriber of a running execution: admitted like any operation, then it shares the execution's context. */
  const joinRunning = async (
    ctx: Ctx,
    id: string,
    payload: SubscribePayload,
    key: string,
    reservation: Reservation<ShareInfo>,
    admit: (headers: Headers) => Promise<unknown>,
  ) => {
    try {
      await admit(operationHeaders(ctx.extra.request, ctx.connectionParams));
    } catch (error) {
      reservation.release();
      return [error instanceof GraphQLError ? error : new GraphQLError('Unexpected error.')];
    }
    const { schema, document } = reservation.info;
    const args: ExecutionArgs = {
      schema,
      document,
      operationName: payload.operationName ?? null,
      variableValues: payload.variables ?? null,
      contextValue: undefined,
    };
    return register(ctx, id, args, {
      enveloped: undefined,
      controller: undefined,
      shareKey: key,
      adopted: false,
      delivery: new SocketDelivery(ctx, id, maxQueued),
      reservation,
    });
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
      async onSubscribe(ctx, id, received) {
        if (Object.keys(ctx.subscriptions).length > maxOperations) {
          return [
            new GraphQLError(`Too many operations on this connection: at most ${maxOperations} at a time.`, {
              extensions: { code: 'BAD_USER_INPUT', limit: maxOperations },
            }),
          ];
        }
        const resolution = options.resolveDocument?.(received);
        if (resolution && 'error' in resolution) {
          // `extensions.http` is the HTTP status of the same refusal over HTTP: not for a WebSocket.
          const { http: _http, ...extensions } = resolution.error.extensions;
          return [new GraphQLError(resolution.error.message, { extensions })];
        }
        const payload: SubscribePayload = resolution
          ? { query: resolution.query, operationName: received.operationName, variables: received.variables }
          : received;
        const key = sharing ? shareKey(payload, ctx) : undefined;
        // Validation passed for the running execution's identical document: only admission is left.
        const reservation = key !== undefined && admit ? shared.reserve(key) : undefined;
        if (reservation) return joinRunning(ctx, id, payload, key!, reservation, admit!);
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
        const shareable =
          key !== undefined && getOperationAST(document, payload.operationName)?.operation === 'subscription';
        return register(ctx, id, args, {
          enveloped,
          controller,
          shareKey: shareable ? key : undefined,
          adopted: false,
          delivery: shareable ? new SocketDelivery(ctx, id, maxQueued) : undefined,
          reservation: undefined,
        });
      },
      execute: (args) => operation(args).enveloped!.execute(args),
      subscribe: async (args) => {
        const op = operation(args);
        const reservation = op.reservation;
        if (reservation) {
          op.reservation = undefined;
          return reservation.attach(op.delivery);
        }
        const enveloped = op.enveloped!;
        const run = () => enveloped.subscribe(args) as Promise<ExecutionResult | AsyncIterable<ExecutionResult>>;
        if (op.shareKey === undefined) return run();
        const outcome = await shared.join(
          op.shareKey,
          run,
          () => {
            op.adopted = true;
            return () => op.controller?.abort();
          },
          { schema: args.schema, document: args.document },
          op.delivery,
        );
        if (!op.adopted) {
          // It joined an execution started by another subscriber meanwhile: its own context is not needed.
          op.enveloped = undefined;
          args.contextValue = undefined;
        }
        return outcome;
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
function toFetchRequest(
  req: IncomingMessage,
  connectionParams: Readonly<Record<string, unknown>> | undefined,
  signal: AbortSignal,
): Request {
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
function operationHeaders(
  req: IncomingMessage,
  connectionParams: Readonly<Record<string, unknown>> | undefined,
): Headers {
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

/**
 * Executions are shared only between callers with the same operation, variables and credentials
 * (the upgrade request's and connection_init's): the same principal, with the same access.
 */
function shareKey(payload: SubscribePayload, ctx: Ctx): string {
  const h = ctx.extra.request.headers;
  const identity = [h.authorization ?? null, h['x-api-key'] ?? null, h.cookie ?? null, ctx.connectionParams ?? null];
  return createHash('sha256')
    .update(JSON.stringify([payload.query, payload.operationName ?? null, payload.variables ?? null, identity]))
    .digest('base64url');
}

interface SubscribePayload {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  extensions?: Record<string, unknown> | null;
  documentId?: unknown;
}

/** A `next` message's payload as graphql-ws's `emit.next` writes it: `errors` last, and only when present. */
function nextPayload(result: ExecutionResult): string {
  const { errors, ...rest } = result;
  return JSON.stringify(errors ? { ...rest, errors } : rest);
}

const nextMessage = (payload: string, idJson: string): string =>
  '{"id":' + idJson + ',"type":"next","payload":' + payload + '}';
const TEXT = { binary: false };

/**
 * Sends a shared execution's results to one subscriber's socket as ready-made `next` messages
 * (graphql-ws's own loop for the operation then only waits for its end, and sends the `complete`
 * or `error` after them). Nothing is sent once the client completed the operation or the socket
 * closed; a socket with `maxPending` messages not yet written is too slow.
 */
class SocketDelivery implements Delivery {
  private pending = 0;
  private readonly idJson: string;
  private readonly written = (): void => {
    this.pending--;
  };

  constructor(
    private readonly ctx: Ctx,
    private readonly id: string,
    private readonly maxPending: number,
  ) {
    this.idJson = JSON.stringify(id);
  }

  send(result: SerializedResult): boolean {
    const { socket } = this.ctx.extra;
    if (!(this.id in this.ctx.subscriptions) || socket.readyState !== socket.OPEN) return true;
    if (this.pending >= this.maxPending) return false;
    this.pending++;
    socket.send(result.frame(this.idJson, nextMessage), TEXT, this.written);
    return true;
  }
}
