/**
 * T-SQL → SQLite. A batch is parsed with node-sql-parser (`transactsql`), and each statement's AST
 * is written out again as SQLite by the emitter below, which rewrites the T-SQL idioms on the way:
 * TOP → LIMIT, `[names]` and `dbo.` / `BPSPatients.dbo.` prefixes, `@parameters` (bound as
 * `@p0…`), GETDATE() (a bound snapshot of the simulated clock), `+` (concatenation or addition,
 * decided at run time), and the date/conversion/string functions (→ `tsql_*` user functions from
 * ./functions.ts). Translations are cached per SQL text.
 */
import { MARKER, ALL_ROWS, readTopMarker } from '../../../src/lib/tsql-parse.js';
import { type AstNode, ParserFailure, child, children, isNode, list, parseTsqlBatch, text } from './ast.js';
import {
  type CatalogueColumn,
  type SchemaCatalogue,
  type TypeName,
  EMPTY_CATALOGUE,
  category,
  dominant,
  highest,
  isInteger,
  typeNameOf,
} from './catalogue.js';
import { type StatementContext, type StatementVerb, TsqlError, fail } from './errors.js';
import { type ExecCall, type ExecArgument, parseExecFallback } from './exec.js';
import { normaliseDatePart, parseDateTimeText, formatCanonical } from './functions.js';
import { tokenNear, tokenizeTsql as tokenize } from '../../../src/lib/tsql-lexer.js';

/** A `@name` the SQL reads: `key` is how it is bound (lower case, no `@`), `written` how the SQL spells it. */
export interface ParameterRef {
  key: string;
  written: string;
}

/** One statement of a batch, ready to run. */
export type StatementPlan =
  | {
      kind: 'sql';
      /** The SQLite text; parameters appear as `@p0`, `@p1`, … and the clock as `@tsql_now` / `@tsql_utcnow`. */
      sql: string;
      /** `params[i]` is bound to `@p{i}`. */
      params: readonly ParameterRef[];
      usesNow: boolean;
      usesUtcNow: boolean;
      context: StatementContext;
    }
  | { kind: 'exec'; call: ExecCall }
  | { kind: 'nocount'; on: boolean }
  | { kind: 'noop' };

export interface Translation {
  statements: readonly StatementPlan[];
  /** Every parameter any statement reads, in first-use order. */
  parameters: readonly ParameterRef[];
}

/** Result columns with no name in T-SQL (`SELECT COUNT(*)`) are emitted under this prefix and reported as ''. */
export const UNNAMED_COLUMN_PREFIX = '__tsql_noname_';

const CACHE_LIMIT = 1000;
const caches = new WeakMap<SchemaCatalogue, Map<string, Translation | TsqlError>>();

/**
 * Translates a T-SQL batch (cached per text). Throws `TsqlError` for what SQL Server would reject
 * at parse time (102/156 syntax, 155 datepart, 243 type, 195 function, 174 argument count) and for
 * constructs the simulator does not support.
 */
export function translateBatch(sql: string, catalogue: SchemaCatalogue = EMPTY_CATALOGUE): Translation {
  let cache = caches.get(catalogue);
  if (!cache) {
    cache = new Map();
    caches.set(catalogue, cache);
  }
  const hit = cache.get(sql);
  if (hit !== undefined) {
    cache.delete(sql);
    cache.set(sql, hit);
    if (hit instanceof TsqlError) throw hit;
    return hit;
  }
  let outcome: Translation | TsqlError;
  try {
    outcome = translateUncached(sql, catalogue);
  } catch (e) {
    if (!(e instanceof TsqlError)) throw e;
    outcome = e;
  }
  cache.set(sql, outcome);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  if (outcome instanceof TsqlError) throw outcome;
  return outcome;
}

function translateUncached(sql: string, catalogue: SchemaCatalogue): Translation {
  // A batch of only whitespace and comments runs and returns nothing.
  if (tokenize(sql).length === 0) return { statements: [], parameters: [] };
  let statements: AstNode[];
  try {
    statements = parseTsqlBatch(sql);
  } catch (e) {
    if (!(e instanceof ParserFailure)) throw e;
    const tokens = tokenize(sql);
    if (tokens.some((t) => t.unterminated)) fail({ kind: 'unclosedQuote' });
    const first = tokens[0];
    if (first && first.kind === 'word' && /^EXEC(UTE)?$/i.test(first.text)) {
      // node-sql-parser only reads `EXEC p @a = v`; positional arguments go through our own reader.
      const call = parseExecFallback(sql);
      if (call) return withParameters([{ kind: 'exec', call }]);
    }
    // The grammar misread text it does not cover (e.g. INSERT … OUTPUT): SQL Server would run it.
    if (e.garbled) fail({ kind: 'unsupported', feature: 'this statement form' });
    if (e.keyword !== undefined) fail({ kind: 'syntax', near: e.keyword, keyword: true });
    const near = tokenNear(sql, e.offset);
    return fail({ kind: 'syntax', near: near.text, keyword: near.keyword });
  }
  if (statements.length === 0) return { statements: [], parameters: [] };
  return withParameters(statements.map((s) => planStatement(s, catalogue)));
}

function withParameters(statements: StatementPlan[]): Translation {
  const seen = new Map<string, ParameterRef>();
  for (const s of statements) {
    const refs =
      s.kind === 'sql'
        ? s.params
        : s.kind === 'exec'
          ? s.call.args.flatMap((a) => (a.value.kind === 'variable' ? [a.value.ref] : []))
          : [];
    for (const r of refs) if (!seen.has(r.key)) seen.set(r.key, r);
  }
  return { statements, parameters: [...seen.values()] };
}

function planStatement(node: AstNode, catalogue: SchemaCatalogue): StatementPlan {
  const type = text(node, 'type');
  switch (type) {
    case 'select':
    case 'insert':
    case 'update':
    case 'delete': {
      const e = new Emitter(catalogue);
      const sql = e.statement(node);
      return {
        kind: 'sql',
        sql,
        params: e.params,
        usesNow: e.usesNow,
        usesUtcNow: e.usesUtcNow,
        context: { verb: e.verb, objectNames: e.objectNames, qualifiers: e.qualifiers },
      };
    }
    case 'exec':
      return { kind: 'exec', call: execFromAst(node) };
    case 'set': {
      const assign = children(node, 'expr')[0];
      const left = assign ? child(assign, 'left') : undefined;
      const right = assign ? child(assign, 'right') : undefined;
      const option = left ? text(left, 'value')?.toLowerCase() : undefined;
      if (option === 'nocount' && right) {
        const value = functionName(right) ?? text(right, 'value') ?? '';
        return { kind: 'nocount', on: value.toUpperCase() === 'ON' };
      }
      // SET ANSI_NULLS, DATEFORMAT, … change nothing the simulator models.
      return { kind: 'noop' };
    }
    case 'use':
      return { kind: 'noop' };
    case 'declare':
      return fail({ kind: 'unsupported', feature: 'DECLARE (local variables)' });
    default:
      return fail({ kind: 'unsupported', feature: type ? `${type.toUpperCase()} statements` : 'this statement' });
  }
}

function execFromAst(node: AstNode): ExecCall {
  const module = child(node, 'module');
  const parts = module
    ? [text(module, 'db'), text(module, 'schema'), text(module, 'table')].filter((p): p is string => !!p)
    : [];
  const args: ExecArgument[] = children(node, 'parameters').map((p) => {
    const name = text(p, 'name');
    const value = child(p, 'value');
    return { name: name === undefined ? undefined : `@${name}`, value: execValue(value), output: false };
  });
  return { procedure: parts.join('.'), parts, args };
}

function execValue(value: AstNode | undefined): ExecArgument['value'] {
  if (!value) return { kind: 'literal', value: null };
  const type = text(value, 'type');
  if (type === 'column_ref') {
    const column = columnName(value);
    if (column?.startsWith('@')) return { kind: 'variable', ref: { key: parameterKey(column), written: column } };
    if (column?.toUpperCase() === 'DEFAULT') return { kind: 'default' };
    // EXEC takes an unquoted word as a string (`EXEC sp_help BPS_Patients`).
    return { kind: 'literal', value: column ?? '' };
  }
  if (type === 'null') return { kind: 'literal', value: null };
  if (type === 'number') return { kind: 'literal', value: text(value, 'value') ?? null };
  if (type === 'single_quote_string' || type === 'var_string' || type === 'string') {
    return { kind: 'literal', value: (text(value, 'value') ?? '').replace(/''/g, "'") };
  }
  if (type === 'unary_expr' && text(value, 'operator') === '-') {
    const inner = child(value, 'expr');
    if (inner && text(inner, 'type') === 'number') return { kind: 'literal', value: `-${text(inner, 'value') ?? ''}` };
  }
  return fail({ kind: 'unsupported', feature: 'expressions as procedure arguments' });
}

/** How a `@name` is bound: lower case (T-SQL names are case-insensitive), without the `@`. */
export function parameterKey(name: string): string {
  return name.replace(/^@/, '').toLowerCase();
}

// =============================================================================================
// AST helpers
// =============================================================================================

/** A column_ref's column, which node-sql-parser gives as a string or as `{ expr: { value } }`. */
function columnName(node: AstNode): string | undefined {
  const c = node['column'];
  if (typeof c === 'string') return c;
  if (isNode(c)) {
    const inner = child(c, 'expr');
    return inner ? text(inner, 'value') : text(c, 'value');
  }
  return undefined;
}

/** A function node's (last) name, as written. */
function functionName(node: AstNode): string | undefined {
  const name = node['name'];
  if (typeof name === 'string') return name;
  if (isNode(name)) {
    const parts = children(name, 'name');
    const last = parts[parts.length - 1];
    return last ? text(last, 'value') : undefined;
  }
  return undefined;
}

function functionSchema(node: AstNode): string | undefined {
  const name = child(node, 'name');
  const schema = name ? child(name, 'schema') : undefined;
  return schema ? text(schema, 'value') : undefined;
}

