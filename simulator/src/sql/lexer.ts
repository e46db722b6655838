/**
 * A small T-SQL tokenizer. It does not drive translation (node-sql-parser does); it finds the
 * token SQL Server would name in "Incorrect syntax near …", splits multi-part procedure names, and
 * feeds the EXEC fallback parser in ./exec.ts.
 */

/** `variable` is `@name` or `@@name`; `quotedIdentifier` is `[name]` or `"name"`. */
export type TokenKind = 'word' | 'quotedIdentifier' | 'string' | 'number' | 'variable' | 'punct';

export interface Token {
  kind: TokenKind;
  /** The token as written. */
  text: string;
  /** Identifiers without their brackets/quotes; strings without quotes and with `''` undone. */
  value: string;
  start: number;
  end: number;
  /** A string or quoted identifier that runs to the end of the text without its closing quote. */
  unterminated?: boolean;
}

const WORD_START = /[A-Za-z_#\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_#$@\u0080-\uffff]/;
const TWO_CHAR_PUNCT = new Set(['<>', '!=', '<=', '>=', '!<', '!>', '||', '::', '+=', '-=', '*=', '/=']);

/** Splits T-SQL into tokens, skipping whitespace and comments. Never throws: an unterminated string or identifier runs to the end. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = sql.length;
  const push = (kind: TokenKind, start: number, end: number, value: string): void => {
    tokens.push({ kind, text: sql.slice(start, end), value, start, end });
  };
  while (i < n) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && next === '-') {
      const eol = sql.indexOf('\n', i);
      i = eol < 0 ? n : eol + 1;
    } else if (c === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
    } else if (c === "'" || ((c === 'N' || c === 'n') && next === "'")) {
      const start = i;
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
        value += sql[i];
        i++;
      }
      push('string', start, i, value);
      if (!closed) tokens[tokens.length - 1]!.unterminated = true;
    } else if (c === '[' || c === '"') {
      const close = c === '[' ? ']' : '"';
      const start = i++;
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
        value += sql[i];
        i++;
      }
      push('quotedIdentifier', start, i, value);
      if (!closed) tokens[tokens.length - 1]!.unterminated = true;
    } else if (/[0-9]/.test(c) || (c === '.' && next !== undefined && /[0-9]/.test(next))) {
      const start = i;
      if (c === '0' && (next === 'x' || next === 'X')) {
        i += 2;
        while (i < n && /[0-9A-Fa-f]/.test(sql[i]!)) i++;
      } else {
        while (i < n && /[0-9.]/.test(sql[i]!)) i++;
        if (i < n && /[eE]/.test(sql[i]!) && /[-+0-9]/.test(sql[i + 1] ?? '')) {
          i += 2;
          while (i < n && /[0-9]/.test(sql[i]!)) i++;
        }
      }
      push('number', start, i, sql.slice(start, i));
    } else if (c === '@') {
      const start = i++;
      if (sql[i] === '@') i++;
      while (i < n && WORD_PART.test(sql[i]!)) i++;
      push('variable', start, i, sql.slice(start, i));
    } else if (WORD_START.test(c)) {
      const start = i;
      while (i < n && WORD_PART.test(sql[i]!)) i++;
      push('word', start, i, sql.slice(start, i));
    } else {
      const two = sql.slice(i, i + 2);
      const len = TWO_CHAR_PUNCT.has(two) ? 2 : 1;
      push('punct', i, i + len, sql.slice(i, i + len));
      i += len;
    }
  }
  return tokens;
}

/** SQL Server reserved keywords that its parser names as "the keyword 'X'" in error 156. */
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
  const tokens = tokenize(sql);
  let index = tokens.length - 1;
  if (offset !== undefined) {
    const at = tokens.findIndex((t) => t.end > offset);
    if (at >= 0) index = at;
  }
  while (index >= 0) {
    const t = tokens[index]!;
    if (t.kind !== 'string' && t.kind !== 'number') {
      const keyword = t.kind === 'word' && RESERVED_KEYWORDS.has(t.text.toUpperCase());
      return { text: t.kind === 'quotedIdentifier' ? t.value : t.text, keyword };
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
  const tokens = tokenize(name);
  const parts: string[] = [];
  let expectName = true;
  for (const t of tokens) {
    if (expectName) {
      if (t.kind === 'word' || t.kind === 'quotedIdentifier') {
        parts.push(t.kind === 'word' ? t.text : t.value);
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
