/**
 * The SQL guard: READER and SCALAR commands must only read.
 *
 * A command passes only when both checks pass (it fails closed: anything not understood is refused):
 *
 * 1. **Tokens** (src/lib/tsql-lexer.ts, outside strings, quoted identifiers and comments):
 *    - the text must tokenize completely (no unterminated string, `[identifier]` or comment);
 *    - `;` only at the very end (one statement);
 *    - none of the words in `DENIED_WORDS` (writes, DDL, EXEC, transactions, control flow,
 *      session state, `INTO`, `OPENQUERY`/`OPENROWSET`, `WAITFOR`, exclusive lock hints, `GO`…);
 *    - no `NEXT VALUE FOR` (it advances a sequence);
 *    - no object whose name starts with `sp_` or `xp_` (system and extended procedures), quoted or not.
 * 2. **Parse** with node-sql-parser's T-SQL grammar, through the rewrites of src/lib/tsql-parse.ts
 *    for the forms it cannot read (INTERSECT/EXCEPT, TOP … PERCENT / WITH TIES, TRY_CAST, FOR JSON
 *    options, query hints…): exactly one statement, a `SELECT` (CTEs, set operators, APPLY,
 *    `VALUES` tables, subqueries and `FOR XML`/`FOR JSON` included), without `INTO`, and no write or
 *    DDL node anywhere in its tree. Text the grammar cannot read is refused. The rewrites only
 *    reshape what the first check already read: every word it refuses is refused in the original.
 *
 * The text is also limited in length (the parser costs a few µs per character).
 * Reasons carry no SQL text: they are safe to show and to log; a refusal about one place says
 * where it is (line and column), never what is written there.
 */
import { lexTsql, TsqlLexError, type TsqlToken } from '../lib/tsql-lexer.js';
import { parseTsql } from '../lib/tsql-parse.js';
import { isRecord } from '../lib/records.js';

/** Why a read-only command was refused. */
export type SqlGuardReason =
  | 'empty'
  | 'too_long'
  | 'unparsable'
  | 'multiple_statements'
  | 'not_a_select'
  | 'write'
  | 'ddl'
  | 'exec'
  | 'select_into'
  | 'transaction'
  | 'system_procedure'
  | 'denied_keyword';

/** A place in the SQL text: 1-based line and column (in UTF-16 code units, as editors count). */
export interface SqlLocation {
  line: number;
  column: number;
}

/**
 * The guard's answer. A refusal says where, when it is about one place: where reading stopped
 * (`unparsable`), or the word, `;` or object that is refused. Never the text there.
 */
export type SqlGuardVerdict = { ok: true } | { ok: false; reason: SqlGuardReason; location?: SqlLocation };

/** The line and column of `offset` in `text` (`\r\n`, `\n` and `\r` each end a line). */
export function locate(text: string, offset: number): SqlLocation {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: Math.min(offset, text.length) - lineStart + 1 };
}

/** Safe, fixed explanations of each reason (no SQL text). */
export const SQL_GUARD_MESSAGES: Readonly<Record<SqlGuardReason, string>> = {
  empty: 'sql must not be empty.',
  too_long: 'sql is too long for a READER or SCALAR command.',
  unparsable: 'The SQL guard could not read this SQL, so it is refused: READER and SCALAR accept one plain SELECT.',
  multiple_statements: 'READER and SCALAR accept exactly one statement.',
  not_a_select: 'READER and SCALAR accept only a SELECT statement.',
  write: 'READER and SCALAR must not write: use NON_QUERY (needs the writes permission).',
  ddl: 'READER and SCALAR must not change the schema.',
  exec: 'READER and SCALAR must not execute procedures: use commandType STORED_PROCEDURE (needs the writes permission).',
  select_into: 'SELECT … INTO writes a table and is refused for READER and SCALAR.',
  transaction: 'READER and SCALAR must not control transactions.',
  system_procedure: 'System and extended procedures (sp_, xp_) are refused.',
  denied_keyword: 'This SQL uses a statement or option that READER and SCALAR do not allow.',
};

