/**
 * T-SQL → SQLite. A batch is parsed with node-sql-parser (`transactsql`), and each statement's AST
 * is written out again as SQLite by the emitter below, which rewrites the T-SQL idioms on the way:
 * TOP → LIMIT, `[names]` and `dbo.` / `BPSPatients.dbo.` prefixes, `@parameters` (bound as
 * `@p0…`), GETDATE() (a bound snapshot of the simulated clock), `+` (concatenation or addition,
 * decided at run time), and the date/conversion/string functions (→ `tsql_*` user functions from
 * ./functions.ts). Translations are cached per SQL text.
 */
import { type AstNode, ParserFailure, child, children, isNode, list, parseTsqlBatch, text } from './ast.js';
import { type StatementContext, type StatementVerb, TsqlError, fail } from './errors.js';
import { type ExecCall, type ExecArgument, parseExecFallback } from './exec.js';
import { normaliseDatePart, parseDateTimeText, formatCanonical } from './functions.js';
import { tokenNear, tokenize } from './lexer.js';

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
const cache = new Map<string, Translation | TsqlError>();

/**
 * Translates a T-SQL batch (cached per text). Throws `TsqlError` for what SQL Server would reject
 * at parse time (102/156 syntax, 155 datepart, 243 type, 195 function, 174 argument count) and for
 * constructs the simulator does not support.
 */
export function translateBatch(sql: string): Translation {
  const hit = cache.get(sql);
  if (hit !== undefined) {
    cache.delete(sql);
    cache.set(sql, hit);
    if (hit instanceof TsqlError) throw hit;
    return hit;
  }
  let outcome: Translation | TsqlError;
  try {
    outcome = translateUncached(sql);
  } catch (e) {
    if (!(e instanceof TsqlError)) throw e;
    outcome = e;
  }
  cache.set(sql, outcome);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  if (outcome instanceof TsqlError) throw outcome;
  return outcome;
}

