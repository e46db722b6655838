/**
 * Authorization: who may call what, stated once. Every Halo operation of the datasource and every
 * live watch has one entry in `POLICIES`; the request's authorized datasource and live facade
 * (src/request/) check each call against it before anything reaches Halo, so no resolver, loader
 * or future field restates a permission. The table is typed over the datasource's operations: a
 * new operation does not compile until it has a policy.
 *
 * A site the client may not see is answered exactly like an unknown one (`SITE_NOT_FOUND`, same
 * message, same code path), so nobody can probe which practices exist. A missing permission is
 * `FORBIDDEN`, naming the permission (`extensions.permission`); a write without the `writes`
 * permission is `WRITES_DISABLED`.
 *
 * | operation | permission |
 * |---|---|
 * | `site`, `sites`, `sitesByIds` (getSite, getSites: the list is filtered), `Site.usage` | any of read, async, registered, sql |
 * | named queries (`Site.<name>`, `Subscription.<name>Changed`) | read |
 * | `runImmediateQuery` READER/SCALAR, `patient`, `patients` | read (and sql for the query) |
 * | `submitAsyncQuery` | async (and sql) |
 * | `sqlQuery`, result pages, `/export`, `queryStatusChanged` | read or async |
 * | registered queries: cancel, read, results, `registeredQueryResultChanged` | registered |
 * | `createRegisteredQuery` | registered (and sql) |
 * | SQL text the client sends (any command above) | sql, in addition (FORBIDDEN with `permission: sql`) |
 * | NON_QUERY or STORED_PROCEDURE (any of the above) | writes, in addition |
 * | `pairSite` | writes, and every site (`"*"`) |
 */
import type { GraphQLError } from 'graphql';
import type { HaloOperations } from '../datasources/halo-client.js';
import { HaloApiError } from '../datasources/halo-error.js';
import type { HaloOperationId } from '../datasources/types.js';
import { apiError, badUserInput } from '../errors/api-errors.js';
import { SECURITY_DEFAULTS } from '../security/config.js';
import { createSqlGuard, SQL_GUARD_MESSAGES, type SqlGuard } from '../security/sql-guard.js';
import { canSeeSite, type Permission, type Principal } from './principal.js';

/** What a call needs. */
export type Policy =
  /** A call on one site: the site must be visible and one of `permissions` held. */
  | { kind: 'site'; permissions: readonly Permission[]; operationId: HaloOperationId }
  /** A live watch on one site (its refusals are GraphQL errors, not Halo ones). */
  | { kind: 'watch'; permissions: readonly Permission[] }
  /** getSites: any site permission; the answer keeps only visible sites. */
  | { kind: 'site-list' }
  /** Pairing: needs writes and every site. */
  | { kind: 'pairing' };

/** The live watches a request may start (src/subscriptions/live-queries.ts). */
export type WatchOperation = 'queryStatus' | 'registeredResults' | 'sharedRegisteredResults';
/** Catalogue statements (src/catalogue/): the SQL is the operator's, not the client's. */
export type NamedQueryOperation = 'runNamedQuery' | 'submitNamedQuery';
/** Reads of this deployment's own records about a site (src/usage/): no Halo call. */
export type UsageOperation = 'siteUsage';
export type Operation = keyof HaloOperations | WatchOperation | NamedQueryOperation | UsageOperation;

export const SITE_READ: readonly Permission[] = ['read', 'async', 'registered', 'sql'];
const QUERY_READ: readonly Permission[] = ['read', 'async'];
const REGISTERED: readonly Permission[] = ['registered'];

const site = (operationId: HaloOperationId, permissions: readonly Permission[]): Policy => ({
  kind: 'site',
  operationId,
  permissions,
});

/** Every operation and what it needs. */
export const POLICIES: { readonly [K in Operation]: Policy } = {
  integratorPairSite: { kind: 'pairing' },
  pairSite: { kind: 'pairing' },
  getSites: { kind: 'site-list' },
  getSite: site('getSite', SITE_READ),
  createImmediateQuery: site('createImmediateQuery', ['read']),
  createAsyncQuery: site('createAsyncQuery', ['async']),
  getQuery: site('getQuery', QUERY_READ),
  getQueryStatusBatch: site('getQueryStatusBatch', QUERY_READ),
  getResultPage: site('getResultPage', QUERY_READ),
  streamResultPage: site('streamResultPage', QUERY_READ),
  readResultPage: site('getResultPage', QUERY_READ),
  readResultRows: site('getQuery', QUERY_READ),
  createRegisteredQuery: site('createRegisteredQuery', REGISTERED),
  getRegisteredQueries: site('getRegisteredQueries', REGISTERED),
  findCreatedRegisteredQuery: site('getRegisteredQueries', REGISTERED),
  getRegisteredQuery: site('getRegisteredQuery', REGISTERED),
  cancelRegisteredQuery: site('cancelRegisteredQuery', REGISTERED),
  getRegisteredQueryResult: site('getRegisteredQueryResult', REGISTERED),
  readRegisteredQueryResult: site('getRegisteredQueryResult', REGISTERED),
  getFhirQuery: site('getFhirQuery', ['read']),
  postFhirSearch: site('postFhirSearch', ['read']),
  queryStatus: { kind: 'watch', permissions: QUERY_READ },
  registeredResults: { kind: 'watch', permissions: REGISTERED },
  runNamedQuery: site('createImmediateQuery', ['read']),
  submitNamedQuery: site('createAsyncQuery', ['read']),
  sharedRegisteredResults: { kind: 'watch', permissions: ['read'] },
  siteUsage: site('getSite', SITE_READ),
};

