/**
 * `EXEC procedure …` in a text command. node-sql-parser reads the named form
 * (`EXEC p @a = 1, @b = @x`); this recursive-descent reader over src/lib/tsql-lexer.ts tokens also takes the
 * positional form (`EXEC p 1, 'x'` / `EXEC p @a, @b`), which the parser rejects.
 */
import { type TsqlToken as Token, splitObjectName, tokenizeTsql as tokenize } from '../../../src/lib/tsql-lexer.js';

/** A `@name` the EXEC passes on from the command's parameters. */
export interface ExecVariable {
  key: string;
  written: string;
}

export interface ExecArgument {
  /** `@name` when passed by name; undefined when positional. */
  name: string | undefined;
  value: { kind: 'literal'; value: string | null } | { kind: 'variable'; ref: ExecVariable } | { kind: 'default' };
  output: boolean;
}

export interface ExecCall {
  /** The procedure as written (for error 2812). */
  procedure: string;
  /** Its name parts (`['dbo', 'BP_X']`). */
  parts: string[];
  args: ExecArgument[];
}

/** Reads `EXEC[UTE] name [arg [, arg…]] [;]`. Returns undefined when the text is not exactly that. */
export function parseExecFallback(sql: string): ExecCall | undefined {
  const tokens = tokenize(sql);
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const isPunct = (t: Token | undefined, p: string): boolean => t !== undefined && t.kind === 'punct' && t.text === p;
  const keyword = peek();
  if (!keyword || keyword.kind !== 'word' || !/^EXEC(UTE)?$/i.test(keyword.text)) return undefined;
  i++;
  // The name: word/[quoted] parts separated by dots.
  const nameStart = peek();
  if (!nameStart || (nameStart.kind !== 'word' && nameStart.kind !== 'quoted')) return undefined;
  let nameEnd = nameStart.end;
  i++;
  while (isPunct(peek(), '.')) {
    i++;
    while (isPunct(peek(), '.')) i++;
    const part = peek();
    if (!part || (part.kind !== 'word' && part.kind !== 'quoted')) return undefined;
    nameEnd = part.end;
    i++;
  }
  const procedure = sql.slice(nameStart.start, nameEnd);
  const parts = splitObjectName(procedure);
  if (!parts) return undefined;
  const args: ExecArgument[] = [];
  const readValue = (): ExecArgument['value'] | undefined => {
    const t = peek();
    if (!t) return undefined;
    if (t.kind === 'string') {
      i++;
      return { kind: 'literal', value: t.value };
    }
    if (t.kind === 'number') {
      i++;
      return { kind: 'literal', value: t.text };
    }
    if (isPunct(t, '-') || isPunct(t, '+')) {
      const n = tokens[i + 1];
      if (n?.kind !== 'number') return undefined;
      i += 2;
      return { kind: 'literal', value: `${t.text === '-' ? '-' : ''}${n.text}` };
    }
    if (t.kind === 'variable' && !t.text.startsWith('@@')) {
      i++;
      return { kind: 'variable', ref: { key: t.text.slice(1).toLowerCase(), written: t.text } };
    }
    if (t.kind === 'word' && t.text.toUpperCase() === 'NULL') {
      i++;
      return { kind: 'literal', value: null };
    }
    if (t.kind === 'word' && t.text.toUpperCase() === 'DEFAULT') {
      i++;
      return { kind: 'default' };
    }
    if (t.kind === 'word' && !/^OUT(PUT)?$/i.test(t.text)) {
      // EXEC takes an unquoted word as a string (`EXEC sp_help BPS_Patients`).
      i++;
      return { kind: 'literal', value: t.text };
    }
    return undefined;
  };
  while (i < tokens.length && !isPunct(peek(), ';')) {
    if (args.length > 0) {
      if (!isPunct(peek(), ',')) return undefined;
      i++;
    }
    let name: string | undefined;
    const t = peek();
    if (t?.kind === 'variable' && isPunct(tokens[i + 1], '=')) {
      name = t.text;
      i += 2;
    }
    const value = readValue();
    if (!value) return undefined;
    let output = false;
    const o = peek();
    if (o?.kind === 'word' && /^OUT(PUT)?$/i.test(o.text)) {
      output = true;
      i++;
    }
    args.push({ name, value, output });
  }
  while (isPunct(peek(), ';')) i++;
  return i === tokens.length ? { procedure, parts, args } : undefined;
}
