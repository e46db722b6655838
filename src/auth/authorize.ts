/**
 * Authorization: what a principal may do, checked before any upstream call.
 *
 * Two layers, both local (no call to Halo is made to decide):
 * - resolvers call `authorizeSite` / `authorizeCommand` for a clear, early answer;
 * - every request's Halo datasource and live-query facade are wrapped by `authorizedDataSource` /
 *   `authorizedLive`, so no call can reach Halo for a site or operation the client may not use,
 *   whichever resolver (or loader, or future field) makes it. The policy table is typed over every
 *   datasource method: a new method does not compile until it has a policy.
 *
 * A site the client may not see is answered exactly like an unknown one (`SITE_NOT_FOUND`, same
 * message, same code path), so nobody can probe which practices exist. A missing permission is
 * `FORBIDDEN`; a write without the `writes` permission is `WRITES_DISABLED`.
 *
 * | operation | permission |
 * |---|---|
 * | `site`, `sites` (getSite, getSites: the list is filtered) | any of read, async, registered |
 * | `runImmediateQuery` READER/SCALAR, `patient`, `patients` | read |
 * | `submitAsyncQuery` | async |
 * | `sqlQuery`, result pages, `/export`, `queryStatusChanged` | read or async |
 * | registered queries: create, cancel, read, results, `registeredQueryResultChanged` | registered |
 * | NON_QUERY or STORED_PROCEDURE (any of the above) | writes, in addition |
 * | `pairSite` | writes, and every site (`"*"`) |
 */
import type { GraphQLError } from 'graphql';
import type { HaloDataSource } from '../datasources/halo-client.js';
import { HaloApiError } from '../datasources/halo-error.js';
import type { HaloOperationId } from '../datasources/types.js';
import { apiError, badUserInput } from '../errors/api-errors.js';
import { SECURITY_DEFAULTS } from '../security/config.js';
import { createSqlGuard, SQL_GUARD_MESSAGES, type SqlGuard } from '../security/sql-guard.js';
import type { LiveQueries } from '../subscriptions/live-queries.js';
import { isGuid } from '../lib/guid.js';
import { canSeeSite, type Permission, type Principal } from './principal.js';

/** Anything carrying the request's principal (the GraphQL context). */
export interface HasPrincipal {
  readonly principal: Principal;
}

/** The part of a Halo command the checks read. */
export interface CommandShape {
  text: string;
  executionMode?: 'reader' | 'nonQuery' | 'scalar' | undefined;
  type?: 'text' | 'storedProcedure' | undefined;
}

/** SITE_NOT_FOUND, built exactly as an upstream 404 for an unknown site is. */
function siteNotFound(operationId: HaloOperationId, siteId: string): HaloApiError {
  return new HaloApiError({ operationId, siteId, kind: 'general', code: 'SITE_NOT_FOUND', status: 404 });
}

/** FORBIDDEN: a visible site, but an operation this client may not use. */
export const forbidden = (): GraphQLError => apiError('FORBIDDEN', 'This client is not allowed to do that.');
/** WRITES_DISABLED: the client lacks the writes permission (NON_QUERY, or a stored procedure). */
export const writesDisabled = (storedProcedure = false): GraphQLError =>
  storedProcedure
    ? apiError('WRITES_DISABLED', 'Stored procedures are not enabled for this client.')
    : apiError('WRITES_DISABLED');

/** True when the principal holds at least one of `permissions`. */
export function holdsAny(principal: Principal, permissions: readonly Permission[]): boolean {
  return permissions.some((p) => principal.permissions.has(p));
}

/**
 * Checks that the caller may use `siteId` for `permission` (any one of a list), before any upstream call.
 * @returns the site id, lower-cased.
 * @throws GraphQLError BAD_USER_INPUT (not a GUID), SITE_NOT_FOUND (a site the client may not see:
 *   the same answer as an unknown site), FORBIDDEN (visible site, missing permission).
 */
export function authorizeSite(
  ctx: HasPrincipal,
  siteId: string,
  permission: Permission | readonly Permission[],
  argument = 'siteId',
): string {
  if (!isGuid(siteId)) throw badUserInput(`${argument} must be a Halo GUID (a UUID).`, { argument });
  if (!canSeeSite(ctx.principal, siteId)) throw apiError('SITE_NOT_FOUND');
  if (!holdsAny(ctx.principal, typeof permission === 'string' ? [permission] : permission)) throw forbidden();
  return siteId.toLowerCase();
}

let defaultGuard: SqlGuard | undefined;