function functionArgs(node: AstNode): AstNode[] {
  const args = child(node, 'args');
  if (!args) return [];
  const value = args['value'];
  if (Array.isArray(value)) return value.filter(isNode);
  return isNode(value) ? [value] : [];
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function isStringLiteral(node: AstNode): boolean {
  const t = text(node, 'type');
  return t === 'single_quote_string' || t === 'var_string' || t === 'string' || t === 'natural_string';
}

/** A string literal's value with T-SQL's `''` escapes undone. */
function literalValue(node: AstNode): string {
  return (text(node, 'value') ?? '').replace(/''/g, "'");
}

function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function isParameter(node: AstNode): boolean {
  if (text(node, 'type') !== 'column_ref') return false;
  const c = columnName(node);
  return c !== undefined && c.startsWith('@') && !c.startsWith('@@');
}

function isColumn(node: AstNode): boolean {
  if (text(node, 'type') !== 'column_ref' && text(node, 'type') !== 'double_quote_string') return false;
  const c = columnName(node) ?? text(node, 'value');
  return c !== undefined && !c.startsWith('@') && c !== '*';
}

/** A subquery in expression position: `{ ast }` (sometimes with tableList/columnList). */
function subquery(node: AstNode): AstNode | undefined {
  const ast = child(node, 'ast');
  return ast && text(node, 'type') === undefined ? ast : undefined;
}

interface TypeSpec {
  name: string;
  length: number | 'max' | undefined;
  scale: number | undefined;
}

const INTEGER_TYPES = new Set(['int', 'integer', 'bigint', 'smallint', 'tinyint']);
const STRING_TYPES = new Set(['varchar', 'nvarchar', 'char', 'nchar', 'text', 'ntext', 'sysname']);
const DECIMAL_TYPES = new Set(['decimal', 'numeric', 'dec']);
const FLOAT_TYPES = new Set(['float', 'real']);
const MONEY_TYPES = new Set(['money', 'smallmoney']);
const DATETIME_TYPES = new Set(['datetime', 'datetime2', 'datetimeoffset']);

/** The data type node-sql-parser gives as CONVERT's first argument (`int`, `varchar(10)`, `nvarchar(max)`). */
function typeFromConvertArg(node: AstNode): TypeSpec {
  const t = text(node, 'type');
  if (t === 'column_ref') return { name: (columnName(node) ?? '').toLowerCase(), length: undefined, scale: undefined };
  if (t === 'function') {
    const args = functionArgs(node);
    const lengthOf = (a: AstNode | undefined): number | 'max' | undefined => {
      if (!a) return undefined;
      if (text(a, 'type') === 'number') return Number(text(a, 'value'));
      if (text(a, 'type') === 'column_ref' && columnName(a)?.toLowerCase() === 'max') return 'max';
      return undefined;
    };
    const scale = lengthOf(args[1]);
    return {
      name: (functionName(node) ?? '').toLowerCase(),
      length: lengthOf(args[0]),
      scale: typeof scale === 'number' ? scale : undefined,
    };
  }
  return fail({ kind: 'syntax', near: 'CONVERT', keyword: true });
}

function typeFromCastTarget(node: AstNode): TypeSpec {
  const target = children(node, 'target')[0];
  if (!target) return fail({ kind: 'syntax', near: 'CAST', keyword: false });
  const length = target['length'];
  const scale = target['scale'];
  return {
    name: (text(target, 'dataType') ?? '').toLowerCase(),
    length:
      typeof length === 'number'
        ? length
        : typeof length === 'string' && length.toLowerCase() === 'max'
          ? 'max'
          : undefined,
    scale: typeof scale === 'number' ? scale : undefined,
  };
}

// =============================================================================================
// Functions
// =============================================================================================

type FunctionEmitter = (e: Emitter, args: AstNode[], name: string) => string;

interface FunctionSpec {
  min: number;
  max: number;
  type: TypeName | ((e: Emitter, args: AstNode[]) => TypeName);
  emit: FunctionEmitter;
}

const call =
  (sqlName: string): FunctionEmitter =>
  (e, args) =>
    `${sqlName}(${args.map((a) => e.expr(a)).join(', ')})`;
/** Pads missing optional arguments with NULL, so every user function has a fixed arity. */
const callPadded =
  (sqlName: string, arity: number): FunctionEmitter =>
  (e, args) => {
    const sql = args.map((a) => e.expr(a));
    while (sql.length < arity) sql.push('NULL');
    return `${sqlName}(${sql.join(', ')})`;
  };

function datePartLiteral(node: AstNode | undefined, fn: string): string {
  const word = node ? (columnName(node) ?? (isStringLiteral(node) ? literalValue(node) : undefined)) : undefined;
  const part = word === undefined ? undefined : normaliseDatePart(word);
  if (!part) return fail({ kind: 'invalidDatepart', fn, part: word ?? '' });
  return sqlString(part);
}

const datePartCall =
  (sqlName: string, fn: string): FunctionEmitter =>
  (e, args) =>
    `${sqlName}(${datePartLiteral(args[0], fn)}, ${args
      .slice(1)
      .map((a) => e.expr(a))
      .join(', ')})`;

const fixedPart =
  (part: string): FunctionEmitter =>
  (e, args) =>
    `tsql_datepart('${part}', ${e.expr(args[0]!)})`;

/** The first argument's type (ISNULL, COALESCE, …: SQL Server's result type, near enough). */
const firstArgType = (e: Emitter, a: AstNode[]): TypeName => e.typeOf(a[0]!);
/** The highest-precedence type among the arguments from `from` on (COALESCE, IIF, CHOOSE, GREATEST). */
const argsType =
  (from: number) =>
  (e: Emitter, a: AstNode[]): TypeName =>
    highest(a.slice(from).map((x) => e.typeOf(x)));

/** Arguments converted to their common type, as SQL Server does for COALESCE, IIF, CHOOSE, GREATEST, LEAST. */
function unified(e: Emitter, args: AstNode[]): string[] {
  const target = highest(args.map((a) => e.typeOf(a)));
  return args.map((a) => e.converted(a, target));
}

const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = {
  // --- Date and time ---
  GETDATE: { min: 0, max: 0, type: 'datetime', emit: (e) => e.now() },
  SYSDATETIME: { min: 0, max: 0, type: 'datetime', emit: (e) => e.now() },
  SYSDATETIMEOFFSET: { min: 0, max: 0, type: 'datetime', emit: (e) => e.now() },
  CURRENT_TIMESTAMP: { min: 0, max: 0, type: 'datetime', emit: (e) => e.now() },
  GETUTCDATE: { min: 0, max: 0, type: 'datetime', emit: (e) => e.utcNow() },
  SYSUTCDATETIME: { min: 0, max: 0, type: 'datetime', emit: (e) => e.utcNow() },
  DATEADD: { min: 3, max: 3, type: 'datetime', emit: datePartCall('tsql_dateadd', 'dateadd') },
  DATEDIFF: { min: 3, max: 3, type: 'int', emit: datePartCall('tsql_datediff', 'datediff') },
  DATEDIFF_BIG: { min: 3, max: 3, type: 'bigint', emit: datePartCall('tsql_datediff', 'datediff_big') },
  DATEPART: { min: 2, max: 2, type: 'int', emit: datePartCall('tsql_datepart', 'datepart') },
  DATENAME: { min: 2, max: 2, type: 'nvarchar', emit: datePartCall('tsql_datename', 'datename') },
  DATETRUNC: { min: 2, max: 2, type: 'datetime', emit: datePartCall('tsql_datetrunc', 'datetrunc') },
  YEAR: { min: 1, max: 1, type: 'int', emit: fixedPart('year') },
  MONTH: { min: 1, max: 1, type: 'int', emit: fixedPart('month') },
  DAY: { min: 1, max: 1, type: 'int', emit: fixedPart('day') },
  EOMONTH: { min: 1, max: 2, type: 'date', emit: callPadded('tsql_eomonth', 2) },
  DATEFROMPARTS: { min: 3, max: 3, type: 'date', emit: (e, a) => `tsql_fromparts(${partsArgs(e, a, 7)}, 'date')` },
  DATETIMEFROMPARTS: {
    min: 7,
    max: 7,
    type: 'datetime',
    emit: (e, a) => `tsql_fromparts(${partsArgs(e, a, 7)}, 'datetime')`,
  },
  DATETIME2FROMPARTS: {
    min: 8,
    max: 8,
    type: 'datetime',
    emit: (e, a) => `tsql_fromparts(${partsArgs(e, a.slice(0, 6), 7)}, 'datetime2')`,
  },
  SMALLDATETIMEFROMPARTS: {
    min: 5,
    max: 5,
    type: 'datetime',
    emit: (e, a) => `tsql_fromparts(${partsArgs(e, a, 7)}, 'smalldatetime')`,
  },
  TIMEFROMPARTS: {
    min: 5,
    max: 5,
    type: 'time',
    emit: (e, a) =>
      `tsql_time(tsql_fromparts(1900, 1, 1, ${a
        .slice(0, 3)
        .map((x) => e.expr(x))
        .join(', ')}, 0, 'time'))`,
  },
  ISDATE: { min: 1, max: 1, type: 'int', emit: call('tsql_isdate') },
  // --- Logical ---
  ISNULL: {
    min: 2,
    max: 2,
    type: firstArgType,
    emit: (e, a) => `ifnull(${e.expr(a[0]!)}, ${e.converted(a[1]!, e.typeOf(a[0]!))})`,
  },
  COALESCE: { min: 1, max: 64, type: argsType(0), emit: (e, a) => `coalesce(${unified(e, a).join(', ')})` },
  NULLIF: { min: 2, max: 2, type: firstArgType, emit: call('nullif') },
  IIF: {
    min: 3,
    max: 3,
    type: argsType(1),
    emit: (e, a) => {
      const [then, otherwise] = unified(e, a.slice(1));
      return `CASE WHEN ${e.expr(a[0]!)} THEN ${then} ELSE ${otherwise} END`;
    },
  },
  CHOOSE: {
    min: 2,
    max: 254,
    type: argsType(1),
    emit: (e, a) =>
      `CASE ${e.expr(a[0]!)} ${unified(e, a.slice(1))
        .map((v, i) => `WHEN ${i + 1} THEN ${v}`)
        .join(' ')} END`,
  },
  // SQL Server's GREATEST/LEAST ignore NULLs; SQLite's max()/min() would return NULL.
  GREATEST: { min: 1, max: 254, type: argsType(0), emit: (e, a) => `tsql_greatest(${unified(e, a).join(', ')})` },
  LEAST: { min: 1, max: 254, type: argsType(0), emit: (e, a) => `tsql_least(${unified(e, a).join(', ')})` },
  // --- Conversion ---
  CONVERT: {
    min: 2,
    max: 3,
    type: (_e, a) => typeNameOf(typeFromConvertArg(a[0]!).name),
    emit: (e, a) => e.conversion(typeFromConvertArg(a[0]!), a[1]!, a[2], false),
  },
  TRY_CONVERT: {
    min: 2,
    max: 3,
    type: (_e, a) => typeNameOf(typeFromConvertArg(a[0]!).name),
    emit: (e, a) => e.conversion(typeFromConvertArg(a[0]!), a[1]!, a[2], true),
  },
  // TRY_CAST(x AS t) and [TRY_]PARSE(x AS t [USING c]) reach here as (t, x[, c]): see src/lib/tsql-parse.ts.
  TRY_CAST: {
    min: 2,
    max: 2,
    type: (_e, a) => typeNameOf(typeFromConvertArg(a[0]!).name),
    emit: (e, a) => e.conversion(typeFromConvertArg(a[0]!), a[1]!, undefined, true),
  },
  PARSE: {
    min: 2,
    max: 3,
    type: (_e, a) => typeNameOf(typeFromConvertArg(a[0]!).name),
    emit: (e, a) => e.parse(typeFromConvertArg(a[0]!), a[1]!, a[2], false),
  },
  TRY_PARSE: {
    min: 2,
    max: 3,
    type: (_e, a) => typeNameOf(typeFromConvertArg(a[0]!).name),
    emit: (e, a) => e.parse(typeFromConvertArg(a[0]!), a[1]!, a[2], true),
  },
  ISNUMERIC: { min: 1, max: 1, type: 'int', emit: call('tsql_isnumeric') },
  // --- Strings ---
  LEN: { min: 1, max: 1, type: 'int', emit: call('tsql_len') },
  DATALENGTH: {
    min: 1,
    max: 1,
    type: 'int',
    emit: (e, a) => `tsql_datalength(${e.expr(a[0]!)}, '${e.typeOf(a[0]!)}')`,
  },
  UPPER: { min: 1, max: 1, type: firstArgType, emit: call('tsql_upper') },
  LOWER: { min: 1, max: 1, type: firstArgType, emit: call('tsql_lower') },
  LTRIM: { min: 1, max: 2, type: firstArgType, emit: call('ltrim') },
  RTRIM: { min: 1, max: 2, type: firstArgType, emit: call('rtrim') },
  TRIM: { min: 1, max: 1, type: firstArgType, emit: call('trim') },
  SUBSTRING: { min: 3, max: 3, type: firstArgType, emit: call('tsql_substring') },
  LEFT: { min: 2, max: 2, type: firstArgType, emit: call('tsql_left') },
  RIGHT: { min: 2, max: 2, type: firstArgType, emit: call('tsql_right') },
  CHARINDEX: { min: 2, max: 3, type: 'int', emit: callPadded('tsql_charindex', 3) },
  PATINDEX: { min: 2, max: 2, type: 'int', emit: call('tsql_patindex') },
  REPLACE: { min: 3, max: 3, type: firstArgType, emit: call('tsql_replace') },
  REPLICATE: { min: 2, max: 2, type: firstArgType, emit: call('tsql_replicate') },
  SPACE: { min: 1, max: 1, type: 'varchar', emit: (e, a) => `tsql_replicate(' ', ${e.expr(a[0]!)})` },
  REVERSE: { min: 1, max: 1, type: firstArgType, emit: call('tsql_reverse') },
  STUFF: { min: 4, max: 4, type: firstArgType, emit: call('tsql_stuff') },
  CONCAT: { min: 2, max: 254, type: 'nvarchar', emit: (e, a) => `concat(${a.map((x) => e.asText(x)).join(', ')})` },
  CONCAT_WS: {
    min: 3,
    max: 254,
    type: 'nvarchar',
    emit: (e, a) => `concat_ws(${a.map((x) => e.asText(x)).join(', ')})`,
  },
  ASCII: { min: 1, max: 1, type: 'int', emit: call('unicode') },
  UNICODE: { min: 1, max: 1, type: 'int', emit: call('unicode') },
  CHAR: { min: 1, max: 1, type: 'char', emit: call('char') },
  NCHAR: { min: 1, max: 1, type: 'nchar', emit: call('char') },
  QUOTENAME: { min: 1, max: 2, type: 'nvarchar', emit: callPadded('tsql_quotename', 2) },
  SOUNDEX: { min: 1, max: 1, type: 'varchar', emit: call('tsql_soundex') },
  DIFFERENCE: { min: 2, max: 2, type: 'int', emit: call('tsql_difference') },
  STR: { min: 1, max: 3, type: 'varchar', emit: callPadded('tsql_strnum', 3) },
  TRANSLATE: { min: 3, max: 3, type: firstArgType, emit: call('tsql_translate') },
  STRING_ESCAPE: { min: 2, max: 2, type: 'nvarchar', emit: call('tsql_string_escape') },
  FORMAT: { min: 2, max: 3, type: 'nvarchar', emit: (e, a) => `tsql_format(${e.expr(a[0]!)}, ${e.expr(a[1]!)})` },
  // --- JSON ---
  ISJSON: { min: 1, max: 2, type: 'int', emit: (e, a) => `tsql_isjson(${e.expr(a[0]!)})` },
  JSON_VALUE: { min: 2, max: 2, type: 'nvarchar', emit: call('tsql_json_value') },
  JSON_QUERY: { min: 1, max: 2, type: 'nvarchar', emit: callPadded('tsql_json_query', 2) },
  // --- Mathematics ---
  ABS: { min: 1, max: 1, type: firstArgType, emit: call('abs') },
  ROUND: { min: 2, max: 3, type: firstArgType, emit: callPadded('tsql_round', 3) },
  FLOOR: { min: 1, max: 1, type: firstArgType, emit: call('floor') },
  CEILING: { min: 1, max: 1, type: firstArgType, emit: call('ceiling') },
  POWER: { min: 2, max: 2, type: firstArgType, emit: call('power') },
  SQRT: { min: 1, max: 1, type: 'float', emit: call('sqrt') },
  SIGN: { min: 1, max: 1, type: firstArgType, emit: call('sign') },
  SQUARE: { min: 1, max: 1, type: 'float', emit: (e, a) => `(${e.expr(a[0]!)} * ${e.expr(a[0]!)})` },
  EXP: { min: 1, max: 1, type: 'float', emit: call('exp') },
  LOG: {
    min: 1,
    max: 2,
    type: 'float',
    emit: (e, a) => (a[1] ? `log(${e.expr(a[1])}, ${e.expr(a[0]!)})` : `ln(${e.expr(a[0]!)})`),
  },
  LOG10: { min: 1, max: 1, type: 'float', emit: call('log10') },
  PI: { min: 0, max: 0, type: 'float', emit: () => 'pi()' },
  SIN: { min: 1, max: 1, type: 'float', emit: call('sin') },
  COS: { min: 1, max: 1, type: 'float', emit: call('cos') },
  TAN: { min: 1, max: 1, type: 'float', emit: call('tan') },
  COT: { min: 1, max: 1, type: 'float', emit: (e, a) => `(1.0 / tan(${e.expr(a[0]!)}))` },
  ASIN: { min: 1, max: 1, type: 'float', emit: call('asin') },
  ACOS: { min: 1, max: 1, type: 'float', emit: call('acos') },
  ATAN: { min: 1, max: 1, type: 'float', emit: call('atan') },
  ATN2: { min: 2, max: 2, type: 'float', emit: call('atan2') },
  DEGREES: { min: 1, max: 1, type: firstArgType, emit: call('degrees') },
  RADIANS: { min: 1, max: 1, type: firstArgType, emit: call('radians') },
  RAND: { min: 0, max: 1, type: 'float', emit: () => '(abs(random()) / 9223372036854775808.0)' },
  // --- System ---
  NEWID: { min: 0, max: 0, type: 'uniqueidentifier', emit: () => 'tsql_newid()' },
  SCOPE_IDENTITY: { min: 0, max: 0, type: 'decimal', emit: () => 'last_insert_rowid()' },
  // --- Ranking and analytic (with OVER) ---
  ROW_NUMBER: { min: 0, max: 0, type: 'bigint', emit: call('row_number') },
  RANK: { min: 0, max: 0, type: 'bigint', emit: call('rank') },
  DENSE_RANK: { min: 0, max: 0, type: 'bigint', emit: call('dense_rank') },
  NTILE: { min: 1, max: 1, type: 'bigint', emit: call('ntile') },
  PERCENT_RANK: { min: 0, max: 0, type: 'float', emit: call('percent_rank') },
  CUME_DIST: { min: 0, max: 0, type: 'float', emit: call('cume_dist') },
  LAG: { min: 1, max: 3, type: firstArgType, emit: call('lag') },
  LEAD: { min: 1, max: 3, type: firstArgType, emit: call('lead') },
  FIRST_VALUE: { min: 1, max: 1, type: firstArgType, emit: call('first_value') },
  LAST_VALUE: { min: 1, max: 1, type: firstArgType, emit: call('last_value') },
  // --- Aggregates the grammar reads as plain functions ---
  COUNT_BIG: {
    min: 1,
    max: 1,
    type: 'bigint',
    emit: (e, a) => `count(${text(a[0]!, 'type') === 'star' || columnName(a[0]!) === '*' ? '*' : e.expr(a[0]!)})`,
  },
  STDEV: { min: 1, max: 1, type: 'float', emit: call('tsql_stdev') },
  STDEVP: { min: 1, max: 1, type: 'float', emit: call('tsql_stdevp') },
  VAR: { min: 1, max: 1, type: 'float', emit: call('tsql_var') },
  VARP: { min: 1, max: 1, type: 'float', emit: call('tsql_varp') },
  // `STRING_AGG(x, s) WITHIN GROUP (ORDER BY …)` (src/lib/tsql-parse.ts renames it).
  [MARKER.orderedStringAgg.toUpperCase()]: {
    min: 2,
    max: 2,
    type: 'nvarchar',
    emit: (e, a) => `group_concat(${e.asText(a[0]!)}, ${e.expr(a[1]!)}${e.withinGroupOrder()})`,
  },
};

/** Year, month, day[, hour, minute, second, milliseconds] → a fixed arity of 7 for tsql_fromparts. */
function partsArgs(e: Emitter, args: AstNode[], arity: number): string {
  const sql = args.map((a) => e.expr(a));
  while (sql.length < arity) sql.push('0');
  return sql.slice(0, arity).join(', ');
}

/** Built-in T-SQL functions the simulator does not implement (SQL Server knows them, so 195 would be wrong). */
const UNSUPPORTED_FUNCTIONS = new Set(
  (
    'GROUPING GROUPING_ID CHECKSUM BINARY_CHECKSUM CHECKSUM_AGG HASHBYTES COMPRESS DECOMPRESS OBJECT_ID ' +
    'OBJECT_NAME DB_NAME DB_ID USER_NAME SUSER_SNAME SUSER_NAME HOST_NAME APP_NAME ERROR_MESSAGE ERROR_NUMBER ' +
    'SWITCHOFFSET TODATETIMEOFFSET FORMATMESSAGE COL_LENGTH COL_NAME SESSION_USER SYSTEM_USER CURRENT_USER ' +
    'PERCENTILE_CONT PERCENTILE_DISC APPROX_COUNT_DISTINCT JSON_MODIFY OPENJSON STRING_SPLIT DATE_BUCKET ' +
    'GENERATE_SERIES SESSION_CONTEXT CONTEXT_INFO ROLLUP CUBE GROUPING_SETS'
  ).split(' '),
);

const AGGREGATES: Readonly<Record<string, string>> = {
  COUNT: 'count',
  SUM: 'sum',
  AVG: 'tsql_avg',
  MIN: 'min',
  MAX: 'max',
  STRING_AGG: 'group_concat',
};

// =============================================================================================
// The emitter
// =============================================================================================

const COMPARISONS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=']);
const JOINS: Readonly<Record<string, string>> = {
  JOIN: 'JOIN',
  'INNER JOIN': 'INNER JOIN',
  'LEFT JOIN': 'LEFT JOIN',
  'LEFT OUTER JOIN': 'LEFT OUTER JOIN',
  'RIGHT JOIN': 'RIGHT JOIN',
  'RIGHT OUTER JOIN': 'RIGHT OUTER JOIN',
  'FULL JOIN': 'FULL JOIN',
  'FULL OUTER JOIN': 'FULL OUTER JOIN',
  'CROSS JOIN': 'CROSS JOIN',
};

/** Result columns the simulator adds for its own use (TOP … PERCENT / WITH TIES); the executor drops them. */
export const HIDDEN_COLUMN_PREFIX = '__tsql_hidden_';

/** A query's result columns, when they can be told (undefined: not known, e.g. `*` over an unknown table). */
type Columns = CatalogueColumn[] | undefined;

interface Query {
  sql: string;
  columns: Columns;
}

/** A FROM source in scope: how its columns are named and typed, and how to read them. */
interface Source {
  /** Lower-cased names that qualify its columns (alias, or table name). */
  keys: string[];
  /** The name the emitted SQL uses for it. */
  sqlName: string;
  columns: Columns;
  /** An APPLY: a `json_each` row whose `value` is a JSON array of the columns. */
  json: boolean;
}

interface ResolvedColumn {
  source: Source | undefined;
  index: number;
  type: TypeName;
}

/** A string literal's value as a number when it is one in T-SQL's sense for `target`, else undefined. */
function numericLiteral(value: string, target: TypeName): string | undefined {
  const v = value.trim();
  if (isInteger(target)) return /^[+-]?\d+$/.test(v) ? String(Number(v)) : v === '' ? '0' : undefined;
  return /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(v) ? String(Number(v)) : undefined;
}

class Emitter {
  readonly params: ParameterRef[] = [];
  private readonly paramIndex = new Map<string, number>();
  usesNow = false;
  usesUtcNow = false;
  verb: StatementVerb = 'SELECT';
  readonly objectNames = new Map<string, string>();
  readonly qualifiers = new Set<string>();
  private unnamed = 0;
  private readonly scopes: Source[][] = [];
  private readonly ctes: Array<Map<string, Columns>> = [];
  /** The WITHIN GROUP of the function being emitted (for the ordered STRING_AGG). */
  private withinGroup: AstNode | undefined;

  constructor(private readonly catalogue: SchemaCatalogue) {}

  statement(node: AstNode): string {
    switch (text(node, 'type')) {
      case 'select':
        return this.select(node);
      case 'insert':
        this.verb = 'INSERT';
        return this.insert(node);
      case 'update':
        this.verb = 'UPDATE';
        return this.update(node);
      case 'delete':
        this.verb = 'DELETE';
        return this.remove(node);
      default:
        return fail({ kind: 'unsupported', feature: 'this statement' });
    }
  }

  now(): string {
    this.usesNow = true;
    return '@tsql_now';
  }

  utcNow(): string {
    this.usesUtcNow = true;
    return '@tsql_utcnow';
  }

  param(written: string): string {
    const key = parameterKey(written);
    let index = this.paramIndex.get(key);
    if (index === undefined) {
      index = this.params.length;
      this.params.push({ key, written });
      this.paramIndex.set(key, index);
    }
    return `@p${index}`;
  }

  // --- Scopes ---------------------------------------------------------------------------------

  private withScope<T>(body: () => T): T {
    this.scopes.push([]);
    try {
      return body();
    } finally {
      this.scopes.pop();
    }
  }

  private addSource(source: Source): void {
    this.scopes[this.scopes.length - 1]?.push(source);
  }

  private cteColumns(name: string): Columns | null {
    for (let i = this.ctes.length - 1; i >= 0; i--) {
      const hit = this.ctes[i]!;
      if (hit.has(name.toLowerCase())) return hit.get(name.toLowerCase());
    }
    return null;
  }

  /** Which source (innermost scope first) a column reference reads, and its type. */
  private resolve(table: string | undefined, column: string): ResolvedColumn {
    const col = column.toLowerCase();
    for (let s = this.scopes.length - 1; s >= 0; s--) {
      const scope = this.scopes[s]!;
      for (const source of scope) {
        if (table !== undefined && !source.keys.includes(table.toLowerCase())) continue;
        const index = source.columns ? source.columns.findIndex((c) => c.name.toLowerCase() === col) : -1;
        if (index >= 0) return { source, index, type: source.columns![index]!.type };
        if (table !== undefined) return { source: source.json ? undefined : source, index: -1, type: 'unknown' };
      }
      // A source whose columns are not known may hold the column: outer scopes cannot be told apart from it.
      if (table === undefined && scope.some((source) => !source.columns)) break;
    }
    return { source: undefined, index: -1, type: 'unknown' };
  }

  // --- SELECT ---------------------------------------------------------------------------------

  select(node: AstNode): string {
    return this.query(node).sql;
  }

  /** A query expression: CTEs, then one SELECT or a compound of them (UNION, INTERSECT, EXCEPT). */
  query(node: AstNode): Query {
    const withClause = this.with(node);
    try {
      return this.compound(node, withClause);
    } finally {
      if (withClause) this.ctes.pop();
    }
  }

  private compound(node: AstNode, withClause: string): Query {
    const members: AstNode[] = [];
    for (let cur: AstNode | undefined = node; cur; cur = child(cur, '_next')) members.push(cur);
    if (members.length === 1) {
      const q = this.simpleSelect(node, true);
      return { sql: withClause + q.sql, columns: q.columns };
    }
    // In a compound, ORDER BY on the last member orders the whole result; TOP belongs to its member.
    const last = members[members.length - 1]!;
    const parts = members.map((m, i) => {
      const q = this.simpleSelect(m, false);
      const op =
        i === 0 ? '' : (q.setOp ?? (text(members[i - 1]!, 'set_op') ?? 'union').toUpperCase().replace(/\s+/g, ' '));
      return { op, sql: q.hasTop ? `SELECT * FROM (${q.sql})` : q.sql, columns: q.columns };
    });
    // Each column has the type of highest precedence among the members' (SQL Server converts the others).
    const first = parts[0]!.columns;
    const width = first?.length;
    const targets =
      width !== undefined && parts.every((p) => p.columns?.length === width)
        ? first!.map((_, c) => highest(parts.map((p) => p.columns![c]!.type)))
        : undefined;
    const sqls = parts.map((p) => {
      if (!targets || !p.columns) return p.sql;
      const needs = p.columns.some((c, i) => converts(c.type, targets[i]!));
      if (!needs) return p.sql;
      const cols = p.columns.map(
        (c, i) => `${convertSql(quoteIdent(c.name), c.type, targets[i]!)} AS ${quoteIdent(c.name)}`,
      );
      return `SELECT ${cols.join(', ')} FROM (${p.sql})`;
    });
    // INTERSECT binds tighter than UNION and EXCEPT; SQLite reads them all left to right.
    const groups: Array<{ op: string; sql: string; count: number }> = [];
    sqls.forEach((sql, i) => {
      const op = parts[i]!.op;
      const group = groups[groups.length - 1];
      if (op === 'INTERSECT' && group) {
        group.sql += ` INTERSECT ${sql}`;
        group.count++;
      } else groups.push({ op, sql, count: 1 });
    });
    const sql = groups
      .map((g, i) => {
        const body = g.count > 1 && groups.length > 1 ? `SELECT * FROM (${g.sql})` : g.sql;
        return i === 0 ? body : ` ${g.op} ${body}`;
      })
      .join('');
    const columns = first && targets ? first.map((c, i) => ({ name: c.name, type: targets[i]! })) : first;
    return { sql: withClause + sql + this.orderAndLimit(last, undefined), columns };
  }

  private with(node: AstNode): string {
    const ctes = children(node, 'with');
    if (ctes.length === 0) return '';
    const visible = new Map<string, Columns>();
    this.ctes.push(visible);
    const parts = ctes.map((cte) => {
      const nameNode = child(cte, 'name');
      const name = nameNode ? text(nameNode, 'value') : text(cte, 'name');
      const stmt = child(cte, 'stmt');
      const ast = stmt ? (child(stmt, 'ast') ?? stmt) : undefined;
      if (!name || !ast) return fail({ kind: 'unsupported', feature: 'this WITH clause' });
      this.qualifiers.add(name.toLowerCase());
      const names = list(cte, 'columns').map((c) =>
        isNode(c) ? (columnName(c) ?? text(c, 'value') ?? '') : String(c),
      );
      // A recursive CTE reads itself: its columns are known once its anchor is.
      visible.set(name.toLowerCase(), undefined);
      const q = this.query(ast);
      const columns = names.length
        ? names.map((n, i) => ({ name: n, type: q.columns?.[i]?.type ?? 'unknown' }))
        : q.columns;
      visible.set(name.toLowerCase(), columns);
      return `${quoteIdent(name)}${names.length ? ` (${names.map(quoteIdent).join(', ')})` : ''} AS (${q.sql})`;
    });
    return `WITH ${parts.join(', ')} `;
  }

  /** The select items the src/lib/tsql-parse.ts rewrites put first: a set operator, then TOP. */
  private markers(node: AstNode): {
    setOp: string | undefined;
    top: { value: AstNode; percent: boolean; ties: boolean } | undefined;
    columns: AstNode[];
  } {
    const columns = children(node, 'columns');
    let i = 0;
    let setOp: string | undefined;
    const alias0 = columns[0] ? text(columns[0], 'as') : undefined;
    if (alias0 === MARKER.intersect || alias0 === MARKER.except) {
      setOp = alias0 === MARKER.intersect ? 'INTERSECT' : 'EXCEPT';
      i++;
    }
    let top: { value: AstNode; percent: boolean; ties: boolean } | undefined;
    const item = columns[i];
    const flags = item ? readTopMarker(text(item, 'as')) : undefined;
    const value = item ? child(item, 'expr') : undefined;
    if (flags && value) {
      top = { value, ...flags };
      i++;
    }
    return { setOp, top, columns: columns.slice(i) };
  }

  /** One SELECT (no set operator). `ownTail`: it is not a compound member, so its ORDER BY / LIMIT are its own. */
  private simpleSelect(node: AstNode, ownTail: boolean): Query & { setOp?: string; hasTop: boolean } {
    return this.withScope(() => {
      const into = child(node, 'into');
      if (into && into['expr'] !== undefined && into['expr'] !== null)
        fail({ kind: 'unsupported', feature: 'SELECT … INTO' });
      const forClause = child(node, 'for');
      if (forClause) fail({ kind: 'unsupported', feature: `${(text(forClause, 'type') ?? 'for xml').toUpperCase()}` });
      const { setOp, top, columns } = this.markers(node);
      const from = children(node, 'from');
      const fromSql = from.length ? ` FROM ${this.from(from)}` : '';
      const distinct = node['distinct'] ? 'DISTINCT ' : '';
      const items = columns.map((c) => this.selectItem(c));
      const cols = items.map((i) => i.sql).join(', ');
      const outColumns: Columns = items.every((i) => i.columns) ? items.flatMap((i) => i.columns!) : undefined;
      const where = child(node, 'where');
      const whereSql = where ? ` WHERE ${this.condition(where)}` : '';
      const groupSql = this.groupBy(node);
      const having = child(node, 'having');
      const havingSql = having ? ` HAVING ${this.condition(having)}` : '';
      const body = `${fromSql}${whereSql}${groupSql}${havingSql}`;
      if (top && (top.percent || top.ties)) {
        const sql = this.rankedTop(node, top, `SELECT ${distinct}${cols}`, body, outColumns);
        return { sql, columns: outColumns, setOp, hasTop: true };
      }
      const limit = top ? this.topValue(top.value) : undefined;
      const tail = ownTail || limit !== undefined ? this.orderAndLimit(node, limit) : '';
      return {
        sql: `SELECT ${distinct}${cols}${body}${tail}`,
        columns: outColumns,
        setOp,
        hasTop: limit !== undefined,
      };
    });
  }

  private topValue(value: AstNode): string {
    if (text(value, 'type') === 'number') {
      const n = Number(text(value, 'value'));
      if (!Number.isInteger(n) || n < 0) return fail({ kind: 'syntax', near: 'TOP', keyword: true });
      return String(n);
    }
    return this.expr(value);
  }

  /**
   * TOP n PERCENT and TOP n WITH TIES: the rows numbered (or ranked, for ties) in ORDER BY order,
   * up to n (or n percent of the count, rounded up, as SQL Server does).
   */
  private rankedTop(
    node: AstNode,
    top: { value: AstNode; percent: boolean; ties: boolean },
    head: string,
    body: string,
    columns: Columns,
  ): string {
    const order = this.orderItems(node);
    if (top.ties && !order) return fail({ kind: 'tiesWithoutOrder' });
    const rank = `${top.ties ? 'RANK()' : 'ROW_NUMBER()'} OVER (${order ? `ORDER BY ${order}` : ''})`;
    const n = top.percent ? `tsql_num(${this.expr(top.value)}, NULL, 'float', 'varchar')` : this.topValue(top.value);
    const hiddenRank = quoteIdent(`${HIDDEN_COLUMN_PREFIX}rank`);
    const hiddenCount = quoteIdent(`${HIDDEN_COLUMN_PREFIX}count`);
    const count = top.percent ? `, COUNT(*) OVER () AS ${hiddenCount}` : '';
    const bound = top.percent ? `ceil(${n} * ${hiddenCount} / 100.0)` : n;
    const projection = columns ? columns.map((c) => quoteIdent(c.name)).join(', ') : '*';
    return `SELECT ${projection} FROM (${head}, ${rank} AS ${hiddenRank}${count}${body}) WHERE ${hiddenRank} <= ${bound} ORDER BY ${hiddenRank}`;
  }

  private orderItems(node: AstNode): string | undefined {
    const order = children(node, 'orderby');
    if (!order.length) return undefined;
    return order
      .map((o) => {
        const expr = child(o, 'expr');
        if (!expr) return fail({ kind: 'syntax', near: 'ORDER', keyword: true });
        const dir = text(o, 'type')?.toUpperCase();
        return this.expr(expr) + (dir === 'DESC' ? ' DESC' : dir === 'ASC' ? ' ASC' : '');
      })
      .join(', ');
  }

  private orderAndLimit(node: AstNode, top: string | undefined): string {
    const order = this.orderItems(node);
    const sql = order ? ` ORDER BY ${order}` : '';
    if (top !== undefined) return `${sql} LIMIT ${top}`;
    const limit = child(node, 'limit');
    if (limit) {
      const offsetNode = child(limit, 'offset');
      const fetchNode = child(limit, 'fetch');
      const offsetValue = offsetNode ? child(offsetNode, 'value') : undefined;
      const fetchValue = fetchNode ? child(fetchNode, 'value') : undefined;
      if (offsetValue || fetchValue) {
        const all = fetchValue && text(fetchValue, 'value') === ALL_ROWS;
        const fetch = fetchValue && !all ? this.expr(fetchValue) : '-1';
        return `${sql} LIMIT ${fetch}${offsetValue ? ` OFFSET ${this.expr(offsetValue)}` : ''}`;
      }
    }
    return sql;
  }

  private selectItem(item: AstNode): { sql: string; columns: Columns } {
    const expr = child(item, 'expr');
    if (!expr) return fail({ kind: 'syntax', near: 'SELECT', keyword: true });
    const alias = text(item, 'as');
    if ((text(expr, 'type') === 'column_ref' && columnName(expr) === '*') || text(expr, 'type') === 'star') {
      return this.star(text(expr, 'type') === 'star' ? undefined : text(expr, 'table'));
    }
    const sql = this.expr(expr);
    let name = alias;
    if (name === undefined && isColumn(expr)) name = columnName(expr) ?? text(expr, 'value');
    // Aliases are always written out: SQLite would otherwise name a column after its declaration, not as selected.
    const sqlName = name ?? `${UNNAMED_COLUMN_PREFIX}${this.unnamed++}`;
    return { sql: `${sql} AS ${quoteIdent(sqlName)}`, columns: [{ name: sqlName, type: this.typeOf(expr) }] };
  }

  /** `*` or `t.*`: the sources' columns (APPLY sources spelled out, since their row is JSON). */
  private star(table: string | undefined): { sql: string; columns: Columns } {
    const scope = this.scopes[this.scopes.length - 1] ?? [];
    const sources = table === undefined ? scope : scope.filter((s) => s.keys.includes(table.toLowerCase()));
    if (table !== undefined && sources.length === 0) return fail({ kind: 'unboundIdentifier', name: `${table}.*` });
    const columns: Columns = sources.every((s) => s.columns) ? sources.flatMap((s) => s.columns!) : undefined;
    if (!sources.some((s) => s.json)) {
      return { sql: table === undefined ? '*' : `${quoteIdent(sources[0]!.sqlName)}.*`, columns };
    }
    const parts = sources.map((s) =>
      s.json
        ? s.columns!.map((c, i) => `${jsonColumn(s, i)} AS ${quoteIdent(c.name)}`).join(', ')
        : `${quoteIdent(s.sqlName)}.*`,
    );
    return { sql: parts.join(', '), columns };
  }

  private groupBy(node: AstNode): string {
    const group = node['groupby'];
    const items = Array.isArray(group) ? group.filter(isNode) : isNode(group) ? children(group, 'columns') : [];
    return items.length ? ` GROUP BY ${items.map((g) => this.expr(g)).join(', ')}` : '';
  }

  private tableName(ref: AstNode): string {
    const table = text(ref, 'table');
    if (!table) return fail({ kind: 'syntax', near: 'FROM', keyword: true });
    const written = [text(ref, 'db'), text(ref, 'schema'), table].filter((p): p is string => !!p).join('.');
    this.objectNames.set(table.toLowerCase(), written);
    this.qualifiers.add(table.toLowerCase());
    return quoteIdent(table);
  }

  /** A base table, view or CTE as a source. */
  private tableSource(ref: AstNode, alias: string | undefined): string {
    const table = text(ref, 'table') ?? '';
    const sql = this.tableName(ref);
    const cte = text(ref, 'db') || text(ref, 'schema') ? null : this.cteColumns(table);
    const columns = cte !== null ? cte : this.catalogue.columns(table)?.slice();
    this.addSource({
      keys: alias ? [alias.toLowerCase()] : [table.toLowerCase()],
      sqlName: alias ?? table,
      columns,
      json: false,
    });
    return sql;
  }

  private from(items: AstNode[]): string {
    let sql = '';
    items.forEach((item, i) => {
      const join = text(item, 'join')?.toUpperCase().replace(/\s+/g, ' ');
      const derived = child(item, 'expr');
      let alias = text(item, 'as');
      let source: string;
      if (item['operator']) return fail({ kind: 'unsupported', feature: 'PIVOT and UNPIVOT' });
      if (join === 'CROSS APPLY' || join === 'OUTER APPLY') {
        const inner = derived ? this.applied(derived, alias) : undefined;
        if (!inner) return fail({ kind: 'unsupported', feature: 'this APPLY' });
        sql += inner.sql(join === 'OUTER APPLY');
        return;
      }
      if (derived && text(derived, 'type') === 'values') {
        const named = valuesAlias(alias);
        const q = this.valuesTable(derived, named.columns);
        alias = named.name;
        source = `(${q.sql})`;
        this.addSource({ keys: [named.name.toLowerCase()], sqlName: named.name, columns: q.columns, json: false });
      } else if (text(item, 'type') === 'expr') {
        const hinted = derived ? oldStyleHintedTable(derived) : undefined;
        if (!hinted) return fail({ kind: 'unsupported', feature: 'table-valued functions' });
        source = this.tableSource(hinted, alias);
      } else {
        const derivedAst = derived ? child(derived, 'ast') : undefined;
        if (derivedAst) {
          const q = this.withScope(() => this.query(derivedAst));
          source = `(${q.sql})`;
          if (alias) this.addSource({ keys: [alias.toLowerCase()], sqlName: alias, columns: q.columns, json: false });
        } else {
          if (join === 'UNION' || join === 'UNION ALL') return fail({ kind: 'syntax', near: 'UNION', keyword: true });
          source = this.tableSource(item, alias);
        }
      }
      if (alias) {
        this.qualifiers.add(alias.toLowerCase());
        source += ` AS ${quoteIdent(alias)}`;
      }
      if (i === 0) {
        sql = source;
        return;
      }
      if (join === undefined) {
        sql += `, ${source}`;
        return;
      }
      const joinSql = JOINS[join];
      if (!joinSql) return fail({ kind: 'unsupported', feature: join });
      sql += ` ${joinSql} ${source}`;
      const on = child(item, 'on');
      if (on) sql += ` ON ${this.condition(on)}`;
      const using = list(item, 'using');
      if (using.length)
        sql += ` USING (${using.map((u) => quoteIdent(isNode(u) ? (columnName(u) ?? text(u, 'value') ?? '') : String(u))).join(', ')})`;
    });
    return sql;
  }

  /**
   * `CROSS APPLY (…) z` / `OUTER APPLY (…) z`. SQLite has no lateral join, but a table-valued
   * function's argument may read the tables to its left: the inner query's rows become one JSON
   * array (a correlated subquery) that `json_each` turns back into rows, one JSON array per row.
   */
  private applied(derived: AstNode, alias: string | undefined): { sql: (outer: boolean) => string } | undefined {
    const ast = child(derived, 'ast');
    let q: Query;
    let name = alias;
    if (ast) q = this.withScope(() => this.query(ast));
    else if (text(derived, 'type') === 'values') {
      const named = valuesAlias(alias);
      name = named.name;
      q = this.withScope(() => this.valuesTable(derived, named.columns));
    } else return undefined;
    if (!name) return fail({ kind: 'syntax', near: 'APPLY', keyword: false });
    if (!q.columns) return fail({ kind: 'unsupported', feature: 'APPLY over a query whose columns are not known' });
    const sqlName = `${name}`;
    this.qualifiers.add(name.toLowerCase());
    const source: Source = { keys: [name.toLowerCase()], sqlName, columns: q.columns, json: true };
    const array = `json_array(${q.columns.map((c) => quoteIdent(c.name)).join(', ')})`;
    const rows = `json_each((SELECT json_group_array(${array}) FROM (${q.sql})))`;
    this.addSource(source);
    return {
      sql: (outer) =>
        outer ? ` LEFT JOIN ${rows} AS ${quoteIdent(sqlName)} ON 1` : ` JOIN ${rows} AS ${quoteIdent(sqlName)}`,
    };
  }

  /** `(VALUES (…), (…)) AS v (a, b)` as a union of one-row SELECTs, each column of its highest type. */
  private valuesTable(node: AstNode, names: string[]): Query {
    const rows = children(node, 'values').map((row) => functionArgsOfList(row));
    const width = rows[0]?.length ?? 0;
    if (width === 0 || rows.some((r) => r.length !== width))
      return fail({ kind: 'syntax', near: 'VALUES', keyword: true });
    const targets = Array.from({ length: width }, (_, c) => highest(rows.map((r) => this.typeOf(r[c]!))));
    const columnNames = Array.from(
      { length: width },
      (_, c) => names[c] ?? `${UNNAMED_COLUMN_PREFIX}${this.unnamed++}`,
    );
    const sql = rows
      .map(
        (r) =>
          `SELECT ${r.map((v, c) => `${this.converted(v, targets[c]!)} AS ${quoteIdent(columnNames[c]!)}`).join(', ')}`,
      )
      .join(' UNION ALL ');
    return { sql, columns: columnNames.map((name, c) => ({ name, type: targets[c]! })) };
  }

  // --- INSERT / UPDATE / DELETE -----------------------------------------------------------------

  private insert(node: AstNode): string {
    const target = children(node, 'table')[0];
    if (!target) return fail({ kind: 'syntax', near: 'INSERT', keyword: true });
    const table = this.tableName(target);
    const columns = list(node, 'columns').map((c) =>
      isNode(c) ? (columnName(c) ?? text(c, 'value') ?? '') : String(c),
    );
    const colSql = columns.length ? ` (${columns.map(quoteIdent).join(', ')})` : '';
    const values = child(node, 'values');
    if (!values) return fail({ kind: 'syntax', near: 'INSERT', keyword: true });
    if (text(values, 'type') === 'select') return `INSERT INTO ${table}${colSql} ${this.select(values)}`;
    const rows = children(values, 'values').map(
      (row) =>
        `(${functionArgsOfList(row)
          .map((v) => this.storedValue(v))
          .join(', ')})`,
    );
    return `INSERT INTO ${table}${colSql} VALUES ${rows.join(', ')}`;
  }

  /** A value written to a column: an ISO date string is stored in the storage format, as SQL Server would convert it. */
  private storedValue(node: AstNode): string {
    return this.comparand(node, true);
  }

  /** UPDATE/DELETE … FROM: T-SQL names the target by alias; SQLite wants `table AS alias`. */
  private dmlTarget(node: AstNode, verb: string): string {
    const target = children(node, 'table')[0];
    const from = children(node, 'from');
    if (!target) return fail({ kind: 'syntax', near: verb, keyword: true });
    if (from.length === 0) {
      const alias = text(target, 'as');
      return this.tableSource(target, alias) + (alias ? ` AS ${quoteIdent(alias)}` : '');
    }
    const targetName = (text(target, 'table') ?? '').toLowerCase();
    const source = from[0]!;
    const matches =
      (text(source, 'as') ?? '').toLowerCase() === targetName ||
      (text(source, 'table') ?? '').toLowerCase() === targetName;
    if (from.length > 1 || !matches || !text(source, 'table'))
      return fail({ kind: 'unsupported', feature: `${verb} … FROM with joins` });
    const alias = text(source, 'as');
    if (alias) this.qualifiers.add(alias.toLowerCase());
    return this.tableSource(source, alias) + (alias ? ` AS ${quoteIdent(alias)}` : '');
  }

  private update(node: AstNode): string {
    return this.withScope(() => {
      const target = this.dmlTarget(node, 'UPDATE');
      const sets = children(node, 'set').map((s) => {
        const column = text(s, 'column');
        const value = child(s, 'value');
        if (!column || !value) return fail({ kind: 'syntax', near: 'SET', keyword: true });
        return `${quoteIdent(column)} = ${this.storedValue(value)}`;
      });
      const where = child(node, 'where');
      return `UPDATE ${target} SET ${sets.join(', ')}${where ? ` WHERE ${this.condition(where)}` : ''}`;
    });
  }

  private remove(node: AstNode): string {
    return this.withScope(() => {
      const target = this.dmlTarget(node, 'DELETE');
      const where = child(node, 'where');
      return `DELETE FROM ${target}${where ? ` WHERE ${this.condition(where)}` : ''}`;
    });
  }

  // --- Types ----------------------------------------------------------------------------------

  /** The T-SQL type of an expression, as far as the text and the catalogue tell (`unknown` otherwise). */
  typeOf(node: AstNode): TypeName {
    const sub = subquery(node);
    if (sub) return this.withScope(() => this.query(sub)).columns?.[0]?.type ?? 'unknown';
    const type = text(node, 'type');
    if (isStringLiteral(node)) return type === 'natural_string' || type === 'var_string' ? 'nvarchar' : 'varchar';
    switch (type) {
      case 'number': {
        const v = text(node, 'value') ?? '';
        if (/e/i.test(v)) return 'float';
        if (v.includes('.')) return 'decimal';
        return Math.abs(Number(v)) > 2_147_483_647 ? 'bigint' : 'int';
      }
      case 'bigint':
        return 'bigint';
      case 'bool':
        return 'bit';
      case 'column_ref': {
        const column = columnName(node);
        if (column === undefined || column.startsWith('@')) return 'unknown';
        return this.resolve(text(node, 'table'), column).type;
      }
      case 'binary_expr': {
        const op = (text(node, 'operator') ?? '').toUpperCase();
        const l = child(node, 'left');
        const r = child(node, 'right');
        const lt = l ? this.typeOf(l) : 'unknown';
        const rt = r ? this.typeOf(r) : 'unknown';
        if (op === '+') {
          if (category(lt) === 'datetime' || category(rt) === 'datetime') return 'datetime';
          if (category(lt) === 'string' && category(rt) === 'string') return lt === 'nvarchar' ? lt : rt;
          return dominant(lt, rt);
        }
        if (op === '-' && category(lt) === 'datetime') return 'datetime';
        if (op === '-' || op === '*' || op === '/' || op === '%' || op === '&' || op === '|' || op === '^')
          return category(lt) === 'number' && category(rt) === 'number' ? dominant(lt, rt) : 'unknown';
        return 'bit';
      }
      case 'unary_expr': {
        const inner = child(node, 'expr');
        const op = (text(node, 'operator') ?? '').toUpperCase();
        return inner && (op === '-' || op === '+' || op === '~') ? this.typeOf(inner) : 'bit';
      }
      case 'function': {
        const name = (functionName(node) ?? '').toUpperCase();
        const spec = functionSchema(node) ? undefined : FUNCTIONS[name];
        if (!spec) return 'unknown';
        const args = functionArgs(node);
        if (args.length < spec.min || args.length > spec.max) return 'unknown';
        return typeof spec.type === 'function' ? spec.type(this, args) : spec.type;
      }
      case 'aggr_func': {
        const name = text(node, 'name')?.toUpperCase();
        if (name === 'COUNT') return 'int';
        if (name === 'STRING_AGG') return 'nvarchar';
        const args = child(node, 'args');
        const inner = args ? child(args, 'expr') : undefined;
        if (!inner) return 'unknown';
        const t = this.typeOf(inner);
        if (name === 'MIN' || name === 'MAX') return t;
        if (name === 'SUM' || name === 'AVG') return isInteger(t) ? (t === 'bigint' ? 'bigint' : 'int') : t;
        return 'unknown';
      }
      case 'cast':
        return typeNameOf(typeFromCastTarget(node).name);
      case 'case': {
        const results = children(node, 'args').flatMap((arm) => {
          const result = child(arm, 'result');
          return result ? [this.typeOf(result)] : [];
        });
        return highest(results);
      }
      case 'expr_list': {
        const items = functionArgsOfList(node);
        return items.length === 1 ? this.typeOf(items[0]!) : 'unknown';
      }
      default:
        return 'unknown';
    }
  }

  /** `node` converted to `target` where SQL Server would convert it implicitly (see {@link converts}). */
  converted(node: AstNode, target: TypeName): string {
    const from = this.typeOf(node);
    if (!converts(from, target)) return this.expr(node);
    if (isStringLiteral(node)) {
      const value = literalValue(node);
      if (category(target) === 'number') {
        const n = numericLiteral(value, target);
        if (n !== undefined) return n;
      } else if (category(target) === 'datetime') {
        const parts = parseDateTimeText(value);
        if (parts) return sqlString(formatCanonical(parts));
      }
    }
    return convertSql(this.expr(node), from, target);
  }

  /** An argument that SQL Server reads as a string (CONCAT): datetimes in their default style. */
  asText(node: AstNode): string {
    return category(this.typeOf(node)) === 'datetime' ? `tsql_str(${this.expr(node)}, NULL, NULL, 0)` : this.expr(node);
  }

  // --- Expressions ----------------------------------------------------------------------------

  /** A search condition (WHERE, ON, HAVING, WHEN). */
  condition(node: AstNode): string {
    return this.expr(node);
  }

  /**
   * An operand compared with (or stored into) a column or a datetime whose type is not known: an
   * ISO date literal becomes the storage format now, a parameter at run time (`tsql_cmpdate`), so
   * `DOB = '1980-01-01'` matches the stored `1980-01-01T00:00:00` as it does on SQL Server.
   */
  private comparand(node: AstNode, force: boolean, other?: AstNode): string {
    if (force || (other && (isColumn(other) || category(this.typeOf(other)) === 'datetime'))) {
      if (isStringLiteral(node)) {
        const value = literalValue(node);
        if (/^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?)?$/.test(value)) {
          const parts = parseDateTimeText(value);
          if (parts) return sqlString(formatCanonical(parts));
        }
      } else if (isParameter(node)) {
        return `tsql_cmpdate(${this.expr(node)})`;
      }
    }
    return this.expr(node);
  }

  /**
   * Both operands of a comparison, converted as SQL Server converts them: to the type of higher
   * precedence (a varchar column compared with an int is read as int, failing with 245 on the
   * first value that is not a number). A parameter's type is known only when it is bound: it is
   * converted at run time when compared with a number.
   */
  private comparison(left: AstNode, others: AstNode[]): { left: string; others: string[] } {
    const lt = this.typeOf(left);
    const types = others.map((o) => this.typeOf(o));
    const known = lt !== 'unknown' && types.every((t) => t !== 'unknown');
    if (known) {
      const target = highest([lt, ...types]);
      return { left: this.converted(left, target), others: others.map((o) => this.converted(o, target)) };
    }
    const side = (node: AstNode, type: TypeName, other: AstNode, otherType: TypeName): string => {
      if (type === 'unknown' && isParameter(node) && category(otherType) === 'number')
        return `tsql_tonum(${this.expr(node)}, '${otherType}', 'nvarchar')`;
      return this.comparand(node, false, other);
    };
    return {
      left: others.length === 1 ? side(left, lt, others[0]!, types[0]!) : this.comparand(left, false),
      others: others.map((o, i) => side(o, types[i]!, left, lt)),
    };
  }

  expr(node: AstNode): string {
    const sub = subquery(node);
    if (sub) return `(${this.withScope(() => this.select(sub))})`;
    const type = text(node, 'type');
    switch (type) {
      case 'column_ref':
        return this.columnRef(node);
      case 'double_quote_string': // QUOTED_IDENTIFIER ON (the ADO.NET default): "x" is a name.
        return this.columnRef({ type: 'column_ref', table: null, column: text(node, 'value') ?? '' });
      case 'number':
      case 'bigint': {
        const v = text(node, 'value') ?? '';
        if (!/^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(v)) return fail({ kind: 'syntax', near: '', keyword: false });
        return v;
      }
      case 'single_quote_string':
      case 'var_string':
      case 'string':
      case 'natural_string':
        return sqlString(literalValue(node));
      case 'full_hex_string':
      case 'hex_string': {
        const v = text(node, 'value') ?? '';
        if (!/^[0-9A-Fa-f]*$/.test(v)) return fail({ kind: 'syntax', near: '', keyword: false });
        return `X'${v.length % 2 ? `0${v}` : v}'`;
      }
      case 'bool':
        return node['value'] ? '1' : '0';
      case 'null':
        return 'NULL';
      case 'star':
        return '*';
      case 'binary_expr':
        return this.binary(node);
      case 'unary_expr': {
        const op = (text(node, 'operator') ?? '').toUpperCase();
        const inner = child(node, 'expr');
        if (!inner) return fail({ kind: 'syntax', near: op, keyword: false });
        if (op === 'NOT EXISTS') return `NOT EXISTS ${this.expr(inner)}`;
        if (op === 'NOT' || op === '!') return `(NOT ${this.expr(inner)})`;
        if (op === '-' || op === '+' || op === '~') return `(${op}${this.expr(inner)})`;
        return fail({ kind: 'unsupported', feature: `the ${op} operator` });
      }
      case 'function':
        return this.functionCall(node);
      case 'aggr_func':
        return this.aggregate(node);
      case 'cast': {
        const inner = child(node, 'expr');
        if (!inner) return fail({ kind: 'syntax', near: 'CAST', keyword: true });
        return this.conversion(typeFromCastTarget(node), inner, undefined, false);
      }
      case 'case':
        return this.caseExpr(node);
      case 'expr_list': {
        const items = functionArgsOfList(node);
        if (items.length === 1) return `(${this.expr(items[0]!)})`;
        return `(${items.map((i) => this.expr(i)).join(', ')})`;
      }
      default:
        return fail({ kind: 'unsupported', feature: type ? `${type} expressions` : 'this expression' });
    }
  }

  private columnRef(node: AstNode): string {
    const column = columnName(node);
    if (column === undefined) return fail({ kind: 'syntax', near: '', keyword: false });
    // The grammar reads `@@IDENTITY` as a column `@` aliased `@IDENTITY`.
    if (column === '@' || column.startsWith('@@'))
      return fail({ kind: 'unsupported', feature: '@@ system functions (use SCOPE_IDENTITY())' });
    if (column.startsWith('@')) return this.param(column);
    const table = text(node, 'table');
    if (column === '*') return table ? `${quoteIdent(table)}.*` : '*';
    const resolved = this.resolve(table, column);
    if (resolved.source?.json) {
      if (resolved.index < 0) return fail({ kind: 'invalidColumn', name: column });
      return jsonColumn(resolved.source, resolved.index);
    }
    return table ? `${quoteIdent(table)}.${quoteIdent(column)}` : quoteIdent(column);
  }

  private binary(node: AstNode): string {
    const op = (text(node, 'operator') ?? '').toUpperCase();
    const left = child(node, 'left');
    const right = child(node, 'right');
    if (!left || !right) return fail({ kind: 'syntax', near: op, keyword: false });
    switch (op) {
      case 'AND':
      case 'OR':
        return `(${this.expr(left)} ${op} ${this.expr(right)})`;
      case '+': {
        const lt = category(this.typeOf(left));
        const rt = category(this.typeOf(right));
        if (lt === 'string' && rt === 'string') return `(${this.expr(left)} || ${this.expr(right)})`;
        if (lt === 'number' && rt === 'number') return `(${this.expr(left)} + ${this.expr(right)})`;
        return `tsql_add(${this.expr(left)}, ${this.expr(right)})`;
      }
      case '-':
        if (category(this.typeOf(left)) === 'datetime' || category(this.typeOf(right)) === 'datetime') {
          return `tsql_subtract(${this.expr(left)}, ${this.expr(right)})`;
        }
        return `(${this.expr(left)} - ${this.expr(right)})`;
      case '/':
      case '%': {
        // SQLite answers NULL where SQL Server fails with 8134.
        const divisor = this.expr(right);
        return `(${this.expr(left)} ${op} (CASE WHEN ${divisor} = 0 THEN tsql_divide_by_zero() ELSE ${divisor} END))`;
      }
      case '*':
      case '&':
      case '|':
        return `(${this.expr(left)} ${op} ${this.expr(right)})`;
      case '^': {
        const l = this.expr(left);
        const r = this.expr(right);
        return `((${l} | ${r}) - (${l} & ${r}))`;
      }
      case 'LIKE':
      case 'NOT LIKE':
        return this.like(left, right, op === 'NOT LIKE');
      case 'IS':
      case 'IS NOT':
        return `(${this.expr(left)} ${op} ${this.expr(right)})`;
      case 'IN':
      case 'NOT IN': {
        const items = text(right, 'type') === 'expr_list' ? functionArgsOfList(right) : [right];
        const only = items[0];
        if (items.length === 1 && only && subquery(only)) return `(${this.expr(left)} ${op} ${this.expr(only)})`;
        const c = this.comparison(left, items);
        return `(${c.left} ${op} (${c.others.join(', ')}))`;
      }
      case 'BETWEEN':
      case 'NOT BETWEEN': {
        const [lo, hi] = functionArgsOfList(right);
        if (!lo || !hi) return fail({ kind: 'syntax', near: 'BETWEEN', keyword: true });
        const c = this.comparison(left, [lo, hi]);
        return `(${c.left} ${op} ${c.others[0]} AND ${c.others[1]})`;
      }
      default:
        if (COMPARISONS.has(op)) {
          if (subquery(right) && !subquery(left)) {
            const c = this.comparison(left, [right]);
            return `(${c.left} ${op} ${c.others[0]})`;
          }
          const c = this.comparison(left, [right]);
          return `(${c.left} ${op} ${c.others[0]})`;
        }
        return fail({ kind: 'unsupported', feature: `the ${op} operator` });
    }
  }

  /**
   * LIKE with T-SQL's patterns: `%`, `_`, `[abc]`, `[a-c]`, `[^a]` and ESCAPE. A literal pattern
   * with none of the bracket or escape forms is SQLite's own LIKE (which can use an index).
   */
  private like(left: AstNode, right: AstNode, negated: boolean): string {
    let pattern = right;
    let escape: AstNode | undefined;
    if (text(right, 'type') === 'function' && functionName(right) === MARKER.likeEscape) {
      [pattern, escape] = functionArgs(right) as [AstNode, AstNode];
    }
    const not = negated ? 'NOT ' : '';
    if (!escape && isStringLiteral(pattern) && !literalValue(pattern).includes('[')) {
      return `(${this.expr(left)} ${not}LIKE ${this.expr(pattern)})`;
    }
    return `(${not}tsql_like(${this.expr(left)}, ${this.expr(pattern)}, ${escape ? this.expr(escape) : 'NULL'}))`;
  }

  private functionCall(node: AstNode): string {
    const written = functionName(node) ?? '';
    const name = written.toUpperCase();
    const schema = functionSchema(node);
    if (name === 'EXISTS') {
      const arg = functionArgs(node)[0];
      if (!arg) return fail({ kind: 'syntax', near: 'EXISTS', keyword: true });
      return `EXISTS ${this.expr(arg)}`;
    }
    const spec = schema ? undefined : FUNCTIONS[name];
    if (!spec) {
      if (schema) return fail({ kind: 'unknownUserFunction', name: `${schema}.${written}` });
      if (UNSUPPORTED_FUNCTIONS.has(name)) return fail({ kind: 'unsupported', feature: `the ${name} function` });
      return fail({ kind: 'unknownFunction', name: written });
    }
    const args = functionArgs(node);
    if (args.length < spec.min || args.length > spec.max) {
      return fail({
        kind: 'argumentCount',
        name: written,
        expected: spec.min === spec.max ? String(spec.min) : `${spec.min} to ${spec.max}`,
      });
    }
    const previous = this.withinGroup;
    this.withinGroup = child(node, 'within_group');
    try {
      return spec.emit(this, args, name) + this.over(node);
    } finally {
      this.withinGroup = previous;
    }
  }

  /** ` ORDER BY …` of the WITHIN GROUP clause of the function being emitted, or ''. */
  withinGroupOrder(): string {
    const order = this.withinGroup ? children(this.withinGroup, 'orderby') : [];
    if (!order.length) return '';
    return ` ORDER BY ${order
      .map((o) => {
        const dir = text(o, 'type')?.toUpperCase();
        return this.expr(child(o, 'expr') ?? o) + (dir === 'DESC' ? ' DESC' : '');
      })
      .join(', ')}`;
  }

  private aggregate(node: AstNode): string {
    const name = (text(node, 'name') ?? '').toUpperCase();
    let sqlName = AGGREGATES[name];
    if (!sqlName) return fail({ kind: 'unknownFunction', name });
    // tsql_avg keeps integer AVG integral but has no window form; over a window, SQLite's avg is used.
    if (sqlName === 'tsql_avg' && node['over']) sqlName = 'avg';
    const args = child(node, 'args');
    const inner = args ? child(args, 'expr') : undefined;
    if (!inner) return fail({ kind: 'syntax', near: name, keyword: false });
    const distinct = args && args['distinct'] ? 'DISTINCT ' : '';
    let argSql = text(inner, 'type') === 'star' ? '*' : name === 'STRING_AGG' ? this.asText(inner) : this.expr(inner);
    if (name === 'STRING_AGG') {
      const separator = args ? child(args, 'separator') : undefined;
      const delimiter = separator ? child(separator, 'delimiter') : undefined;
      argSql += `, ${delimiter ? this.expr(delimiter) : "','"}`;
    }
    return `${sqlName}(${distinct}${argSql})${this.over(node)}`;
  }

  private over(node: AstNode): string {
    const over = child(node, 'over');
    if (!over) return '';
    const spec = child(over, 'as_window_specification');
    const window = spec ? child(spec, 'window_specification') : undefined;
    if (!window) return fail({ kind: 'unsupported', feature: 'this OVER clause' });
    const parts: string[] = [];
    const partition = children(window, 'partitionby');
    if (partition.length)
      parts.push(`PARTITION BY ${partition.map((p) => this.expr(child(p, 'expr') ?? p)).join(', ')}`);
    const order = children(window, 'orderby');
    if (order.length) {
      parts.push(
        `ORDER BY ${order
          .map((o) => {
            const dir = text(o, 'type')?.toUpperCase();
            return this.expr(child(o, 'expr') ?? o) + (dir === 'DESC' ? ' DESC' : dir === 'ASC' ? ' ASC' : '');
          })
          .join(', ')}`,
      );
    }
    const frame = window['window_frame_clause'];
    if (frame) parts.push(windowFrame(frame));
    return ` OVER (${parts.join(' ')})`;
  }

  private caseExpr(node: AstNode): string {
    const subject = child(node, 'expr');
    const arms = children(node, 'args');
    // The CASE has the type of highest precedence among its results; the others are converted to it.
    const target = highest(arms.flatMap((arm) => (child(arm, 'result') ? [this.typeOf(child(arm, 'result')!)] : [])));
    let sql = 'CASE';
    if (subject) sql += ` ${this.expr(subject)}`;
    for (const arm of arms) {
      const result = child(arm, 'result');
      if (!result) return fail({ kind: 'syntax', near: 'CASE', keyword: true });
      const value = target === 'unknown' ? this.expr(result) : this.converted(result, target);
      if (text(arm, 'type') === 'else') sql += ` ELSE ${value}`;
      else {
        const cond = child(arm, 'cond');
        if (!cond) return fail({ kind: 'syntax', near: 'WHEN', keyword: true });
        sql += ` WHEN ${subject ? this.comparison(subject, [cond]).others[0] : this.condition(cond)} THEN ${value}`;
      }
    }
    return `${sql} END`;
  }

  /** CAST / CONVERT (and TRY_ forms: NULL instead of a conversion error) to a T-SQL type, with CONVERT's optional style. */
  conversion(spec: TypeSpec, value: AstNode, style: AstNode | undefined, tryMode: boolean): string {
    const v = this.expr(value);
    const from = this.typeOf(value);
    const styleSql = style ? this.expr(style) : 'NULL';
    const n = spec.name;
    const t = tryMode ? 'tsql_try_' : 'tsql_';
    const source = sqlString(category(from) === 'string' ? from : 'varchar');
    if (INTEGER_TYPES.has(n)) return `${t}int(${v}, '${n === 'integer' ? 'int' : n}', ${source})`;
    if (DECIMAL_TYPES.has(n)) return `${t}num(${v}, ${spec.scale ?? 0}, 'numeric', ${source})`;
    if (FLOAT_TYPES.has(n)) return `${t}num(${v}, NULL, 'float', ${source})`;
    if (MONEY_TYPES.has(n)) return `${t}num(${v}, 4, 'money', ${source})`;
    if (n === 'bit') return `${t}bit(${v})`;
    if (STRING_TYPES.has(n)) {
      const length =
        spec.length === 'max' || n === 'text' || n === 'ntext'
          ? 'NULL'
          : String(spec.length ?? (n === 'sysname' ? 128 : 30));
      return `tsql_str(${v}, ${styleSql}, ${length}, ${n === 'char' || n === 'nchar' ? 1 : 0})`;
    }
    if (n === 'date') return `${t}date(${v}, ${styleSql})`;
    if (DATETIME_TYPES.has(n)) return `${t}datetime(${v}, ${styleSql})`;
    if (n === 'smalldatetime') return `${t}smalldatetime(${v})`;
    if (n === 'time') return `${t}time(${v})`;
    if (n === 'uniqueidentifier') return `${t}guid(${v})`;
    if (n === 'varbinary' || n === 'binary' || n === 'image' || n === 'xml' || n === 'sql_variant') {
      return fail({ kind: 'unsupported', feature: `conversion to ${n}` });
    }
    return fail({ kind: 'unknownType', name: spec.name });
  }

  /** PARSE / TRY_PARSE(x AS type [USING culture]): numbers and dates, read in the culture (en-AU by default: day first). */
  parse(spec: TypeSpec, value: AstNode, culture: AstNode | undefined, tryMode: boolean): string {
    const typeName = typeNameOf(spec.name);
    const cat = category(typeName);
    if (cat !== 'number' && cat !== 'datetime') {
      return fail({ kind: 'unsupported', feature: `PARSE to ${spec.name}` });
    }
    return `tsql_parse(${this.expr(value)}, '${typeName}', ${culture ? this.expr(culture) : "'en-AU'"}, ${tryMode ? 1 : 0})`;
  }
}

