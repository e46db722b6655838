/**
 * Every way the simulated practice database can reject a command, and how SQL Server (`mssql`) or
 * Firebird (`fbsql`) words it. Messages name objects, columns, variables and tokens, never a
 * parameter value or a literal from the SQL.
 */
import { SqlExecutionError, type ErrorType } from './types.js';

/** The kind of statement that failed, as SQL Server names it in constraint errors. */
export type StatementVerb = 'INSERT' | 'UPDATE' | 'DELETE' | 'SELECT';

/** A failure, before it is worded for one engine. */
export type TsqlFailure =
  | { kind: 'syntax'; near: string; keyword: boolean }
  | { kind: 'unclosedQuote' }
  | { kind: 'invalidObject'; name: string }
  | { kind: 'invalidColumn'; name: string }
  | { kind: 'unboundIdentifier'; name: string }
  | { kind: 'ambiguousColumn'; name: string }
  | { kind: 'unknownFunction'; name: string }
  | { kind: 'unknownUserFunction'; name: string }
  | { kind: 'argumentCount'; name: string; expected: string }
  | { kind: 'undeclaredVariable'; name: string }
  | { kind: 'noProcedure'; name: string }
  | { kind: 'notAParameter'; name: string; procedure: string }
  | { kind: 'tooManyArguments'; procedure: string }
  | { kind: 'missingParameter'; name: string; procedure: string }
  | { kind: 'dateConversion' }
  | { kind: 'dateOutOfRange' }
  | { kind: 'valueConversion'; from: string; to: string }
  | { kind: 'typeConversion'; from: string; to: string }
  | { kind: 'arithmeticOverflow'; to: string }
  | { kind: 'valueOverflow'; from: string; to: string }
  | { kind: 'divideByZero' }
  | { kind: 'guidConversion' }
  | { kind: 'constructDate'; type: string }
  | { kind: 'tiesWithoutOrder' }
  | { kind: 'parseConversion'; to: string }
  | { kind: 'translateLengths' }
  | { kind: 'invalidDatepart'; fn: string; part: string }
  | { kind: 'unknownType'; name: string }
  | { kind: 'invalidStyle' }
  | { kind: 'duplicateKey'; table: string; primary: boolean }
  | { kind: 'foreignKey'; verb: StatementVerb }
  | { kind: 'check'; verb: StatementVerb }
  | { kind: 'notNull'; column: string; table: string; verb: StatementVerb }
  | { kind: 'viewNotUpdatable'; name: string }
  | { kind: 'readOnly'; verb: StatementVerb }
  | { kind: 'unsupported'; feature: string }
  | { kind: 'generic' };

/** A failure raised inside the engine (translator, user functions, procedures); executeCommand words it. */
export class TsqlError extends Error {
  readonly failure: TsqlFailure;
  constructor(failure: TsqlFailure) {
    super(`T-SQL failure: ${failure.kind}`);
    this.name = 'TsqlError';
    this.failure = failure;
  }
}

/** Throws `TsqlError(failure)`; typed `never` so it can end an expression. */
export function fail(failure: TsqlFailure): never {
  throw new TsqlError(failure);
}

type Worded = readonly [code: number, message: string];

/** Firebird puts each part of a status vector on its own line; one line reads better in JSON. */
function fb(sqlCode: number, ...parts: string[]): Worded {
  return [sqlCode, ['Dynamic SQL Error', `SQL error code = ${sqlCode}`, ...parts].join('; ')];
}

/**
 * The error mapping table (failure → SQL Server number and wording, Firebird SQLCODE and wording).
 * SQL Server's own texts are used where it has one; where its text would echo a value, the value
 * is left out.
 */