/** The part of a Halo command the checks read. */
export interface CommandShape {
  text: string;
  executionMode?: 'reader' | 'nonQuery' | 'scalar' | undefined;
  type?: 'text' | 'storedProcedure' | undefined;
}

/**
 * FORBIDDEN: a visible site, but an operation this client may not use without one of `needed`.
 * `extensions.permission` names the missing permission (the first of `needed`, when any of several
 * would do: all of them are in `extensions.anyOf`).
 */
export function forbidden(needed: readonly Permission[]): GraphQLError {
  if (needed.length === 1 && needed[0] === 'sql') {
    return apiError(
      'FORBIDDEN',
      'This client may not send SQL: it needs the sql permission (named queries need only read).',
      { permission: 'sql' },
    );
  }
  const names = needed.length === 1 ? `the ${needed[0]} permission` : `the ${needed.join(' or ')} permission`;
  return apiError('FORBIDDEN', `This client needs ${names} for this.`, {
    permission: needed[0],
    ...(needed.length > 1 ? { anyOf: [...needed] } : {}),
  });
}

/** FORBIDDEN for pairing: it needs writes, and every site. */
function pairingRefusal(principal: Principal): GraphQLError | undefined {
  if (!principal.permissions.has('writes')) return forbidden(['writes']);
  if (principal.sites !== '*')
    return apiError('FORBIDDEN', 'Pairing needs a client with every site (sites: ["*"]).', {
      reason: 'ALL_SITES_REQUIRED',
    });
  return undefined;
}

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
 * Why `principal` may not call `operation` (on `siteId`, for a site operation), or undefined when
 * it may. A site it may not see is SITE_NOT_FOUND built exactly as an upstream 404 for an unknown
 * site is (a HaloApiError for datasource operations, the GraphQL error for watches).
 */
export function refusal(principal: Principal, operation: Operation, siteId?: string): Error | undefined {
  const policy = POLICIES[operation];
  switch (policy.kind) {
    case 'pairing':
      return pairingRefusal(principal);
    case 'site-list':
      return holdsAny(principal, SITE_READ) ? undefined : forbidden(SITE_READ);
    case 'site':
    case 'watch': {
      if (siteId === undefined || !canSeeSite(principal, siteId)) {
        return policy.kind === 'watch'
          ? apiError('SITE_NOT_FOUND')
          : new HaloApiError({
              operationId: policy.operationId,
              siteId: siteId ?? '',
              kind: 'general',
              code: 'SITE_NOT_FOUND',
              status: 404,
            });
      }
      return holdsAny(principal, policy.permissions) ? undefined : forbidden(policy.permissions);
    }
  }
}

let defaultGuard: SqlGuard | undefined;

/** The SQL guard: one per process, so repeated texts are parsed once. */
function sqlGuard(): SqlGuard {
  return (defaultGuard ??= createSqlGuard({ maxLength: SECURITY_DEFAULTS.sqlMaxLength }));
}

/**
 * Why a command the client wrote may not be sent, or undefined: any client SQL needs `sql`
 * (FORBIDDEN, `extensions.permission: 'sql'`); NON_QUERY and stored procedures need `writes`
 * (WRITES_DISABLED); READER and SCALAR text must pass the SQL guard (BAD_USER_INPUT with a fixed,
 * SQL-free message, `extensions.reason` and, when the refusal is about one place,
 * `extensions.location {line, column}`). Catalogue statements never come here.
 */
export function commandRefusal(principal: Principal, command: CommandShape): Error | undefined {
  if (!principal.permissions.has('sql')) return forbidden(['sql']);
  if (command.executionMode === 'nonQuery' || command.type === 'storedProcedure') {
    return principal.permissions.has('writes') ? undefined : writesDisabled(command.executionMode !== 'nonQuery');
  }
  const verdict = sqlGuard()(command.text);
  if (verdict.ok) return undefined;
  const where = verdict.location;
  return badUserInput(
    where
      ? `Line ${where.line}, column ${where.column}: ${SQL_GUARD_MESSAGES[verdict.reason]}`
      : SQL_GUARD_MESSAGES[verdict.reason],
    { argument: 'sql', reason: `SQL_GUARD_${verdict.reason.toUpperCase()}`, ...(where ? { location: where } : {}) },
  );
}
