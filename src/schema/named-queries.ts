/**
 * The catalogue's named queries in the schema (docs/API.md, "Named queries"). Entries are data
 * (YAML, loaded at start), so they are added to the code-first schema after it is built: each
 * entry becomes a field of `Site` with its arguments, its row type becomes an object type (shared
 * by entries that declare it alike), and an entry with `live` adds `Subscription.<name>Changed`.
 * The extension is written as SDL and applied with graphql-js's `extendSchema`, which keeps every
 * resolver of the base schema; the new fields then get theirs.
 *
 * - `Site.<name>`: the statement for the site's PMS (`Site.pmsType`, from the site already loaded
 *   for this request), its arguments as Halo command parameters, run immediate or async as the
 *   entry says (async: submitted, awaited through the shared status watcher, every page read).
 *   Identical calls in one operation share one Halo call; with `maxAgeSeconds`, identical calls
 *   across requests share one answer (src/usage/reuse.ts, shared by replicas through Redis). NOT_SUPPORTED when the
 *   PMS has no statement; EXECUTION_FAILED with `extensions.sqlError {type, code}` when the SQL
 *   fails at the practice.
 * - Rows are read into the row type, column by declared type (src/catalogue/convert.ts); a value
 *   that does not fit fails that field with COLUMN_TYPE_MISMATCH naming the column, never the value.
 * - `<name>Changed`: the rows of one Halo registered query per (site, entry, arguments), shared by
 *   every subscriber on every replica (src/subscriptions/shared-registrations.ts).
 * - Each `Site.<name>` is priced as a Halo call by the cost limit (`extensions.haloCall`).
 */
import { clearAllDataLoaders } from '@pothos/plugin-dataloader';
import {
  extendSchema,
  GraphQLObjectType,
  parse,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type GraphQLField,
} from 'graphql';
import { COLUMN_READERS, MISMATCH } from '../catalogue/convert.js';
import { loadCatalogue, type ReservedNames } from '../catalogue/load.js';
import { PreparedNamedQuery } from '../catalogue/prepare.js';
import { printTypeRef, PMS_KEYS, type Catalogue, type NamedQueryEntry } from '../catalogue/types.js';
import { TERMINAL_QUERY_STATUSES } from '../datasources/query-status.js';
import type { ErrorDetails, PmsType, ResultRow, SiteForIntegrator, WireQuery } from '../datasources/types.js';
import { apiError, upstream } from '../errors/api-errors.js';
import type { Context } from '../request/context.js';
import type { SharedResultChange } from '../subscriptions/shared-registrations.js';
import { requireGuid } from './ids.js';
import { loadPage } from './types/ResultPage.js';
import { pmsTypeOf } from './types/Site.js';

/** The names a catalogue entry may not take in `schema` (its Site and Subscription fields, its types). */
export function reservedNames(schema: GraphQLSchema): ReservedNames {
  const fieldsOf = (name: string) => {
    const type = schema.getType(name);
    return new Set(type instanceof GraphQLObjectType ? Object.keys(type.getFields()) : []);
  };
  return {
    siteFields: fieldsOf('Site'),
    subscriptionFields: fieldsOf('Subscription'),
    typeNames: new Set(Object.keys(schema.getTypeMap())),
  };
}

const catalogues = new Map<string | undefined, Catalogue>();

/**
 * The built-in entries plus the operator's (`NAMED_QUERIES_DIR`), validated against `schema`'s
 * names; loaded once per process and directory.
 * @throws CatalogueError naming the file, the line and the problem.
 */
export function loadNamedQueries(schema: GraphQLSchema, operatorDir?: string): Catalogue {
  let catalogue = catalogues.get(operatorDir);
  if (!catalogue) {
    catalogue = loadCatalogue({ operatorDir, reserved: reservedNames(schema) });
    catalogues.set(operatorDir, catalogue);
  }
  return catalogue;
}

const extended = new WeakMap<Catalogue, WeakMap<GraphQLSchema, GraphQLSchema>>();

