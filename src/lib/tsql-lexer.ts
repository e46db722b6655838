/**
 * The one T-SQL tokenizer, shared by the product's SQL guard (src/security/sql-guard.ts) and the
 * simulator's T-SQL engine (simulator/src/sql). It reads text as SQL Server does: `''` inside
 * strings, `]]` inside brackets and `""` inside double-quoted names, `N'…'` strings, `@var` and
 * `@@var`, and block comments that nest.
 *
 * Two modes: {@link lexTsql} is strict (an unterminated string, identifier or comment throws
 * {@link TsqlLexError}, so the guard can refuse what it cannot read completely);
 * {@link tokenizeTsql} never throws (an unterminated string or identifier runs to the end of the
 * text and is flagged, an unterminated comment swallows the rest), so the simulator can word the
 * error as SQL Server would.
 */

/** `variable` is `@name` or `@@name`; `quoted` is `[name]` or `"name"`. */
export type TsqlTokenKind = 'word' | 'quoted' | 'string' | 'number' | 'variable' | 'punct';

export interface TsqlToken {
  kind: TsqlTokenKind;
  /** The token as written. */
  text: string;
  /** Quoted identifiers without their delimiters and strings without their quotes, escapes undone; else `text`. */
  value: string;
  /** Offset of the first character. */
  start: number;
  /** Offset after the last character. */
  end: number;
  /** A string or quoted identifier that runs to the end of the text without its closing quote (lenient mode). */
  unterminated?: boolean;
}

/** The text could not be tokenized (strict mode); carries no SQL text. */
export class TsqlLexError extends Error {
  readonly reason: 'unterminated_string' | 'unterminated_identifier' | 'unterminated_comment';
  /** Offset of the string, identifier or comment that never ends. */
  readonly offset: number;
  constructor(reason: TsqlLexError['reason'], offset: number) {
    super(`T-SQL lexer: ${reason}`);
    this.name = 'TsqlLexError';
    this.reason = reason;
    this.offset = offset;
  }
}

