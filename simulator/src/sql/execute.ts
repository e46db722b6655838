/**
 * Runs a Halo `command` on a site's SQLite database as its practice database would: T-SQL text
 * (translated by ./translate.ts), or a stored procedure (./procedures.ts), in the reader, scalar
 * or nonQuery execution mode, failing with SQL Server's (or Firebird's) error numbers and wording.
 */
import type Database from 'better-sqlite3';
import { TsqlError, type TsqlFailure, fromSqliteError, toSqlExecutionError } from './errors.js';
import { PRACTICE_TIME_ZONE, formatInstant, registerTsqlFunctions } from './functions.js';
import { type BindValue, bindValue, parameterKeyOf } from './parameters.js';
import { type ProcedureArgument, type ProcedureOutcome, runProcedure } from './procedures.js';
import { prepareCached } from './statement-cache.js';
import { catalogueFor } from './catalogue.js';
import { type StatementPlan, HIDDEN_COLUMN_PREFIX, UNNAMED_COLUMN_PREFIX, translateBatch } from './translate.js';
import {
  type CommandParameter,
  type ErrorType,
  type ExecutionMode,
  type ExecutionResult,
  type Row,
  type SqlCommand,
  SqlExecutionError,
  type SqlValue,
} from './types.js';

export interface ExecuteOptions {
  /** How failures are numbered and worded: `mssql` (Best Practice, D4w) or `fbsql` (Zedmed). */
  errorType: ErrorType;
  /** Simulated now, for GETDATE() and friends. Read once per command, so every row sees the same instant. */
  now: () => Date;
  /**
   * The practice server's time zone, in which GETDATE() reads `now` (GETUTCDATE() reads it in UTC).
   * @default PRACTICE_TIME_ZONE ('Australia/Sydney')
   */
  timeZone?: string;
}

/** One result set as read from SQLite. */
interface ResultSet {
  columns: string[];
  rows: Row[];
}

/** Per-statement column metadata, computed once per prepared statement. */
interface ColumnInfo {
  names: string[];
  /** Indexes of the columns a client sees (the translator's hidden helper columns left out). */
  visible: number[];
  /** Indexes of BIT/BOOLEAN columns, returned as booleans (Halo serialises SQL Server bit as true/false). */
  booleans: number[];
}

const columnInfos = new WeakMap<Database.Statement, ColumnInfo>();

function columnInfo(stmt: Database.Statement): ColumnInfo {
  let info = columnInfos.get(stmt);
  if (!info) {
    const columns = stmt.columns();
    info = {
      // SQL Server gives an unaliased expression (`SELECT COUNT(*)`) no name: its key is ''.
      names: columns.map((c) => (c.name.startsWith(UNNAMED_COLUMN_PREFIX) ? '' : c.name)),
      visible: columns.flatMap((c, i) => (c.name.startsWith(HIDDEN_COLUMN_PREFIX) ? [] : [i])),
      booleans: columns.flatMap((c, i) => (c.type !== null && /^(BIT|BOOL|BOOLEAN)$/i.test(c.type) ? [i] : [])),
    };
    columnInfos.set(stmt, info);
  }
  return info;
}

function toSqlValue(value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  return String(value);
}

function toRow(info: ColumnInfo, raw: readonly unknown[]): Row {
  const row: Row = {};
  for (const i of info.visible) row[info.names[i]!] = toSqlValue(raw[i]);
  for (const i of info.booleans) {
    const v = raw[i];
    if (v === 0 || v === 1) row[info.names[i]!] = v === 1;
  }
  return row;
}

/** The command's parameters by key, split into what SQL can read and what comes back. */
interface BoundParameters {
  /** Input and inputOutput (and output) values, converted; returnValue parameters are not visible to SQL. */
  values: Map<string, BindValue>;
  /** The command's own entries, by key (for stored-procedure arguments). */
  entries: CommandParameter[];
}

function bindParameters(parameters: readonly CommandParameter[] | undefined): BoundParameters {
  const values = new Map<string, BindValue>();
  const entries = parameters ?? [];
  for (const p of entries) {
    if (p.direction === 'returnValue') continue;
    // ADO.NET converts every parameter it sends, used or not, so a bad value fails even if unused.
    values.set(parameterKeyOf(p.name), p.direction === 'output' ? null : bindValue(p));
  }
  return { values, entries: [...entries] };
}