/** `base` with the catalogue's entries (the same schema object for the same catalogue and base). */
export function withNamedQueries(base: GraphQLSchema, catalogue: Catalogue): GraphQLSchema {
  let byBase = extended.get(catalogue);
  if (!byBase) extended.set(catalogue, (byBase = new WeakMap()));
  let schema = byBase.get(base);
  if (!schema) {
    schema = build(base, catalogue);
    byBase.set(base, schema);
  }
  return schema;
}

function build(base: GraphQLSchema, catalogue: Catalogue): GraphQLSchema {
  if (catalogue.entries.length === 0) return base;
  // Row fields keep graphql-js's default resolver: rows are converted whole (`rowReader`).
  const schema = extendSchema(base, parse(extensionSdl(catalogue)));
  const site = schema.getType('Site') as GraphQLObjectType;
  const subscription = schema.getSubscriptionType()!;
  for (const entry of catalogue.entries) {
    const field = site.getFields()[entry.name]!;
    field.resolve = siteFieldResolver(entry);
    markHaloCall(field);
    if (entry.live) {
      const live = subscription.getFields()[`${entry.name}Changed`]!;
      live.subscribe = liveSubscriber(entry);
      live.resolve = liveResolver(entry);
    }
  }
  return schema;
}

/** The cost limit (src/security/cost.ts) prices a field with this extension as a Halo call. */
function markHaloCall(field: GraphQLField<unknown, unknown>): void {
  (field as { extensions: Record<string, unknown> }).extensions = { ...field.extensions, haloCall: true };
}

// ── SDL ─────────────────────────────────────────────────────────────────────────────────────────

const str = (text: string): string => JSON.stringify(text);

function extensionSdl(catalogue: Catalogue): string {
  const parts: string[] = [];
  const byType = new Map<string, NamedQueryEntry[]>();
  for (const e of catalogue.entries) byType.set(e.type, [...(byType.get(e.type) ?? []), e]);
  for (const [typeName, entries] of byType) {
    const names = entries.map((e) => e.name).join(', ');
    const fields = entries[0]!.columns.map((c) => {
      const description =
        entries.map((e) => e.columns.find((x) => x.name === c.name)?.description).find(Boolean) ??
        `The ${c.name} column of the answer.`;
      return `  ${str(description)} ${c.name}: ${printTypeRef(c.type)}`;
    });
    parts.push(
      `${str(`A row of the named quer${entries.length === 1 ? 'y' : 'ies'} ${names} (Site.${entries[0]!.name}).`)}\ntype ${typeName} {\n${fields.join('\n')}\n}`,
    );
  }
  const siteFields = catalogue.entries.map(
    (e) => `  ${str(fieldDescription(e))} ${e.name}${argumentsSdl(e, false)}: ${resultType(e)}`,
  );
  parts.push(`extend type Site {\n${siteFields.join('\n')}\n}`);
  const live = catalogue.entries.filter((e) => e.live);
  if (live.length > 0) {
    const fields = live.map(
      (e) =>
        `  ${str(
          `${e.description} Live: the rows at once, then each time they change. One Halo registered query per site and arguments (every ${e.live!.frequencySeconds} s) serves every subscriber, and is cancelled shortly after the last one leaves.`,
        )} ${e.name}Changed${argumentsSdl(e, true)}: ${resultType(e)}`,
    );
    parts.push(`extend type Subscription {\n${fields.join('\n')}\n}`);
  }
  return parts.join('\n\n');
}

function fieldDescription(e: NamedQueryEntry): string {
  const pms = Object.entries(PMS_KEYS)
    .filter(([, wire]) => e.sql[wire] !== undefined)
    .map(([key]) => key)
    .join(', ');
  return `${e.description} Named query${e.mode === 'async' ? ' (run as an async query)' : ''}; statements for ${pms} (NOT_SUPPORTED on other sites).`;
}

function argumentsSdl(e: NamedQueryEntry, withSite: boolean): string {
  const args = e.args.map((a) => {
    const description = `${str(a.description ?? `The statement's @${a.name}.`)} `;
    const dflt =
      a.defaultValue === undefined
        ? ''
        : ` = ${typeof a.defaultValue === 'string' ? str(a.defaultValue) : String(a.defaultValue)}`;
    return `${description}${a.name}: ${printTypeRef(a.type)}${dflt}`;
  });
  if (withSite) args.unshift(`${str('The Halo GUID of the site.')} siteId: ID!`);
  return args.length > 0 ? `(${args.join(', ')})` : '';
}

