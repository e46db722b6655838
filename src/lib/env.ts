/**
 * Environment variables as definitions: each one's parser, its default as a reader needs it and
 * its meaning, in one table. A configuration reads the environment only through its table
 * (`definitions.read(env).get(name)` accepts defined names only), and `--help` and the README
 * print the same table, so what is documented and what is read cannot drift apart.
 *
 * An empty variable counts as unset. Parsers throw a `ConfigError` naming the variable, never
 * quoting its value (it could be a secret).
 */

/** An environment: `process.env`, or a plain object in tests. */
export type Env = Readonly<Record<string, string | undefined>>;

/** A configuration mistake. The message names the variable and never quotes a secret. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** One variable. `D` is the value when unset: `T` with a fixed default, `undefined` otherwise. */
export interface Variable<T, D extends T | undefined = T | undefined> {
  /** The default as a reader needs it: `4000`, `unset`, `on; off with HALO_API_URL`. */
  readonly shown: string;
  readonly meaning: string;
  /** The value when unset or empty. */
  readonly fallback: D;
  /** The value of a set variable; throws a ConfigError naming `name`. */
  parse(raw: string, name: string): T;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any variable: parsers differ in type
type AnyVariable = Variable<any, any>;
type ValueOf<V> = V extends Variable<infer T, infer D> ? T | D : never;

/** A row of `--help` and of the README's table. */
export interface VariableRow {
  name: string;
  default: string;
  meaning: string;
}

/** What a configuration reader sees of the environment: defined variables only. */
export interface EnvReader<S extends Record<string, AnyVariable>> {
  /** The parsed value, or the variable's fallback when it is unset or empty. */
  get<K extends keyof S & string>(name: K): ValueOf<S[K]>;
  isSet(name: keyof S & string): boolean;
}

export interface Definitions<S extends Record<string, AnyVariable>> {
  readonly variables: S;
  rows(): VariableRow[];
  read(env: Env): EnvReader<S>;
  /**
   * Every mistake in `env`, one message each: those of the invalid variables, in the table's
   * order, then those of `errors` (what the configuration's readers threw) not already listed.
   */
  problems(env: Env, errors: readonly unknown[]): string[];
}

export function defineVariables<S extends Record<string, AnyVariable>>(variables: S): Definitions<S> {
  return {
    variables,
    rows: () => Object.entries(variables).map(([name, v]) => ({ name, default: v.shown, meaning: v.meaning })),
    read(env) {
      const raw = (name: string) => {
        const value = env[name];
        return value === undefined || value === '' ? undefined : value;
      };
      return {
        get(name) {
          const v = variables[name]!;
          const value = raw(name);
          return value === undefined ? v.fallback : v.parse(value, name);
        },
        isSet: (name) => raw(name) !== undefined,
      };
    },
    problems(env, errors) {
      const reader = this.read(env);
      const messages: string[] = [];
      for (const name of Object.keys(variables)) {
        try {
          reader.get(name);
        } catch (e) {
          messages.push(e instanceof Error ? e.message : String(e));
        }
      }
      for (const error of errors) {
        const message = error instanceof Error ? error.message : String(error);
        if (!messages.includes(message)) messages.push(message);
      }
      return messages;
    },
  };
}

// ── Kinds of variables ──────────────────────────────────────────────────────────────────────────

interface Doc<T> {
  meaning: string;
  /** The value when unset; omit it when the reader decides (and say how in `shown`). */
  fallback?: T;
  /** The default as printed. @default the fallback, or `unset` */
  shown?: string;
}

type WithFallback<T, O> = O extends { fallback: T } ? Variable<T, T> : Variable<T, undefined>;

function variable<T, O extends Doc<T>>(options: O, parse: (raw: string, name: string) => T): WithFallback<T, O> {
  const shown = options.shown ?? (options.fallback === undefined ? 'unset' : String(options.fallback));
  return { shown, meaning: options.meaning, fallback: options.fallback, parse } as WithFallback<T, O>;
}

/** Any text. */
export const text = <O extends Doc<string>>(options: O) => variable<string, O>(options, (raw) => raw);

/** An integer in [min, max]. */
export const integer = <O extends Doc<number> & { min: number; max: number }>(options: O) =>
  variable<number, O>(options, (raw, name) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < options.min || n > options.max)
      throw new ConfigError(`${name} must be an integer between ${options.min} and ${options.max}`);
    return n;
  });

/** A finite number that passes `accepts`; otherwise "`name` must be `expected`". */
export const decimal = <O extends Doc<number> & { accepts: (n: number) => boolean; expected: string }>(options: O) =>
  variable<number, O>(options, (raw, name) => {
    const n = Number(raw);
    if (!Number.isFinite(n) || !options.accepts(n)) throw new ConfigError(`${name} must be ${options.expected}`);
    return n;
  });

/** 1, true, yes, on / 0, false, no, off (any case). */
export const flag = <O extends Doc<boolean>>(options: O) =>
  variable<boolean, O>({ ...options, shown: options.shown ?? onOff(options.fallback) }, (raw, name) => {
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    throw new ConfigError(`${name} must be true or false`);
  });

const onOff = (value: boolean | undefined) => (value === undefined ? undefined : value ? 'on' : 'off');

/** One of a fixed list of words. */
export const oneOf = <const W extends string, O extends Doc<W> & { values: readonly W[] }>(options: O) =>
  variable<W, O>(options, (raw, name) => {
    if (!(options.values as readonly string[]).includes(raw))
      throw new ConfigError(`${name} must be one of ${options.values.join(', ')}`);
    return raw as W;
  });

/** Anything else: `parse` throws a ConfigError naming the variable. */
export const custom = <T, O extends Doc<T> & { parse: (raw: string, name: string) => T }>(options: O) =>
  variable<T, O>(options, options.parse);

// ── The table, for people ───────────────────────────────────────────────────────────────────────

/**
 * The variables as a plain-text table for `--help`, meanings wrapped to `width` columns; on a
 * terminal too narrow for three columns, each meaning goes below its variable.
 */
export function formatHelpTable(rows: readonly VariableRow[], width = 120): string {
  const nameWidth = Math.max('Variable'.length, ...rows.map((r) => r.name.length));
  const defaultWidth = Math.max('Default'.length, ...rows.map((r) => r.default.length));
  const indent = 2 + nameWidth + 2 + defaultWidth + 2;
  const stacked = width - indent < 40;
  const lines = [
    `  ${'Variable'.padEnd(nameWidth)}  ${stacked ? 'Default' : `${'Default'.padEnd(defaultWidth)}  Meaning`}`,
  ];
  for (const row of rows) {
    const head = `  ${row.name.padEnd(nameWidth)}  ${row.default}`;
    if (stacked) {
      lines.push(head, ...wrap(row.meaning, width - 6).map((part) => `      ${part}`));
      continue;
    }
    wrap(row.meaning, width - indent).forEach((part, i) => {
      lines.push(`${i === 0 ? head.padEnd(indent) : ' '.repeat(indent)}${part}`);
    });
  }
  return lines.join('\n');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/** The variables as a Markdown table (the README's). */
export function formatMarkdownTable(rows: readonly VariableRow[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const code = (s: string) => (s === 'unset' || s === 'none' || /\s/.test(s) ? s : `\`${s}\``);
  return [
    '| variable | default | meaning |',
    '|---|---|---|',
    ...rows.map((r) => `| \`${r.name}\` | ${cell(code(r.default))} | ${cell(r.meaning)} |`),
  ].join('\n');
}