/** Unquoted words that refuse a read-only command, and why. */
const DENIED_WORDS: ReadonlyMap<string, SqlGuardReason> = new Map([
  ...['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'TRUNCATE', 'BULK', 'WRITETEXT', 'UPDATETEXT'].map(
    (w) => [w, 'write'] as const,
  ),
  ...['CREATE', 'ALTER', 'DROP', 'RENAME', 'GRANT', 'REVOKE', 'DENY'].map((w) => [w, 'ddl'] as const),
  ...['EXEC', 'EXECUTE'].map((w) => [w, 'exec'] as const),
  ...['BEGIN', 'COMMIT', 'ROLLBACK', 'SAVE', 'TRAN', 'TRANSACTION'].map((w) => [w, 'transaction'] as const),
  ['INTO', 'select_into'],
  ['GO', 'multiple_statements'],
  ...[
    // Statements that can only follow another statement or change the session.
    'DECLARE',
    'SET',
    'USE',
    'IF',
    'WHILE',
    'BREAK',
    'CONTINUE',
    'GOTO',
    'RETURN',
    'PRINT',
    'RAISERROR',
    'THROW',
    'OPEN',
    'CLOSE',
    'DEALLOCATE',
    'CURSOR',
    'WAITFOR',
    'KILL',
    'SHUTDOWN',
    'RECONFIGURE',
    'CHECKPOINT',
    'DBCC',
    'BACKUP',
    'RESTORE',
    'READTEXT',
    'SETUSER',
    'REVERT',
    // Remote execution: OPENQUERY passes any text to a linked server.
    'OPENQUERY',
    'OPENROWSET',
    'OPENDATASOURCE',
    'OPENXML',
    // Lock hints a read has no use for.
    'XLOCK',
    'UPDLOCK',
    'TABLOCKX',
  ].map((w) => [w, 'denied_keyword'] as const),
]);

/** AST node types (anywhere in the tree) that mean something other than a read. */
const DENIED_NODE_TYPES: ReadonlyMap<string, SqlGuardReason> = new Map([
  ...['insert', 'update', 'delete', 'replace', 'merge', 'truncate', 'upsert'].map((t) => [t, 'write'] as const),
  ...['create', 'alter', 'drop', 'rename', 'grant', 'revoke'].map((t) => [t, 'ddl'] as const),
  ...['exec', 'execute', 'call'].map((t) => [t, 'exec'] as const),
  ['transaction', 'transaction'],
  ...['declare', 'use', 'if', 'go', 'load_data', 'deallocate'].map((t) => [t, 'denied_keyword'] as const),
]);

const SYSTEM_PROCEDURE = /^(sp|xp)_/i;

/** Options of {@link createSqlGuard}. */
export interface SqlGuardOptions {
  /** Longest READER/SCALAR text checked; longer is refused (`too_long`). @default 65536 */
  maxLength?: number;
  /** Verdicts remembered by text (repeated polls and registrations parse once). @default 512 */
  cacheSize?: number;
}

/** Checks that a READER/SCALAR command text only reads. */
export type SqlGuard = (sql: string) => SqlGuardVerdict;

/** Builds a guard with its own verdict cache. No I/O. */
export function createSqlGuard(options: SqlGuardOptions = {}): SqlGuard {
  const maxLength = options.maxLength ?? 65_536;
  const cacheSize = options.cacheSize ?? 512;
  const cache = new Map<string, SqlGuardVerdict>();
  return (sql) => {
    if (sql.length > maxLength) return { ok: false, reason: 'too_long' };
    const hit = cache.get(sql);
    if (hit) return hit;
    const verdict = checkReadOnlySql(sql);
    cache.set(sql, verdict);
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
    return verdict;
  };
}