const resultType = (e: NamedQueryEntry): string => (e.returns === 'one' ? e.type : `[${e.type}!]!`);

// ── Resolvers ───────────────────────────────────────────────────────────────────────────────────

/**
 * Rows as Halo answered them → rows of the entry's type: each column read into its declared type
 * (src/catalogue/convert.ts), in one pass, so the row type's fields need no resolver of their own.
 * A value that does not fit becomes that cell's COLUMN_TYPE_MISMATCH error (naming the column and
 * its type, never the value): graphql-js raises an Error a field resolves to at that field's path,
 * so only that field fails (and, for a non-null column, its row, as GraphQL's null rules say).
 */
function rowReader(entry: NamedQueryEntry): (rows: readonly ResultRow[]) => ResultRow[] {
  const columns = entry.columns.map((column) => {
    const declared = printTypeRef(column.type);
    const mismatch = (problem: string) =>
      apiError('COLUMN_TYPE_MISMATCH', `${entry.type}.${column.name}: ${problem}`, {
        column: column.name,
        type: declared,
      });
    return {
      name: column.name,
      nonNull: column.type.nonNull,
      read: COLUMN_READERS[column.type.name],
      absent: () => mismatch(`the practice's answer has no column ${column.name}.`),
      empty: () =>
        mismatch(`the practice's answer has no value in column ${column.name}, which is declared ${declared}.`),
      misfit: () => mismatch(`a value in column ${column.name} does not fit ${declared}.`),
    };
  });
  return (rows) =>
    rows.map((row) => {
      const out: ResultRow = {};
      for (const c of columns) {
        const value = row[c.name];
        if (value === null || value === undefined) {
          out[c.name] = !c.nonNull ? null : value === null ? c.empty() : c.absent();
        } else {
          const read = c.read(value);
          out[c.name] = read === MISMATCH ? c.misfit() : read;
        }
      }
      return out;
    });
}

/** The statement for the site's PMS with these arguments; NOT_SUPPORTED when the PMS has none. */
function prepare(entry: NamedQueryEntry, siteId: string, pmsType: PmsType, args: Record<string, unknown>) {
  const prepared = PreparedNamedQuery.create(entry, siteId, pmsType, args);
  if (!prepared) {
    const pms = Object.entries(PMS_KEYS).find(([, wire]) => wire === pmsType)?.[0] ?? pmsType;
    throw apiError('NOT_SUPPORTED', `The named query ${entry.name} has no statement for ${pms} sites.`, {
      namedQuery: entry.name,
      pms,
    });
  }
  return prepared;
}

/** Identical named calls of one operation share one Halo call (keyed by the prepared query's callKey). */
const calls = new WeakMap<Context, Map<string, Promise<ResultRow[]>>>();

function siteFieldResolver(entry: NamedQueryEntry): GraphQLFieldResolver<SiteForIntegrator, Context> {
  const read = rowReader(entry);
  return async (site, args, ctx) => {
    const prepared = prepare(entry, (site.id ?? '').toLowerCase(), pmsTypeOf(site), args);
    let byKey = calls.get(ctx);
    if (!byKey) calls.set(ctx, (byKey = new Map()));
    let rows = byKey.get(prepared.callKey);
    if (!rows) {
      rows = (entry.mode === 'async' ? asyncRows(prepared, ctx) : immediateRows(prepared, ctx)).then(read);
      byKey.set(prepared.callKey, rows);
    }
    const all = await rows;
    return entry.returns === 'one' ? (all[0] ?? null) : all;
  };
}

async function immediateRows(prepared: PreparedNamedQuery, ctx: Context): Promise<ResultRow[]> {
  const outcome = await upstream(ctx.halo.runNamedQuery(prepared));
  if (outcome.kind === 'failed') throw executionFailed(outcome.query.errorDetails);
  return outcome.rows;
}