function word(f: TsqlFailure): { mssql: Worded; fbsql: Worded } {
  switch (f.kind) {
    case 'syntax':
      return {
        mssql: f.keyword
          ? [156, `Incorrect syntax near the keyword '${f.near}'.`]
          : [102, `Incorrect syntax near '${f.near}'.`],
        fbsql: fb(-104, 'Token unknown', f.near),
      };
    case 'unclosedQuote':
      // SQL Server quotes the rest of the text here ("…after the character string 'abc'."); it is left out.
      return {
        mssql: [105, 'Unclosed quotation mark after the character string.'],
        fbsql: fb(-104, 'Unexpected end of command'),
      };
    case 'invalidObject':
      return { mssql: [208, `Invalid object name '${f.name}'.`], fbsql: fb(-204, 'Table unknown', f.name) };
    case 'invalidColumn':
      return { mssql: [207, `Invalid column name '${f.name}'.`], fbsql: fb(-206, 'Column unknown', f.name) };
    case 'unboundIdentifier':
      return {
        mssql: [4104, `The multi-part identifier "${f.name}" could not be bound.`],
        fbsql: fb(-206, 'Column unknown', f.name),
      };
    case 'ambiguousColumn':
      return { mssql: [209, `Ambiguous column name '${f.name}'.`], fbsql: fb(-204, 'Ambiguous field name', f.name) };
    case 'unknownFunction':
      return {
        mssql: [195, `'${f.name}' is not a recognized built-in function name.`],
        fbsql: fb(-804, 'Function unknown', f.name),
      };
    case 'unknownUserFunction':
      return {
        mssql: [
          4121,
          `Cannot find either column "${f.name.split('.')[0] ?? ''}" or the user-defined function or aggregate "${f.name}", or the name is ambiguous.`,
        ],
        fbsql: fb(-804, 'Function unknown', f.name),
      };
    case 'argumentCount':
      return {
        mssql: [174, `The ${f.name.toLowerCase()} function requires ${f.expected} argument(s).`],
        fbsql: fb(-170, 'Input parameter mismatch for function', f.name),
      };
    case 'undeclaredVariable':
      return {
        mssql: [137, `Must declare the scalar variable "${f.name}".`],
        fbsql: fb(-104, 'Token unknown', f.name),
      };
    case 'noProcedure':
      return {
        mssql: [2812, `Could not find stored procedure '${f.name}'.`],
        fbsql: fb(-204, 'Procedure unknown', f.name),
      };
    case 'notAParameter':
      return {
        mssql: [8145, `${f.name} is not a parameter for procedure ${f.procedure}.`],
        fbsql: fb(-170, 'Input parameter mismatch for procedure', f.procedure),
      };
    case 'tooManyArguments':
      return {
        mssql: [8144, `Procedure or function ${f.procedure} has too many arguments specified.`],
        fbsql: fb(-170, 'Input parameter mismatch for procedure', f.procedure),
      };
    case 'missingParameter':
      return {
        mssql: [201, `Procedure or function '${f.procedure}' expects parameter '${f.name}', which was not supplied.`],
        fbsql: fb(-170, 'Input parameter mismatch for procedure', f.procedure),
      };
    case 'dateConversion':
      return {
        mssql: [241, 'Conversion failed when converting date and/or time from character string.'],
        fbsql: [-413, 'Overflow occurred during data type conversion; conversion error from string'],
      };
    case 'dateOutOfRange':
      return {
        mssql: [
          242,
          'The conversion of a varchar data type to a datetime data type resulted in an out-of-range value.',
        ],
        fbsql: [-413, 'Overflow occurred during data type conversion; conversion error from string'],
      };
    case 'valueConversion':
      // SQL Server quotes the value here ("…the varchar value 'abc' to…"); the value is left out.
      return {
        mssql: [245, `Conversion failed when converting the ${f.from} value to data type ${f.to}.`],
        fbsql: [-413, 'Overflow occurred during data type conversion; conversion error from string'],
      };
    case 'typeConversion':
      return {
        mssql: [8114, `Error converting data type ${f.from} to ${f.to}.`],
        fbsql: [-413, 'Overflow occurred during data type conversion; conversion error from string'],
      };
    case 'arithmeticOverflow':
      return {
        mssql: [8115, `Arithmetic overflow error converting expression to data type ${f.to}.`],
        fbsql: [-802, 'Arithmetic exception, numeric overflow, or string truncation'],
      };
    case 'valueOverflow':
      // SQL Server quotes the value here ("The conversion of the varchar value '…' overflowed…"); it is left out.
      return {
        mssql: [248, `The conversion of the ${f.from} value overflowed an ${f.to} column.`],
        fbsql: [-802, 'Arithmetic exception, numeric overflow, or string truncation'],
      };
    case 'divideByZero':
      return {
        mssql: [8134, 'Divide by zero error encountered.'],
        fbsql: [-802, 'Arithmetic exception, numeric overflow, or string truncation; Integer divide by zero.'],
      };
    case 'guidConversion':
      return {
        mssql: [8169, 'Conversion failed when converting from a character string to uniqueidentifier.'],
        fbsql: [-413, 'Overflow occurred during data type conversion; conversion error from string'],
      };
    case 'constructDate':
      return {
        mssql: [289, `Cannot construct data type ${f.type}, some of the arguments have values which are not valid.`],
        fbsql: [-413, 'Overflow occurred during data type conversion; conversion error from string'],
      };
    case 'parseConversion':
      // SQL Server quotes the value and the culture here; both are left out.
      return {
        mssql: [9819, `Error converting string value into data type ${f.to} using culture.`],
        fbsql: [-413, 'Overflow occurred during data type conversion; conversion error from string'],
      };
    case 'translateLengths':
      return {
        mssql: [
          9828,
          'The second and third arguments of the TRANSLATE built-in function must contain an equal number of characters.',
        ],
        fbsql: fb(-170, 'Input parameter mismatch for function', 'TRANSLATE'),
      };
    case 'tiesWithoutOrder':
      return {
        mssql: [1062, 'The TOP N WITH TIES clause is not allowed without a corresponding ORDER BY clause.'],
        fbsql: fb(-104, 'Token unknown', 'TIES'),
      };
    case 'invalidDatepart':
      return {
        mssql: [155, `'${f.part}' is not a recognized ${f.fn.toLowerCase()} option.`],
        fbsql: fb(-104, 'Token unknown', f.part),
      };
    case 'unknownType':
      return { mssql: [243, `Type ${f.name} is not a defined system type.`], fbsql: fb(-104, 'Token unknown', f.name) };
    case 'invalidStyle':
      return {
        mssql: [281, 'The style is not a valid style number when converting from datetime to a character string.'],
        fbsql: [-413, 'Overflow occurred during data type conversion; conversion error from string'],
      };
    case 'duplicateKey': {
      const constraint = `${f.primary ? 'PK' : 'UQ'}_${f.table}`;
      return {
        mssql: [
          f.primary ? 2627 : 2601,
          f.primary
            ? `Violation of PRIMARY KEY constraint '${constraint}'. Cannot insert duplicate key in object 'dbo.${f.table}'.`
            : `Cannot insert duplicate key row in object 'dbo.${f.table}' with unique index '${constraint}'.`,
        ],
        fbsql: [-803, `violation of PRIMARY or UNIQUE KEY constraint "${constraint}" on table "${f.table}"`],
      };
    }
    case 'foreignKey':
      return {
        mssql: [547, `The ${f.verb} statement conflicted with the FOREIGN KEY constraint.`],
        fbsql: [-530, 'violation of FOREIGN KEY constraint'],
      };
    case 'check':
      return {
        mssql: [547, `The ${f.verb} statement conflicted with the CHECK constraint.`],
        fbsql: [-297, 'Operation violates CHECK constraint'],
      };
    case 'notNull':
      return {
        mssql: [
          515,
          `Cannot insert the value NULL into column '${f.column}', table 'dbo.${f.table}'; column does not allow nulls. ${f.verb} fails.`,
        ],
        fbsql: [-625, `validation error for column "${f.table}"."${f.column}", value "*** null ***"`],
      };
    case 'viewNotUpdatable':
      return {
        mssql: [
          4405,
          `View or function '${f.name}' is not updatable because the modification affects multiple base tables.`,
        ],
        fbsql: [-150, `attempted update of read-only table ${f.name}`],
      };
    case 'readOnly':
      return {
        mssql: [229, `The ${f.verb} permission was denied on the object.`],
        fbsql: [-551, 'no permission for write access'],
      };
    case 'unsupported':
      return {
        mssql: [50000, `The Halo simulator does not support ${f.feature}.`],
        fbsql: [-901, `The Halo simulator does not support ${f.feature}.`],
      };
    case 'generic':
      return {
        mssql: [50000, 'The statement could not be executed.'],
        fbsql: [-901, 'Unsuccessful execution'],
      };
  }
}