/** The guard's two checks, uncached and without a length limit (see the module comment). */
export function checkReadOnlySql(sql: string): SqlGuardVerdict {
  let tokens: TsqlToken[];
  try {
    tokens = lexTsql(sql);
  } catch (e) {
    if (e instanceof TsqlLexError) return { ok: false, reason: 'unparsable', location: locate(sql, e.offset) };
    throw e;
  }
  if (tokens.length === 0) return { ok: false, reason: 'empty' };
  const refused = checkTokens(tokens) ?? checkParse(sql, tokens);
  if (!refused) return { ok: true };
  return refused.at === undefined
    ? { ok: false, reason: refused.reason }
    : { ok: false, reason: refused.reason, location: locate(sql, refused.at) };
}

/** A refusal and the offset it is about, when it is about one place. */
interface Refusal {
  reason: SqlGuardReason;
  at?: number | undefined;
}

function checkTokens(tokens: readonly TsqlToken[]): Refusal | undefined {
  let end = tokens.length;
  while (end > 0 && tokens[end - 1]!.kind === 'punct' && tokens[end - 1]!.text === ';') end--;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'punct' && t.text === ';' && i < end) return { reason: 'multiple_statements', at: t.start };
    if (t.kind === 'word') {
      const upper = t.text.toUpperCase();
      const denied = DENIED_WORDS.get(upper);
      if (denied) return { reason: denied, at: t.start };
      if (upper === 'NEXT' && tokens[i + 1]?.kind === 'word' && tokens[i + 1]!.text.toUpperCase() === 'VALUE')
        return { reason: 'denied_keyword', at: t.start };
    }
    if ((t.kind === 'word' || t.kind === 'quoted') && SYSTEM_PROCEDURE.test(t.value.replace(/^#+/, '')))
      return { reason: 'system_procedure', at: t.start };
  }
  if (end === 0) return { reason: 'empty' };
  const first = tokens[0]!;
  if (first.kind !== 'word' || !/^(SELECT|WITH)$/i.test(first.text)) {
    // `(SELECT …)` is a valid read; anything else first is not.
    if (!(first.kind === 'punct' && first.text === '(')) return { reason: 'not_a_select', at: first.start };
  }
  return undefined;
}

function checkParse(text: string, tokens: readonly TsqlToken[]): Refusal | undefined {
  // Trailing semicolons (checkTokens allowed them) are left out: the grammar takes at most one.
  let end = tokens.length;
  while (end > 0 && tokens[end - 1]!.kind === 'punct' && tokens[end - 1]!.text === ';') end--;
  const kept = tokens.slice(0, end);
  const parsed = parseTsql(text.slice(0, kept[kept.length - 1]?.end ?? 0), kept);
  if (!parsed.ok) return { reason: 'unparsable', at: parsed.offset };
  const statements = parsed.statements;
  if (statements.length !== 1) return { reason: 'multiple_statements' };
  const statement = statements[0]!;
  const type = statement['type'] as string;
  if (type !== 'select') return { reason: DENIED_NODE_TYPES.get(type) ?? 'not_a_select' };
  const denied = walk(statement, 0);
  return denied ? { reason: denied } : undefined;
}

function walk(node: unknown, depth: number): SqlGuardReason | undefined {
  if (depth > 200) return 'unparsable';
  if (Array.isArray(node)) {
    for (const v of node) {
      const r = walk(v, depth + 1);
      if (r) return r;
    }
    return undefined;
  }
  if (!isRecord(node)) return undefined;
  const type = node['type'];
  if (typeof type === 'string') {
    const denied = DENIED_NODE_TYPES.get(type);
    if (denied) return denied;
  }
  const into = node['into'];
  if (isRecord(into) && into['expr'] !== undefined && into['expr'] !== null) return 'select_into';
  for (const key of Object.keys(node)) {
    if (key === 'loc') continue;
    const r = walk(node[key], depth + 1);
    if (r) return r;
  }
  return undefined;
}