/** Output, inputOutput and returnValue parameters as they come back: values as plain strings. */
function outputParameters(entries: readonly CommandParameter[], returnValue: number | null): CommandParameter[] {
  return entries
    .filter((p) => p.direction === 'output' || p.direction === 'inputOutput' || p.direction === 'returnValue')
    .map((p) => {
      const value =
        p.direction === 'returnValue'
          ? returnValue === null
            ? null
            : String(returnValue)
          : p.direction === 'inputOutput'
            ? (p.value ?? null)
            : null;
      const out: CommandParameter = { name: p.name, direction: p.direction, type: p.type, value };
      if (p.size !== undefined) out.size = p.size;
      return out;
    });
}

function shape(
  mode: ExecutionMode,
  first: ResultSet | undefined,
  rowsAffected: number,
  outputs: CommandParameter[],
): ExecutionResult {
  if (mode === 'nonQuery') return { mode, columns: [], rows: [], rowsAffected, outputParameters: outputs };
  if (mode === 'scalar') {
    const column = first?.columns[0];
    if (column === undefined || !first) return { mode, columns: [], rows: [], outputParameters: outputs };
    const firstRow = first.rows[0];
    return {
      mode,
      columns: [column],
      rows: firstRow ? [{ [column]: firstRow[column] ?? null }] : [],
      outputParameters: outputs,
    };
  }
  return { mode, columns: first?.columns ?? [], rows: first?.rows ?? [], outputParameters: outputs };
}

interface RunState {
  db: Database.Database;
  mode: ExecutionMode;
  options: ExecuteOptions;
  nowText: string | undefined;
  utcNowText: string | undefined;
}

function localNow(state: RunState): string {
  state.nowText ??= formatInstant(state.options.now(), state.options.timeZone ?? PRACTICE_TIME_ZONE);
  return state.nowText;
}

function utcNow(state: RunState): string {
  state.utcNowText ??= formatInstant(state.options.now(), 'UTC');
  return state.utcNowText;
}

function procedureOutcome(state: RunState, name: string, args: readonly ProcedureArgument[]): ProcedureOutcome {
  return runProcedure(name, args, { db: state.db, now: () => localNow(state) });
}

function resultOf(outcome: ProcedureOutcome): ResultSet | undefined {
  return outcome.columns.length ? { columns: outcome.columns, rows: outcome.rows } : undefined;
}

/** Runs one translated SQL statement. `wantRows`: read its rows (otherwise run it for effect). */
function runSql(
  state: RunState,
  plan: Extract<StatementPlan, { kind: 'sql' }>,
  values: ReadonlyMap<string, BindValue>,
  wantRows: boolean,
): { set?: ResultSet; changes: number } {
  const bind: Record<string, BindValue> = {};
  plan.params.forEach((p, i) => {
    bind[`p${i}`] = values.get(p.key) ?? null;
  });
  if (plan.usesNow) bind['tsql_now'] = localNow(state);
  if (plan.usesUtcNow) bind['tsql_utcnow'] = utcNow(state);
  try {
    const stmt = prepareCached(state.db, plan.sql);
    if (!stmt.reader) return { changes: stmt.run(bind).changes };
    const info = columnInfo(stmt);
    if (!wantRows) {
      stmt.raw(true).all(bind);
      return { changes: 0 };
    }
    stmt.raw(true);
    if (state.mode === 'scalar') {
      // Only the first value counts; read it by position, since unnamed columns share the key ''.
      const raw = stmt.get(bind) as unknown[] | undefined;
      const name = info.names[0] ?? '';
      const value =
        raw === undefined
          ? undefined
          : info.booleans.includes(0) && (raw[0] === 0 || raw[0] === 1)
            ? raw[0] === 1
            : toSqlValue(raw[0]);
      return { set: { columns: [name], rows: value === undefined ? [] : [{ [name]: value }] }, changes: 0 };
    }
    const raws = stmt.all(bind) as unknown[][];
    return {
      set: { columns: info.visible.map((i) => info.names[i]!), rows: raws.map((r) => toRow(info, r)) },
      changes: 0,
    };
  } catch (e) {
    if (e instanceof TsqlError || e instanceof SqlExecutionError) throw e;
    if (e instanceof Error && e.name === 'SqliteError')
      throw new TsqlError(fromSqliteError(e as Error & { code?: unknown }, plan.context));
    if (e instanceof RangeError || e instanceof TypeError) throw new TsqlError({ kind: 'generic' });
    throw e;
  }
}