/** Submits the async query, waits for a terminal status (the shared status watcher: polling, webhooks), reads every page. */
async function asyncRows(prepared: PreparedNamedQuery, ctx: Context): Promise<ResultRow[]> {
  const { siteId } = prepared;
  const created = await upstream(ctx.halo.submitNamedQuery(prepared));
  const queryId = created.id.toLowerCase();
  let final: WireQuery | undefined;
  const statuses = await ctx.live.queryStatus(siteId, queryId, ctx.signal);
  try {
    for await (const { query } of statuses) {
      if (TERMINAL_QUERY_STATUSES.has(query.status)) {
        final = query;
        break;
      }
    }
  } finally {
    await statuses.return(undefined);
  }
  if (!final) throw apiError('UPSTREAM_ERROR', 'The async named query did not finish.');
  if (final.status !== 'successful') throw asyncFailure(final);
  const pages = (final.result?.pages ?? []).flatMap((p) => (p.pageNumber === undefined ? [] : [p.pageNumber]));
  const rows: ResultRow[] = [];
  for (const page of pages) for (const row of (await loadPage(ctx, siteId, queryId, page)).rows) rows.push(row);
  return rows;
}

const SQL_ERROR_TYPES: Readonly<Record<string, string>> = {
  mssql: 'MSSQL',
  fbsql: 'FBSQL',
  http: 'HTTP',
  haloLink: 'HALO_LINK',
};

/** EXECUTION_FAILED: the practice refused the SQL; its error type and number, never its message. */
function executionFailed(details: ErrorDetails | undefined): Error {
  const type = details?.errorType ? (SQL_ERROR_TYPES[details.errorType] ?? null) : null;
  return apiError('EXECUTION_FAILED', 'The named query failed at the practice.', {
    sqlError: { type, code: details?.errorCode ?? null },
  });
}

function asyncFailure(query: WireQuery): Error {
  switch (query.status) {
    case 'executionFailed':
      return executionFailed(query.errorDetails);
    case 'initialisationFailedSiteOffline':
    case 'initialisationFailedSiteUnreachable':
      return apiError('SITE_UNAVAILABLE');
    case 'expiredInQueue':
      return apiError('UPSTREAM_TIMEOUT', 'The named query waited in the practice queue too long and was not run.');
    default:
      return apiError('UPSTREAM_ERROR');
  }
}

// ── Live ────────────────────────────────────────────────────────────────────────────────────────

/** The label of the shared registered queries at Halo: the entry's name, never an argument value. */
const registrationName = (entry: NamedQueryEntry) => `halo-graphql live ${entry.name}`;

function liveSubscriber(entry: NamedQueryEntry): GraphQLFieldResolver<unknown, Context> {
  return async (_root, args: Record<string, unknown>, ctx) => {
    const siteId = requireGuid(String(args['siteId']), 'siteId');
    const site = await upstream(ctx.halo.getSite(siteId));
    const prepared = prepare(entry, siteId, pmsTypeOf(site), args);
    const live = entry.live!;
    const changes = await ctx.live.sharedRegisteredResults(
      {
        siteId,
        key: prepared.key,
        request: {
          name: registrationName(entry),
          registeredQueryType: 'query',
          frequency: live.frequencySeconds,
          duration: live.durationSeconds,
          registerCommand: { command: prepared.command },
        },
      },
      ctx.signal,
    );
    return rowsOf(changes);
  };
}

/**
 * The rows of each change that Halo could serve (a result it could not is skipped: the next one
 * follows). Not an async generator: `return()` (the client unsubscribed) must reach the changes at
 * once, not after the next event.
 */
function rowsOf(changes: AsyncGenerator<SharedResultChange, void>): AsyncIterableIterator<ResultRow[]> {
  return {
    async next() {
      for (;;) {
        const r = await changes.next();
        if (r.done) return { value: undefined, done: true };
        if (r.value.result) return { value: r.value.result.rows, done: false };
      }
    },
    return: async () => {
      await changes.return(undefined);
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

function liveResolver(entry: NamedQueryEntry): GraphQLFieldResolver<ResultRow[], Context> {
  const read = rowReader(entry);
  return (rows, _args, ctx) => {
    // The context lives as long as the subscription: loaders must not serve the previous event's data.
    clearAllDataLoaders(ctx);
    const typed = read(entry.returns === 'one' ? rows.slice(0, 1) : rows);
    return entry.returns === 'one' ? (typed[0] ?? null) : typed;
  };
}
