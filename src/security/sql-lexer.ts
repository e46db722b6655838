/**
 * A T-SQL tokenizer for the SQL guard: it tells keywords apart from string literals, quoted
 * identifiers and comments, the way SQL Server reads them (`''` inside strings, `]]` inside
 * brackets, nested block comments). Text it cannot read completely (an unterminated string,
 * identifier or comment) is an error: the guard then refuses the SQL.
 */

export type SqlTokenKind = 'word' | 'quoted' | 'string' | 'number' | 'variable' | 'punct';

export interface SqlToken {
  kind: SqlTokenKind;
  /** The token as written (for `quoted`, the identifier without its delimiters). */
  text: string;
  /** Offset of the first character. */
  start: number;
  /** Offset after the last character. */
  end: number;
}

/** The text could not be tokenized; carries no SQL text. */
export class SqlLexError extends Error {
  constructor(readonly reason: 'unterminated_string' | 'unterminated_identifier' | 'unterminated_comment') {
    super(`SQL lexer: ${reason}`);
    this.name = 'SqlLexError';
  }
}

const WORD_START = /[\p{L}_#]/u;
const WORD_PART = /[\p{L}\p{N}_#$@]/u;
const DIGIT = /[0-9]/;
const SPACE = /[\s\u00a0\ufeff]/u;

/**
 * Splits T-SQL into tokens, dropping whitespace and comments.
 * @throws SqlLexError for an unterminated string, quoted identifier or block comment.
 */
export function lexSql(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  const n = sql.length;
  let i = 0;
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
      if (depth > 0) throw new SqlLexError('unterminated_comment');
      continue;
    }
    const start = i;
    if (c === "'" || ((c === 'N' || c === 'n') && next === "'")) {
      i = c === "'" ? i + 1 : i + 2;
      for (;;) {
        if (i >= n) throw new SqlLexError('unterminated_string');
        if (sql[i] === "'") {
          if (sql[i + 1] === "'") i += 2;
          else {
            i++;
            break;
          }
        } else i++;
      }
      tokens.push({ kind: 'string', text: sql.slice(start, i), start, end: i });
      continue;
    }
    if (c === '[' || c === '"') {
      const close = c === '[' ? ']' : '"';
      i++;
      let name = '';
      for (;;) {
        if (i >= n) throw new SqlLexError('unterminated_identifier');
        if (sql[i] === close) {
          if (sql[i + 1] === close) {
            name += close;
            i += 2;
          } else {
            i++;
            break;
          }
        } else name += sql[i++];
      }
      tokens.push({ kind: 'quoted', text: name, start, end: i });
      continue;
    }
    if (c === '@') {
      i++;
      while (i < n && (WORD_PART.test(sql[i]!) || sql[i] === '@')) i++;
      tokens.push({ kind: 'variable', text: sql.slice(start, i), start, end: i });
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
      tokens.push({ kind: 'number', text: sql.slice(start, i), start, end: i });
      continue;
    }
    if (WORD_START.test(c)) {
      i++;
      while (i < n && WORD_PART.test(sql[i]!)) i++;
      tokens.push({ kind: 'word', text: sql.slice(start, i), start, end: i });
      continue;
    }
    // Two-character operators first.
    const two = sql.slice(i, i + 2);
    if (
      ['<>', '!=', '<=', '>=', '!<', '!>', '::', '||', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^='].includes(two)
    ) {
      tokens.push({ kind: 'punct', text: two, start, end: i + 2 });
      i += 2;
      continue;
    }
    tokens.push({ kind: 'punct', text: c, start, end: i + 1 });
    i++;
  }
  return tokens;
}