/** Whether SQL Server converts a value of type `from` when it meets `target` (string → number or datetime). */
function converts(from: TypeName, target: TypeName): boolean {
  if (from === 'unknown' || target === 'unknown') return false;
  const f = category(from);
  const t = category(target);
  return f !== t && (t === 'number' || t === 'datetime') && (f === 'string' || (f === 'number' && t === 'datetime'));
}

/** SQL that converts `sql` (of type `from`) to `target` at run time, failing as SQL Server does. */
function convertSql(sql: string, from: TypeName, target: TypeName): string {
  if (!converts(from, target)) return sql;
  if (category(target) === 'datetime') return `tsql_datetime(${sql}, NULL)`;
  return `tsql_tonum(${sql}, '${target}', '${from}')`;
}

/** Column `index` of an APPLY source: element of its row's JSON array. */
function jsonColumn(source: Source, index: number): string {
  return `json_extract(${quoteIdent(source.sqlName)}."value", '$[${index}]')`;
}

/** `v (a, b)`, the alias of a VALUES table (the grammar keeps it as one string). */
function valuesAlias(alias: string | undefined): { name: string; columns: string[] } {
  const tokens = tokenize(alias ?? '');
  const first = tokens[0];
  if (!first || (first.kind !== 'word' && first.kind !== 'quoted'))
    return fail({ kind: 'syntax', near: 'VALUES', keyword: true });
  const columns = tokens
    .slice(1)
    .filter((t) => t.kind === 'word' || t.kind === 'quoted')
    .map((t) => t.value);
  return { name: first.value, columns };
}