/** The SQL guard used by `authorizeCommand`: one per process, so repeated texts are parsed once. */
function sqlGuard(): SqlGuard {
  return (defaultGuard ??= createSqlGuard({ maxLength: SECURITY_DEFAULTS.sqlMaxLength }));
}

/**
 * Checks a command before it is sent: NON_QUERY and stored procedures need `writes`
 * (WRITES_DISABLED); READER and SCALAR text must pass the SQL guard (BAD_USER_INPUT with a fixed,
 * SQL-free message and `extensions.reason`).
 */
export function authorizeCommand(ctx: HasPrincipal, command: CommandShape): void {
  if (command.executionMode === 'nonQuery' || command.type === 'storedProcedure') {
    if (!ctx.principal.permissions.has('writes')) throw writesDisabled(command.executionMode !== 'nonQuery');
    return;
  }
  const verdict = sqlGuard()(command.text);
  if (!verdict.ok)
    throw badUserInput(SQL_GUARD_MESSAGES[verdict.reason], {
      argument: 'sql',
      reason: `SQL_GUARD_${verdict.reason.toUpperCase()}`,
    });
}

// ── The datasource wrapper ───────────────────────────────────────────────────────────────────────

type Policy =
  /** A call on one site (first argument): the site must be visible and one permission held. */
  | {
      kind: 'site';
      operationId: HaloOperationId;
      permissions: readonly Permission[];
      command?: (args: readonly unknown[]) => CommandShape | undefined;
    }
  /** getSites: any site permission; the answer keeps only visible sites. */
  | { kind: 'site-list' }
  /** Pairing: needs writes and every site. */
  | { kind: 'pairing' };

const SITE_READ: readonly Permission[] = ['read', 'async', 'registered'];
const QUERY_READ: readonly Permission[] = ['read', 'async'];
const REGISTERED: readonly Permission[] = ['registered'];

const immediateCommand = (args: readonly unknown[]) => (args[1] as { command?: CommandShape } | undefined)?.command;
const registeredCommand = (args: readonly unknown[]) =>
  (args[1] as { registerCommand?: { command?: CommandShape } } | undefined)?.registerCommand?.command;

/** Every datasource method and what it needs. Typed over the interface: none can be missing. */
const POLICIES: { readonly [K in keyof HaloDataSource]: Policy } = {
  integratorPairSite: { kind: 'pairing' },
  pairSite: { kind: 'pairing' },
  getSites: { kind: 'site-list' },
  getSite: { kind: 'site', operationId: 'getSite', permissions: SITE_READ },
  createImmediateQuery: {
    kind: 'site',
    operationId: 'createImmediateQuery',
    permissions: ['read'],
    command: immediateCommand,
  },
  createAsyncQuery: {
    kind: 'site',
    operationId: 'createAsyncQuery',
    permissions: ['async'],
    command: immediateCommand,
  },
  getQuery: { kind: 'site', operationId: 'getQuery', permissions: QUERY_READ },
  getQueryStatusBatch: { kind: 'site', operationId: 'getQueryStatusBatch', permissions: QUERY_READ },
  getResultPage: { kind: 'site', operationId: 'getResultPage', permissions: QUERY_READ },
  streamResultPage: { kind: 'site', operationId: 'streamResultPage', permissions: QUERY_READ },
  readResultPage: { kind: 'site', operationId: 'getResultPage', permissions: QUERY_READ },
  readStreamedResultPage: { kind: 'site', operationId: 'streamResultPage', permissions: QUERY_READ },
  readAllPages: { kind: 'site', operationId: 'getResultPage', permissions: QUERY_READ },
  createRegisteredQuery: {
    kind: 'site',
    operationId: 'createRegisteredQuery',
    permissions: REGISTERED,
    command: registeredCommand,
  },
  getRegisteredQueries: { kind: 'site', operationId: 'getRegisteredQueries', permissions: REGISTERED },
  getRegisteredQuery: { kind: 'site', operationId: 'getRegisteredQuery', permissions: REGISTERED },
  cancelRegisteredQuery: { kind: 'site', operationId: 'cancelRegisteredQuery', permissions: REGISTERED },
  getRegisteredQueryResult: { kind: 'site', operationId: 'getRegisteredQueryResult', permissions: REGISTERED },
  readRegisteredQueryResult: { kind: 'site', operationId: 'getRegisteredQueryResult', permissions: REGISTERED },
  getFhirQuery: { kind: 'site', operationId: 'getFhirQuery', permissions: ['read'] },
  postFhirSearch: { kind: 'site', operationId: 'postFhirSearch', permissions: ['read'] },
};