function translateUncached(sql: string): Translation {
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
  return withParameters(statements.map(planStatement));
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

function planStatement(node: AstNode): StatementPlan {
  const type = text(node, 'type');
  switch (type) {
    case 'select':
    case 'insert':
    case 'update':
    case 'delete': {
      const e = new Emitter();
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

type StaticType = 'string' | 'number' | 'datetime' | 'unknown';

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

function typeCategory(spec: TypeSpec): StaticType {
  const n = spec.name;
  if (INTEGER_TYPES.has(n) || DECIMAL_TYPES.has(n) || FLOAT_TYPES.has(n) || MONEY_TYPES.has(n) || n === 'bit')
    return 'number';
  if (STRING_TYPES.has(n) || n === 'time' || n === 'uniqueidentifier') return 'string';
  if (n === 'date' || n === 'smalldatetime' || DATETIME_TYPES.has(n)) return 'datetime';
  return 'unknown';
}

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
  type: StaticType | ((e: Emitter, args: AstNode[]) => StaticType);
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

const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = {
  GETDATE: { min: 0, max: 0, type: 'datetime', emit: (e) => e.now() },
  SYSDATETIME: { min: 0, max: 0, type: 'datetime', emit: (e) => e.now() },
  SYSDATETIMEOFFSET: { min: 0, max: 0, type: 'datetime', emit: (e) => e.now() },
  CURRENT_TIMESTAMP: { min: 0, max: 0, type: 'datetime', emit: (e) => e.now() },
  GETUTCDATE: { min: 0, max: 0, type: 'datetime', emit: (e) => e.utcNow() },
  SYSUTCDATETIME: { min: 0, max: 0, type: 'datetime', emit: (e) => e.utcNow() },
  ISNULL: { min: 2, max: 2, type: (e, a) => e.staticType(a[0]!), emit: call('ifnull') },
  COALESCE: { min: 1, max: 64, type: (e, a) => e.staticType(a[0]!), emit: call('coalesce') },
  NULLIF: { min: 2, max: 2, type: (e, a) => e.staticType(a[0]!), emit: call('nullif') },
  IIF: { min: 3, max: 3, type: (e, a) => e.staticType(a[1]!), emit: call('iif') },
  LEN: { min: 1, max: 1, type: 'number', emit: call('tsql_len') },
  DATEADD: { min: 3, max: 3, type: 'datetime', emit: datePartCall('tsql_dateadd', 'dateadd') },
  DATEDIFF: { min: 3, max: 3, type: 'number', emit: datePartCall('tsql_datediff', 'datediff') },
  DATEPART: { min: 2, max: 2, type: 'number', emit: datePartCall('tsql_datepart', 'datepart') },
  DATENAME: { min: 2, max: 2, type: 'string', emit: datePartCall('tsql_datename', 'datename') },
  YEAR: { min: 1, max: 1, type: 'number', emit: fixedPart('year') },
  MONTH: { min: 1, max: 1, type: 'number', emit: fixedPart('month') },
  DAY: { min: 1, max: 1, type: 'number', emit: fixedPart('day') },
  EOMONTH: { min: 1, max: 2, type: 'datetime', emit: callPadded('tsql_eomonth', 2) },
  DATEFROMPARTS: { min: 3, max: 3, type: 'datetime', emit: call('tsql_datefromparts') },
  ISDATE: { min: 1, max: 1, type: 'number', emit: call('tsql_isdate') },
  ISNUMERIC: { min: 1, max: 1, type: 'number', emit: call('tsql_isnumeric') },
  FORMAT: { min: 2, max: 3, type: 'string', emit: (e, a) => `tsql_format(${e.expr(a[0]!)}, ${e.expr(a[1]!)})` },
  CONVERT: {
    min: 2,
    max: 3,
    type: (_e, a) => typeCategory(typeFromConvertArg(a[0]!)),
    emit: (e, a) => e.conversion(typeFromConvertArg(a[0]!), a[1]!, a[2]),
  },
  UPPER: { min: 1, max: 1, type: 'string', emit: call('tsql_upper') },
  LOWER: { min: 1, max: 1, type: 'string', emit: call('tsql_lower') },
  LTRIM: { min: 1, max: 1, type: 'string', emit: call('ltrim') },
  RTRIM: { min: 1, max: 1, type: 'string', emit: call('rtrim') },
  TRIM: { min: 1, max: 1, type: 'string', emit: call('trim') },
  SUBSTRING: { min: 3, max: 3, type: 'string', emit: call('tsql_substring') },
  LEFT: { min: 2, max: 2, type: 'string', emit: call('tsql_left') },
  RIGHT: { min: 2, max: 2, type: 'string', emit: call('tsql_right') },
  CHARINDEX: { min: 2, max: 3, type: 'number', emit: callPadded('tsql_charindex', 3) },
  REPLACE: { min: 3, max: 3, type: 'string', emit: call('replace') },
  REPLICATE: { min: 2, max: 2, type: 'string', emit: call('tsql_replicate') },
  SPACE: { min: 1, max: 1, type: 'string', emit: (e, a) => `tsql_replicate(' ', ${e.expr(a[0]!)})` },
  REVERSE: { min: 1, max: 1, type: 'string', emit: call('tsql_reverse') },
  STUFF: { min: 4, max: 4, type: 'string', emit: call('tsql_stuff') },
  CONCAT: { min: 2, max: 254, type: 'string', emit: call('concat') },
  CONCAT_WS: { min: 3, max: 254, type: 'string', emit: call('concat_ws') },
  ASCII: { min: 1, max: 1, type: 'number', emit: call('unicode') },
  UNICODE: { min: 1, max: 1, type: 'number', emit: call('unicode') },
  CHAR: { min: 1, max: 1, type: 'string', emit: call('char') },
  NCHAR: { min: 1, max: 1, type: 'string', emit: call('char') },
  ABS: { min: 1, max: 1, type: 'number', emit: call('abs') },
  ROUND: { min: 2, max: 3, type: 'number', emit: callPadded('tsql_round', 3) },
  FLOOR: { min: 1, max: 1, type: 'number', emit: call('floor') },
  CEILING: { min: 1, max: 1, type: 'number', emit: call('ceiling') },
  POWER: { min: 2, max: 2, type: 'number', emit: call('power') },
  SQRT: { min: 1, max: 1, type: 'number', emit: call('sqrt') },
  SIGN: { min: 1, max: 1, type: 'number', emit: call('sign') },
  SQUARE: { min: 1, max: 1, type: 'number', emit: (e, a) => `(${e.expr(a[0]!)} * ${e.expr(a[0]!)})` },
  EXP: { min: 1, max: 1, type: 'number', emit: call('exp') },
  LOG: {
    min: 1,
    max: 2,
    type: 'number',
    emit: (e, a) => (a[1] ? `log(${e.expr(a[1])}, ${e.expr(a[0]!)})` : `ln(${e.expr(a[0]!)})`),
  },
  LOG10: { min: 1, max: 1, type: 'number', emit: call('log10') },
  PI: { min: 0, max: 0, type: 'number', emit: () => 'pi()' },
  SIN: { min: 1, max: 1, type: 'number', emit: call('sin') },
  COS: { min: 1, max: 1, type: 'number', emit: call('cos') },
  TAN: { min: 1, max: 1, type: 'number', emit: call('tan') },
  ASIN: { min: 1, max: 1, type: 'number', emit: call('asin') },
  ACOS: { min: 1, max: 1, type: 'number', emit: call('acos') },
  ATAN: { min: 1, max: 1, type: 'number', emit: call('atan') },
  DEGREES: { min: 1, max: 1, type: 'number', emit: call('degrees') },
  RADIANS: { min: 1, max: 1, type: 'number', emit: call('radians') },
  RAND: { min: 0, max: 1, type: 'number', emit: () => '(abs(random()) / 9223372036854775808.0)' },
  CHOOSE: {
    min: 2,
    max: 254,
    type: (e, a) => e.staticType(a[1]!),
    emit: (e, a) =>
      `CASE ${e.expr(a[0]!)} ${a
        .slice(1)
        .map((v, i) => `WHEN ${i + 1} THEN ${e.expr(v)}`)
        .join(' ')} END`,
  },
  QUOTENAME: { min: 1, max: 1, type: 'string', emit: (e, a) => `('[' || replace(${e.expr(a[0]!)}, ']', ']]') || ']')` },
  NEWID: { min: 0, max: 0, type: 'string', emit: () => 'tsql_newid()' },
  SCOPE_IDENTITY: { min: 0, max: 0, type: 'number', emit: () => 'last_insert_rowid()' },
  ROW_NUMBER: { min: 0, max: 0, type: 'number', emit: call('row_number') },
  RANK: { min: 0, max: 0, type: 'number', emit: call('rank') },
  DENSE_RANK: { min: 0, max: 0, type: 'number', emit: call('dense_rank') },
  NTILE: { min: 1, max: 1, type: 'number', emit: call('ntile') },
  LAG: { min: 1, max: 3, type: (e, a) => e.staticType(a[0]!), emit: call('lag') },
  LEAD: { min: 1, max: 3, type: (e, a) => e.staticType(a[0]!), emit: call('lead') },
};

/** Built-in T-SQL functions the simulator does not implement (SQL Server knows them, so 195 would be wrong). */
const UNSUPPORTED_FUNCTIONS = new Set(
  (
    'STDEV STDEVP VAR VARP PATINDEX SOUNDEX DIFFERENCE STR DATALENGTH TRY_CONVERT TRY_CAST TRY_PARSE PARSE ' +
    'DATETIMEFROMPARTS DATETIME2FROMPARTS TIMEFROMPARTS DATEDIFF_BIG GROUPING CHECKSUM BINARY_CHECKSUM HASHBYTES ' +
    'ISJSON JSON_VALUE JSON_QUERY OBJECT_ID DB_NAME DB_ID USER_NAME SUSER_SNAME HOST_NAME APP_NAME ERROR_MESSAGE ' +
    'SWITCHOFFSET TODATETIMEOFFSET STRING_SPLIT TRANSLATE FORMATMESSAGE COL_LENGTH FIRST_VALUE LAST_VALUE ' +
    'PERCENT_RANK CUME_DIST SESSION_USER SYSTEM_USER COMPRESS DECOMPRESS'
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

class Emitter {
  readonly params: ParameterRef[] = [];
  private readonly paramIndex = new Map<string, number>();
  usesNow = false;
  usesUtcNow = false;
  verb: StatementVerb = 'SELECT';
  readonly objectNames = new Map<string, string>();
  readonly qualifiers = new Set<string>();
  private unnamed = 0;

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

  // --- SELECT ---------------------------------------------------------------------------------

  private select(node: AstNode): string {
    const members: AstNode[] = [];
    const ops: string[] = [];
    for (let cur: AstNode | undefined = node; cur; cur = child(cur, '_next')) {
      members.push(cur);
      const op = text(cur, 'set_op');
      if (op) ops.push(op.toUpperCase());
    }
    const withClause = this.with(node);
    if (members.length === 1) return withClause + this.simpleSelect(node, true);
    // In a compound, ORDER BY on the last member orders the whole result; TOP belongs to its member.
    const last = members[members.length - 1]!;
    let sql = '';
    members.forEach((m, i) => {
      const own = this.simpleSelect(m, false);
      const needsWrap = m['top'] !== undefined && m['top'] !== null;
      sql += (i > 0 ? ` ${ops[i - 1] ?? 'UNION'} ` : '') + (needsWrap ? `SELECT * FROM (${own})` : own);
    });
    return withClause + sql + this.orderAndLimit(last, false);
  }

  private with(node: AstNode): string {
    const ctes = children(node, 'with');
    if (ctes.length === 0) return '';
    const parts = ctes.map((cte) => {
      const nameNode = child(cte, 'name');
      const name = nameNode ? text(nameNode, 'value') : text(cte, 'name');
      const stmt = child(cte, 'stmt');
      const ast = stmt ? (child(stmt, 'ast') ?? stmt) : undefined;
      if (!name || !ast) return fail({ kind: 'unsupported', feature: 'this WITH clause' });
      this.qualifiers.add(name.toLowerCase());
      const columns = list(cte, 'columns').map((c) =>
        isNode(c) ? (columnName(c) ?? text(c, 'value') ?? '') : String(c),
      );
      return `${quoteIdent(name)}${columns.length ? ` (${columns.map(quoteIdent).join(', ')})` : ''} AS (${this.select(ast)})`;
    });
    return `WITH ${parts.join(', ')} `;
  }

  /** One SELECT (no set operator). `withTail` adds its ORDER BY / LIMIT. */
  private simpleSelect(node: AstNode, withTail: boolean): string {
    const into = child(node, 'into');
    if (into && into['expr'] !== undefined && into['expr'] !== null)
      fail({ kind: 'unsupported', feature: 'SELECT … INTO' });
    let columns = children(node, 'columns');
    let top = this.topExpression(node);
    // `SELECT TOP (@n) x` comes back from the parser as a function TOP(@n) aliased x.
    const first = columns[0];
    const firstExpr = first ? child(first, 'expr') : undefined;
    if (
      !top &&
      first &&
      firstExpr &&
      text(firstExpr, 'type') === 'function' &&
      functionName(firstExpr)?.toUpperCase() === 'TOP'
    ) {
      const arg = functionArgs(firstExpr)[0];
      const alias = text(first, 'as');
      if (arg && alias) {
        top = this.expr(arg);
        columns = [{ expr: { type: 'column_ref', table: null, column: alias }, as: null }, ...columns.slice(1)];
      }
    }
    const from = children(node, 'from');
    const fromSql = from.length ? ` FROM ${this.from(from)}` : '';
    const distinct = node['distinct'] ? 'DISTINCT ' : '';
    const cols = columns.map((c) => this.selectItem(c)).join(', ');
    const where = child(node, 'where');
    const whereSql = where ? ` WHERE ${this.expr(where)}` : '';
    const groupSql = this.groupBy(node);
    const having = child(node, 'having');
    const havingSql = having ? ` HAVING ${this.expr(having)}` : '';
    const tail = withTail ? this.orderAndLimit(node, true, top) : top ? this.orderAndLimit(node, true, top) : '';
    return `SELECT ${distinct}${cols}${fromSql}${whereSql}${groupSql}${havingSql}${tail}`;
  }

  private topExpression(node: AstNode): string | undefined {
    const top = child(node, 'top');
    if (!top) return undefined;
    if (top['percent']) return fail({ kind: 'unsupported', feature: 'TOP … PERCENT' });
    const value = top['value'];
    if (typeof value === 'number' || typeof value === 'string') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) return fail({ kind: 'syntax', near: 'TOP', keyword: true });
      return String(n);
    }
    if (isNode(value)) return this.expr(value);
    return fail({ kind: 'syntax', near: 'TOP', keyword: true });
  }

  private orderAndLimit(node: AstNode, ownOrder: boolean, top?: string): string {
    let sql = '';
    const order = children(node, 'orderby');
    if (ownOrder || order.length) {
      if (order.length) {
        sql += ` ORDER BY ${order
          .map((o) => {
            const expr = child(o, 'expr');
            if (!expr) return fail({ kind: 'syntax', near: 'ORDER', keyword: true });
            const dir = text(o, 'type')?.toUpperCase();
            return this.expr(expr) + (dir === 'DESC' ? ' DESC' : dir === 'ASC' ? ' ASC' : '');
          })
          .join(', ')}`;
      }
    }
    if (top !== undefined) return `${sql} LIMIT ${top}`;
    const limit = child(node, 'limit');
    if (limit) {
      const offsetNode = child(limit, 'offset');
      const fetchNode = child(limit, 'fetch');
      const offsetValue = offsetNode ? child(offsetNode, 'value') : undefined;
      const fetchValue = fetchNode ? child(fetchNode, 'value') : undefined;
      if (offsetValue || fetchValue) {
        sql += ` LIMIT ${fetchValue ? this.expr(fetchValue) : '-1'}`;
        if (offsetValue) sql += ` OFFSET ${this.expr(offsetValue)}`;
      }
    }
    return sql;
  }

  private selectItem(item: AstNode): string {
    const expr = child(item, 'expr');
    if (!expr) return fail({ kind: 'syntax', near: 'SELECT', keyword: true });
    const alias = text(item, 'as');
    if (text(expr, 'type') === 'column_ref' && columnName(expr) === '*') return this.expr(expr);
    if (text(expr, 'type') === 'star') return '*';
    const sql = this.expr(expr);
    let name = alias;
    if (name === undefined && isColumn(expr)) name = columnName(expr) ?? text(expr, 'value');
    // Aliases are always written out: SQLite would otherwise name a column after its declaration, not as selected.
    return `${sql} AS ${quoteIdent(name ?? `${UNNAMED_COLUMN_PREFIX}${this.unnamed++}`)}`;
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

  private from(items: AstNode[]): string {
    let sql = '';
    items.forEach((item, i) => {
      const join = text(item, 'join')?.toUpperCase();
      let source: string;
      const derived = child(item, 'expr');
      if (text(item, 'type') === 'expr') {
        const hinted = derived ? oldStyleHintedTable(derived) : undefined;
        if (!hinted) return fail({ kind: 'unsupported', feature: 'table-valued functions' });
        source = this.tableName(hinted);
      } else {
        const derivedAst = derived ? child(derived, 'ast') : undefined;
        source = derivedAst ? `(${this.select(derivedAst)})` : this.tableName(item);
      }
      const alias = text(item, 'as');
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
      if (on) sql += ` ON ${this.expr(on)}`;
      const using = list(item, 'using');
      if (using.length)
        sql += ` USING (${using.map((u) => quoteIdent(isNode(u) ? (columnName(u) ?? text(u, 'value') ?? '') : String(u))).join(', ')})`;
    });
    return sql;
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
      return this.tableName(target) + (alias ? ` AS ${quoteIdent(alias)}` : '');
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
    return this.tableName(source) + (alias ? ` AS ${quoteIdent(alias)}` : '');
  }

  private update(node: AstNode): string {
    const target = this.dmlTarget(node, 'UPDATE');
    const sets = children(node, 'set').map((s) => {
      const column = text(s, 'column');
      const value = child(s, 'value');
      if (!column || !value) return fail({ kind: 'syntax', near: 'SET', keyword: true });
      return `${quoteIdent(column)} = ${this.storedValue(value)}`;
    });
    const where = child(node, 'where');
    return `UPDATE ${target} SET ${sets.join(', ')}${where ? ` WHERE ${this.expr(where)}` : ''}`;
  }

  private remove(node: AstNode): string {
    const target = this.dmlTarget(node, 'DELETE');
    const where = child(node, 'where');
    return `DELETE FROM ${target}${where ? ` WHERE ${this.expr(where)}` : ''}`;
  }

  // --- Expressions ----------------------------------------------------------------------------

  /** The T-SQL type an expression has when it can be told from the text alone. */
  staticType(node: AstNode): StaticType {
    const type = text(node, 'type');
    if (isStringLiteral(node)) return 'string';
    switch (type) {
      case 'number':
        return 'number';
      case 'binary_expr': {
        const op = text(node, 'operator');
        const l = child(node, 'left');
        const r = child(node, 'right');
        const lt = l ? this.staticType(l) : 'unknown';
        const rt = r ? this.staticType(r) : 'unknown';
        if (op === '+') {
          if (lt === 'datetime' || rt === 'datetime') return 'datetime';
          if (lt === rt) return lt;
          return 'unknown';
        }
        if (op === '-' && lt === 'datetime') return 'datetime';
        if (op === '-' || op === '*' || op === '/' || op === '%')
          return lt === 'number' && rt === 'number' ? 'number' : 'unknown';
        return 'number';
      }
      case 'function': {
        const spec = FUNCTIONS[(functionName(node) ?? '').toUpperCase()];
        if (!spec) return 'unknown';
        return typeof spec.type === 'function' ? spec.type(this, functionArgs(node)) : spec.type;
      }
      case 'aggr_func': {
        const name = text(node, 'name')?.toUpperCase();
        if (name === 'COUNT') return 'number';
        if (name === 'STRING_AGG') return 'string';
        const args = child(node, 'args');
        const inner = args ? child(args, 'expr') : undefined;
        return inner && (name === 'MIN' || name === 'MAX') ? this.staticType(inner) : 'unknown';
      }
      case 'cast':
        return typeCategory(typeFromCastTarget(node));
      case 'case': {
        const first = children(node, 'args')[0];
        const result = first ? child(first, 'result') : undefined;
        return result ? this.staticType(result) : 'unknown';
      }
      default:
        return 'unknown';
    }
  }

  /**
   * An operand compared with (or stored into) a column or a datetime: an ISO date literal becomes
   * the storage format now, a parameter at run time (`tsql_cmpdate`), so `DOB = '1980-01-01'`
   * matches the stored `1980-01-01T00:00:00` as it does on SQL Server.
   */
  private comparand(node: AstNode, force: boolean, other?: AstNode): string {
    if (force || (other && (isColumn(other) || this.staticType(other) === 'datetime'))) {
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

  expr(node: AstNode): string {
    const sub = subquery(node);
    if (sub) return `(${this.select(sub)})`;
    const type = text(node, 'type');
    switch (type) {
      case 'column_ref':
        return this.columnRef(node);
      case 'double_quote_string': // QUOTED_IDENTIFIER ON (the ADO.NET default): "x" is a name.
        return quoteIdent(text(node, 'value') ?? '');
      case 'number': {
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
        return this.conversion(typeFromCastTarget(node), inner, undefined);
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
        const lt = this.staticType(left);
        const rt = this.staticType(right);
        if (lt === 'string' && rt === 'string') return `(${this.expr(left)} || ${this.expr(right)})`;
        if (lt === 'number' && rt === 'number') return `(${this.expr(left)} + ${this.expr(right)})`;
        return `tsql_add(${this.expr(left)}, ${this.expr(right)})`;
      }
      case '-':
        if (this.staticType(left) === 'datetime' || this.staticType(right) === 'datetime') {
          return `tsql_subtract(${this.expr(left)}, ${this.expr(right)})`;
        }
        return `(${this.expr(left)} - ${this.expr(right)})`;
      case '*':
      case '/':
      case '%':
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
        return `(${this.expr(left)} ${op} ${this.expr(right)})`;
      case 'IS':
      case 'IS NOT':
        return `(${this.expr(left)} ${op} ${this.expr(right)})`;
      case 'IN':
      case 'NOT IN': {
        const items = text(right, 'type') === 'expr_list' ? functionArgsOfList(right) : [right];
        const only = items[0];
        if (items.length === 1 && only && subquery(only)) return `(${this.expr(left)} ${op} ${this.expr(only)})`;
        return `(${this.expr(left)} ${op} (${items.map((i) => this.comparand(i, false, left)).join(', ')}))`;
      }
      case 'BETWEEN':
      case 'NOT BETWEEN': {
        const [lo, hi] = functionArgsOfList(right);
        if (!lo || !hi) return fail({ kind: 'syntax', near: 'BETWEEN', keyword: true });
        return `(${this.expr(left)} ${op} ${this.comparand(lo, false, left)} AND ${this.comparand(hi, false, left)})`;
      }
      default:
        if (COMPARISONS.has(op)) {
          return `(${this.comparand(left, false, right)} ${op} ${this.comparand(right, false, left)})`;
        }
        return fail({ kind: 'unsupported', feature: `the ${op} operator` });
    }
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
    return spec.emit(this, args, name) + this.over(node);
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
    let argSql = text(inner, 'type') === 'star' ? '*' : this.expr(inner);
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
    if (window['window_frame_clause']) return fail({ kind: 'unsupported', feature: 'window frames' });
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
    return ` OVER (${parts.join(' ')})`;
  }

  private caseExpr(node: AstNode): string {
    const subject = child(node, 'expr');
    let sql = 'CASE';
    if (subject) sql += ` ${this.expr(subject)}`;
    for (const arm of children(node, 'args')) {
      const result = child(arm, 'result');
      if (!result) return fail({ kind: 'syntax', near: 'CASE', keyword: true });
      if (text(arm, 'type') === 'else') sql += ` ELSE ${this.expr(result)}`;
      else {
        const cond = child(arm, 'cond');
        if (!cond) return fail({ kind: 'syntax', near: 'WHEN', keyword: true });
        sql += ` WHEN ${subject ? this.comparand(cond, false, subject) : this.expr(cond)} THEN ${this.expr(result)}`;
      }
    }
    return `${sql} END`;
  }

  /** CAST / CONVERT to a T-SQL type, with CONVERT's optional style. */
  conversion(spec: TypeSpec, value: AstNode, style: AstNode | undefined): string {
    const v = this.expr(value);
    const styleSql = style ? this.expr(style) : 'NULL';
    const n = spec.name;
    if (INTEGER_TYPES.has(n)) return `tsql_int(${v}, '${n === 'integer' ? 'int' : n}')`;
    if (DECIMAL_TYPES.has(n)) return `tsql_num(${v}, ${spec.scale ?? 0}, 'numeric')`;
    if (FLOAT_TYPES.has(n)) return `tsql_num(${v}, NULL, 'float')`;
    if (MONEY_TYPES.has(n)) return `tsql_num(${v}, 4, 'money')`;
    if (n === 'bit') return `tsql_bit(${v})`;
    if (STRING_TYPES.has(n)) {
      const length =
        spec.length === 'max' || n === 'text' || n === 'ntext'
          ? 'NULL'
          : String(spec.length ?? (n === 'sysname' ? 128 : 30));
      return `tsql_str(${v}, ${styleSql}, ${length}, ${n === 'char' || n === 'nchar' ? 1 : 0})`;
    }
    if (n === 'date') return `tsql_date(${v}, ${styleSql})`;
    if (DATETIME_TYPES.has(n)) return `tsql_datetime(${v}, ${styleSql})`;
    if (n === 'smalldatetime') return `tsql_smalldatetime(${v})`;
    if (n === 'time') return `tsql_time(${v})`;
    if (n === 'uniqueidentifier') return v;
    if (n === 'varbinary' || n === 'binary' || n === 'image' || n === 'xml' || n === 'sql_variant') {
      return fail({ kind: 'unsupported', feature: `conversion to ${n}` });
    }
    return fail({ kind: 'unknownType', name: spec.name });
  }
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