/** Words a failure for the site's engine. */
export function toSqlExecutionError(failure: TsqlFailure, errorType: ErrorType): SqlExecutionError {
  const [code, message] = word(failure)[errorType];
  return new SqlExecutionError(errorType, code, message);
}

/** What the translator knew about a statement, so SQLite's messages can be put back in its terms. */
export interface StatementContext {
  verb: StatementVerb;
  /** lower-cased emitted table name → the name as written (with any `dbo.` prefix). */
  objectNames: ReadonlyMap<string, string>;
  /** lower-cased table names and aliases that a `q.col` reference may use. */
  qualifiers: ReadonlySet<string>;
}

/** The name SQLite reports, without the quotes it sometimes adds. */
function unquote(name: string): string {
  const trimmed = name.trim();
  return trimmed.replace(/^"(.*)"$/, '$1').replace(/^main\./, '');
}

/**
 * Turns a better-sqlite3 error into the failure SQL Server would have raised. Only names are lifted
 * from SQLite's message; anything else becomes a generic failure, so literals never leak.
 */
export function fromSqliteError(error: { message: string; code?: unknown }, ctx: StatementContext): TsqlFailure {
  const message = error.message;
  const code = typeof error.code === 'string' ? error.code : '';
  let m: RegExpExecArray | null;
  if ((m = /^no such table: (.+)$/.exec(message))) {
    const name = unquote(m[1]!);
    return { kind: 'invalidObject', name: ctx.objectNames.get(name.toLowerCase()) ?? name };
  }
  if ((m = /^no such column: (.+?)(?: - should this be a string literal.*)?$/.exec(message))) {
    const name = unquote(m[1]!);
    const dot = name.lastIndexOf('.');
    if (dot > 0) {
      const qualifier = name.slice(0, dot);
      if (!ctx.qualifiers.has(qualifier.toLowerCase())) return { kind: 'unboundIdentifier', name };
      return { kind: 'invalidColumn', name: name.slice(dot + 1) };
    }
    return { kind: 'invalidColumn', name };
  }
  if ((m = /^ambiguous column name: (.+)$/.exec(message))) {
    const name = unquote(m[1]!);
    return { kind: 'ambiguousColumn', name: name.slice(name.lastIndexOf('.') + 1) };
  }
  if ((m = /^no such function: (.+)$/.exec(message))) return { kind: 'unknownFunction', name: m[1]!.toUpperCase() };
  if ((m = /^wrong number of arguments to function (\w+)\(\)$/.exec(message))) {
    return { kind: 'argumentCount', name: m[1]!, expected: 'a different number of' };
  }
  if ((m = /^cannot modify (.+) because it is a view$/.exec(message))) {
    return { kind: 'viewNotUpdatable', name: ctx.objectNames.get(unquote(m[1]!).toLowerCase()) ?? unquote(m[1]!) };
  }
  if ((m = /near "(.*)": syntax error$/.exec(message))) {
    const near = m[1]!;
    // SQLite quotes the token from the emitted SQL, which may be a literal: name it only if it is a word.
    return { kind: 'syntax', near: /^[A-Za-z_][\w]*$/.test(near) ? near : '', keyword: false };
  }
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') {
    const table = /constraint failed: ([^.\s]+)\./.exec(message)?.[1] ?? 'table';
    return { kind: 'duplicateKey', table, primary: code === 'SQLITE_CONSTRAINT_PRIMARYKEY' };
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return { kind: 'foreignKey', verb: ctx.verb };
  if (code === 'SQLITE_CONSTRAINT_CHECK') return { kind: 'check', verb: ctx.verb };
  if (code === 'SQLITE_CONSTRAINT_NOTNULL') {
    const m2 = /constraint failed: ([^.\s]+)\.(\S+)/.exec(message);
    return { kind: 'notNull', table: m2?.[1] ?? 'table', column: m2?.[2] ?? 'column', verb: ctx.verb };
  }
  if (code.startsWith('SQLITE_READONLY')) return { kind: 'readOnly', verb: ctx.verb };
  return { kind: 'generic' };
}