/** The names of the methods that return an async generator rather than a promise. */
const GENERATORS: ReadonlySet<string> = new Set<keyof HaloDataSource>(['readAllPages']);

/** Why a call is refused, or undefined when it may go ahead. */
function refusal(principal: Principal, policy: Policy, args: readonly unknown[]): Error | undefined {
  switch (policy.kind) {
    case 'pairing':
      return principal.sites === '*' && principal.permissions.has('writes') ? undefined : forbidden();
    case 'site-list':
      return holdsAny(principal, SITE_READ) ? undefined : forbidden();
    case 'site': {
      const siteId = args[0];
      if (typeof siteId !== 'string' || !canSeeSite(principal, siteId))
        return siteNotFound(policy.operationId, typeof siteId === 'string' ? siteId : '');
      if (!holdsAny(principal, policy.permissions)) return forbidden();
      const command = policy.command?.(args);
      if (command) {
        try {
          authorizeCommand({ principal }, command);
        } catch (e) {
          return e as Error;
        }
      }
      return undefined;
    }
  }
}

/**
 * The request's datasource, limited to what `principal` may do: a refused call rejects (or, for
 * `readAllPages`, its generator throws) without reaching Halo; `getSites` returns only visible sites.
 * One small object per request: the methods live on a shared prototype (so a spread copy has none).
 */
export function authorizedDataSource(ds: HaloDataSource, principal: Principal): HaloDataSource {
  return new AuthorizedDataSource(ds, principal) as unknown as HaloDataSource;
}

class AuthorizedDataSource {
  constructor(
    readonly ds: HaloDataSource,
    readonly principal: Principal,
  ) {}
}

for (const name of Object.keys(POLICIES) as Array<keyof HaloDataSource>) {
  const policy = POLICIES[name];
  const generator = GENERATORS.has(name);
  Object.defineProperty(AuthorizedDataSource.prototype, name, {
    configurable: true,
    writable: true,
    value: function authorized(this: AuthorizedDataSource, ...args: unknown[]): unknown {
      const { ds, principal } = this;
      const refused = refusal(principal, policy, args);
      if (refused) {
        if (generator) {
          return (async function* refusedPages(): AsyncGenerator<never, void, undefined> {
            throw refused;
          })();
        }
        return Promise.reject(refused);
      }
      const result = (ds[name] as (...a: unknown[]) => unknown).apply(ds, args);
      if (policy.kind === 'site-list' && principal.sites !== '*') {
        const visible = principal.sites;
        return (result as Promise<{ sites?: Array<{ id?: string }> }>).then((r) => ({
          ...r,
          sites: (r.sites ?? []).filter((s) => typeof s.id === 'string' && visible.has(s.id.toLowerCase())),
        }));
      }
      return result;
    },
  });
}

/**
 * The live-query facade a request sees: subscriptions start only for visible sites and with the
 * permission of the query kind (read or async for a query's status, registered for results).
 */
export function authorizedLive(live: LiveQueries, principal: Principal): LiveQueries {
  let byPrincipal = liveFacades.get(live);
  if (!byPrincipal) liveFacades.set(live, (byPrincipal = new WeakMap()));
  let facade = byPrincipal.get(principal);
  if (!facade) byPrincipal.set(principal, (facade = liveFacade(live, principal)));
  return facade;
}

/** Facades by live-queries instance and principal (an API key's principal lives as long as the app). */
const liveFacades = new WeakMap<LiveQueries, WeakMap<Principal, LiveQueries>>();

function liveFacade(live: LiveQueries, principal: Principal): LiveQueries {
  const check = (siteId: string, permissions: readonly Permission[]): void => {
    if (!canSeeSite(principal, siteId)) throw apiError('SITE_NOT_FOUND');
    if (!holdsAny(principal, permissions)) throw forbidden();
  };
  return {
    ...bindAll(live),
    queryStatus: async (siteId, queryId, signal) => {
      check(siteId, QUERY_READ);
      return live.queryStatus(siteId, queryId, signal);
    },
    registeredResults: async (siteId, queryId, signal) => {
      check(siteId, REGISTERED);
      return live.registeredResults(siteId, queryId, signal);
    },
  };
}

/** The object's methods bound to it (so a spread copy still works on class instances). */
function bindAll<T extends object>(target: T): T {
  const out: Record<string, unknown> = {};
  let proto: object | null = target;
  while (proto && proto !== Object.prototype) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key === 'constructor' || key in out) continue;
      const value = (target as Record<string, unknown>)[key];
      out[key] = typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    }
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return out as T;
}