const WORD_START = /[\p{L}_#]/u;
const WORD_PART = /[\p{L}\p{N}_#$@]/u;
const DIGIT = /[0-9]/;
const SPACE = /[\s\u00a0\ufeff]/u;
const TWO_CHAR_PUNCT = new Set([
  '<>',
  '!=',
  '<=',
  '>=',
  '!<',
  '!>',
  '::',
  '||',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
]);

function scan(sql: string, strict: boolean): TsqlToken[] {
  const tokens: TsqlToken[] = [];
  const n = sql.length;
  let i = 0;
  const push = (kind: TsqlTokenKind, start: number, end: number, value?: string, unterminated = false): void => {
    const text = sql.slice(start, end);
    const token: TsqlToken = { kind, text, value: value ?? text, start, end };
    if (unterminated) token.unterminated = true;
    tokens.push(token);
  };
  while (i < n) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (SPACE.test(c)) {
      i++;
      continue;
    }
    if (c === '-' && next === '-') {
      while (i < n && sql[i] !== '\n' && sql[i] !== '\r') i++;
      continue;
    }
    if (c === '/' && next === '*') {
      // SQL Server nests block comments.
      const opened = i;
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql[i] === '/' && sql[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (sql[i] === '*' && sql[i + 1] === '/') {
          depth--;
          i += 2;
        } else i++;
      }
      if (depth > 0 && strict) throw new TsqlLexError('unterminated_comment', opened);
      continue;
    }
    const start = i;
    if (c === "'" || ((c === 'N' || c === 'n') && next === "'")) {
      i += c === "'" ? 1 : 2;
      let value = '';
      let closed = false;
      while (i < n) {
        if (sql[i] === "'") {
          if (sql[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        value += sql[i++];
      }
      if (!closed && strict) throw new TsqlLexError('unterminated_string', start);
      push('string', start, i, value, !closed);
      continue;
    }
    if (c === '[' || c === '"') {
      const close = c === '[' ? ']' : '"';
      i++;
      let value = '';
      let closed = false;
      while (i < n) {
        if (sql[i] === close) {
          if (sql[i + 1] === close) {
            value += close;
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        value += sql[i++];
      }
      if (!closed && strict) throw new TsqlLexError('unterminated_identifier', start);
      push('quoted', start, i, value, !closed);
      continue;
    }
    if (c === '@') {
      i++;
      while (i < n && WORD_PART.test(sql[i]!)) i++;
      push('variable', start, i);
      continue;
    }
    if (DIGIT.test(c) || (c === '.' && next !== undefined && DIGIT.test(next))) {
      if (c === '0' && (next === 'x' || next === 'X')) {
        i += 2;
        while (i < n && /[0-9a-f]/i.test(sql[i]!)) i++;
      } else {
        while (i < n && /[0-9.]/.test(sql[i]!)) i++;
        if (i < n && /[eE]/.test(sql[i]!) && /[-+0-9]/.test(sql[i + 1] ?? '')) {
          i += 2;
          while (i < n && DIGIT.test(sql[i]!)) i++;
        }
      }
      push('number', start, i);
      continue;
    }
    if (WORD_START.test(c)) {
      i++;
      while (i < n && WORD_PART.test(sql[i]!)) i++;
      push('word', start, i);
      continue;
    }
    const len = TWO_CHAR_PUNCT.has(sql.slice(i, i + 2)) ? 2 : 1;
    push('punct', i, i + len);
    i += len;
  }
  return tokens;
}

/**
 * Splits T-SQL into tokens, dropping whitespace and comments.
 * @throws TsqlLexError for an unterminated string, quoted identifier or block comment.
 */
export function lexTsql(sql: string): TsqlToken[] {
  return scan(sql, true);
}

/** Splits T-SQL into tokens, dropping whitespace and comments. Never throws (see the module comment). */
export function tokenizeTsql(sql: string): TsqlToken[] {
  return scan(sql, false);
}

/** SQL Server reserved keywords, which its parser names as "the keyword 'X'" in error 156. */
export const RESERVED_KEYWORDS: ReadonlySet<string> = new Set(
  (
    'ADD ALL ALTER AND ANY AS ASC BACKUP BEGIN BETWEEN BREAK BROWSE BULK BY CASCADE CASE CHECK ' +
    'CHECKPOINT CLOSE CLUSTERED COALESCE COLLATE COLUMN COMMIT COMPUTE CONSTRAINT CONTAINS ' +
    'CONTINUE CONVERT CREATE CROSS CURRENT CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP ' +
    'CURRENT_USER CURSOR DATABASE DEALLOCATE DECLARE DEFAULT DELETE DENY DESC DISTINCT ' +
    'DISTRIBUTED DOUBLE DROP ELSE END ERRLVL ESCAPE EXCEPT EXEC EXECUTE EXISTS EXIT EXTERNAL ' +
    'FETCH FILE FILLFACTOR FOR FOREIGN FREETEXT FROM FULL FUNCTION GOTO GRANT GROUP HAVING ' +
    'HOLDLOCK IDENTITY IF IN INDEX INNER INSERT INTERSECT INTO IS JOIN KEY KILL LEFT LIKE ' +
    'LINENO MERGE NATIONAL NOCHECK NONCLUSTERED NOT NULL NULLIF OF OFF OFFSETS ON OPEN OPTION ' +
    'OR ORDER OUTER OVER PERCENT PIVOT PLAN PRIMARY PRINT PROC PROCEDURE PUBLIC RAISERROR READ ' +
    'REFERENCES REPLICATION RESTORE RESTRICT RETURN REVERT REVOKE RIGHT ROLLBACK ROWCOUNT ' +
    'RULE SAVE SCHEMA SELECT SET SETUSER SHUTDOWN SOME STATISTICS TABLE TABLESAMPLE THEN TO TOP ' +
    'TRAN TRANSACTION TRIGGER TRUNCATE UNION UNIQUE UNPIVOT UPDATE USE USER VALUES VARYING VIEW ' +
    'WAITFOR WHEN WHERE WHILE WITH'
  ).split(' '),
);

/** What error 102/156 should name: a token that is safe to echo (never a literal value). */
export interface NearToken {
  text: string;
  keyword: boolean;
}

/**
 * The token SQL Server would report for a parse failure at `offset` (end of text when undefined or
 * past the end: the last token). String and number literals are never echoed: the nearest
 * preceding non-literal token is named instead, or nothing.
 */
export function tokenNear(sql: string, offset: number | undefined): NearToken {
  const tokens = tokenizeTsql(sql);
  let index = tokens.length - 1;
  if (offset !== undefined) {
    const at = tokens.findIndex((t) => t.end > offset);
    if (at >= 0) index = at;
  }
  while (index >= 0) {
    const t = tokens[index]!;
    if (t.kind !== 'string' && t.kind !== 'number') {
      const keyword = t.kind === 'word' && RESERVED_KEYWORDS.has(t.text.toUpperCase());
      return { text: t.value, keyword };
    }
    index--;
  }
  return { text: '', keyword: false };
}

/**
 * Splits a (possibly bracketed, possibly multi-part) object name such as `[dbo].[BP_AddAppointment]`
 * or `BPSPatients.dbo.BP_X` into its parts. Returns undefined when the text is not just a name.
 */
export function splitObjectName(name: string): string[] | undefined {
  const tokens = tokenizeTsql(name);
  const parts: string[] = [];
  let expectName = true;
  for (const t of tokens) {
    if (expectName) {
      if (t.kind === 'word' || t.kind === 'quoted') {
        parts.push(t.value);
        expectName = false;
      } else if (t.kind === 'punct' && t.text === '.' && parts.length > 0) {
        parts.push(''); // `BPSPatients..BP_X`: the schema part left out
      } else {
        return undefined;
      }
    } else if (t.kind === 'punct' && t.text === '.') {
      expectName = true;
    } else {
      return undefined;
    }
  }
  return parts.length > 0 && !expectName ? parts : undefined;
}