function runText(state: RunState, command: SqlCommand): ExecutionResult {
  const translation = translateBatch(command.text, catalogueFor(state.db));
  const bound = bindParameters(command.parameters);
  // SQL Server compiles the whole batch first: an undeclared variable fails before anything runs.
  for (const p of translation.parameters) {
    if (!bound.values.has(p.key)) throw new TsqlError({ kind: 'undeclaredVariable', name: p.written });
  }
  let first: ResultSet | undefined;
  let rowsAffected = 0;
  let counted = false;
  let nocount = false;
  for (const plan of translation.statements) {
    switch (plan.kind) {
      case 'noop':
        break;
      case 'nocount':
        nocount = plan.on;
        break;
      case 'sql': {
        const { set, changes } = runSql(state, plan, bound.values, first === undefined);
        if (set && !first) first = set;
        if (!nocount && /^(INSERT|UPDATE|DELETE)$/.test(plan.context.verb)) {
          rowsAffected += changes;
          counted = true;
        }
        break;
      }
      case 'exec': {
        const args: ProcedureArgument[] = plan.call.args.map((a) => ({
          name: a.name,
          value:
            a.value.kind === 'literal'
              ? a.value.value
              : a.value.kind === 'variable'
                ? (bound.values.get(a.value.ref.key) ?? null)
                : null,
          useDefault: a.value.kind === 'default',
        }));
        const outcome = procedureOutcome(state, plan.call.procedure, args);
        const set = resultOf(outcome);
        if (set && !first) first = state.mode === 'scalar' ? { columns: set.columns, rows: set.rows.slice(0, 1) } : set;
        if (!nocount && outcome.rowsAffected > 0) {
          rowsAffected += outcome.rowsAffected;
          counted = true;
        }
        break;
      }
    }
  }
  // ExecuteNonQuery reports -1 when no INSERT/UPDATE/DELETE was counted (SELECT only, or SET NOCOUNT ON).
  return shape(state.mode, first, counted ? rowsAffected : -1, outputParameters(bound.entries, null));
}

function runStoredProcedure(state: RunState, command: SqlCommand): ExecutionResult {
  const bound = bindParameters(command.parameters);
  const args: ProcedureArgument[] = bound.entries
    .filter((p) => p.direction !== 'returnValue')
    .map((p) => ({ name: p.name, value: bound.values.get(parameterKeyOf(p.name)) ?? null }));
  const outcome = procedureOutcome(state, command.text, args);
  return shape(
    state.mode,
    resultOf(outcome),
    outcome.rowsAffected,
    outputParameters(bound.entries, outcome.returnValue),
  );
}

/**
 * Runs one Halo command on a site database and returns its result in the requested execution mode:
 * `reader` (default) every row of the first result set, keyed by the column names exactly as
 * selected; `scalar` the first column of the first row (as a one-row, one-column result);
 * `nonQuery` the rows affected (-1 when nothing was counted), no rows. Output, inputOutput and
 * returnValue parameters come back as plain strings. The database is changed only by the
 * command's own INSERT/UPDATE/DELETE or procedure.
 *
 * Throws `SqlExecutionError` for anything the practice database would reject (numbers and wording
 * per `options.errorType`; see ./errors.ts for the table). Its message never contains a parameter
 * value or a literal from the SQL.
 */
export function executeCommand(db: Database.Database, command: SqlCommand, options: ExecuteOptions): ExecutionResult {
  const state: RunState = {
    db,
    mode: command.executionMode ?? 'reader',
    options,
    nowText: undefined,
    utcNowText: undefined,
  };
  try {
    registerTsqlFunctions(db);
    return command.type === 'storedProcedure' ? runStoredProcedure(state, command) : runText(state, command);
  } catch (e) {
    throw toExecutionError(e, options.errorType);
  }
}

function toExecutionError(e: unknown, errorType: ErrorType): SqlExecutionError {
  if (e instanceof SqlExecutionError) return e;
  let failure: TsqlFailure = { kind: 'generic' };
  if (e instanceof TsqlError) failure = e.failure;
  else if (e instanceof Error && e.name === 'SqliteError')
    failure = fromSqliteError(e as Error & { code?: unknown }, {
      verb: 'SELECT',
      objectNames: new Map(),
      qualifiers: new Set(),
    });
  return toSqlExecutionError(failure, errorType);
}