/** `ROWS|RANGE BETWEEN … AND …` (or one bound) as SQLite writes it: the same words. */
function windowFrame(frame: unknown): string {
  const bound = (b: unknown): string => {
    if (isNode(b) && text(b, 'type') === 'origin') {
      const v = (text(b, 'value') ?? '').toUpperCase();
      if (/^(UNBOUNDED (PRECEDING|FOLLOWING)|CURRENT ROW|\d+ (PRECEDING|FOLLOWING))$/.test(v)) return v;
    }
    return fail({ kind: 'unsupported', feature: 'this window frame' });
  };
  if (isNode(frame) && text(frame, 'type') === 'binary_expr' && text(frame, 'operator') === 'BETWEEN') {
    const unit = child(frame, 'left');
    const range = child(frame, 'right');
    const [lo, hi] = range ? functionArgsOfList(range) : [];
    const u = unit ? (text(unit, 'value') ?? '').toUpperCase() : '';
    if ((u === 'ROWS' || u === 'RANGE') && lo && hi) return `${u} BETWEEN ${bound(lo)} AND ${bound(hi)}`;
  }
  if (isNode(frame) && isNode(frame['expr'])) {
    const u = (text(frame, 'type') ?? '').toUpperCase();
    if (u === 'ROWS' || u === 'RANGE') return `${u} ${bound(frame['expr'])}`;
  }
  return fail({ kind: 'unsupported', feature: 'this window frame' });
}

const TABLE_HINTS = new Set([
  'NOLOCK',
  'READUNCOMMITTED',
  'READCOMMITTED',
  'READPAST',
  'HOLDLOCK',
  'ROWLOCK',
  'PAGLOCK',
  'TABLOCK',
  'UPDLOCK',
  'NOWAIT',
]);

/**
 * `FROM T (NOLOCK)`, the old hint syntax without WITH, reads to the grammar as a call T(NOLOCK).
 * When every argument is a lock hint, it is the table T.
 */
function oldStyleHintedTable(fn: AstNode): AstNode | undefined {
  if (text(fn, 'type') !== 'function') return undefined;
  const args = functionArgs(fn);
  const table = functionName(fn);
  if (!table || args.length === 0 || !args.every((a) => TABLE_HINTS.has((columnName(a) ?? '').toUpperCase())))
    return undefined;
  return { table, schema: functionSchema(fn) ?? null };
}

/** The items of an `expr_list` node. */
function functionArgsOfList(node: AstNode): AstNode[] {
  const value = node['value'];
  return Array.isArray(value) ? value.filter(isNode) : isNode(value) ? [value] : [];
}
