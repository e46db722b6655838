/**
 * The named-query catalogue as the rest of the product sees it, once loaded and validated
 * (./load.ts): every entry is a `Site` field with typed arguments and a typed row, and one
 * read-only SQL statement per practice management system.
 */
import type { PmsType } from '../datasources/types.js';

/** The types an argument or a column may have (docs/API.md, "Named queries"). */
export const SCALAR_TYPES = [
  'String',
  'Int',
  'Float',
  'Boolean',
  'Date',
  'LocalTime',
  'LocalDateTime',
  'DateTime',
] as const;
export type ScalarTypeName = (typeof SCALAR_TYPES)[number];

/** A declared type: `Date` or `Date!`. */
export interface TypeRef {
  name: ScalarTypeName;
  nonNull: boolean;
}

/** The catalogue's PMS keys (the GraphQL enum's names) and the wire `pmsType` each stands for. */
export const PMS_KEYS = { BEST_PRACTICE: 'BestPractice', ZEDMED: 'Zedmed', D4W: 'D4w' } as const satisfies Record<
  string,
  PmsType
>;
export type PmsKey = keyof typeof PMS_KEYS;

/** A line of a catalogue file, for messages about the entry after loading. */
export interface SourceLocation {
  file: string;
  line: number;
}

export interface NamedQueryArgument {
  name: string;
  type: TypeRef;
  description: string | undefined;
  /** The default as a canonical value of `type` (e.g. `'2026-03-02'` for a Date); undefined: none. */
  defaultValue: string | number | boolean | undefined;
  /** The SqlDbType Halo binds the parameter with (derived from `type` unless the entry says `sqlType`). */
  sqlType: string;
}

export interface NamedQueryColumn {
  name: string;
  type: TypeRef;
  description: string | undefined;
}

export interface NamedQueryEntry {
  /** The `Site` field (lowerCamelCase). */
  name: string;
  description: string;
  /** The GraphQL row type (PascalCase); entries may share one when their columns agree. */
  type: string;
  /** `list`: `[Type!]!`; `one`: `Type` (null when there is no row). */
  returns: 'list' | 'one';
  args: readonly NamedQueryArgument[];
  columns: readonly NamedQueryColumn[];
  /** One statement per PMS (wire `pmsType` → SQL text); a PMS without one answers NOT_SUPPORTED. */
  sql: Readonly<Partial<Record<PmsType, string>>>;
  /** Immediate (the default) or async: submitted, awaited, and every page read. */
  mode: 'immediate' | 'async';
  /** `Subscription.<name>Changed`, backed by one shared Halo registered query per (site, arguments). */
  live: { frequencySeconds: number; durationSeconds: number } | undefined;
  /** Identical immediate calls within this many seconds share one Halo query. */
  maxAgeSeconds: number | undefined;
  /** Where the entry came from: its file, and the lines of its name and type. */
  source: { file: string; builtIn: boolean; nameLine: number; typeLine: number };
  /**
   * A digest of everything that decides what Halo runs (statements, argument types): live
   * registrations of an entry whose definition changed are not shared with the old one.
   */
  fingerprint: string;
}

/** A validated catalogue: entries in a stable order (built-ins first, then by file name). */
export interface Catalogue {
  readonly entries: readonly NamedQueryEntry[];
}

/**
 * A catalogue file the server refuses: the message names the file, the line and the problem in
 * one line (`<file>:<line>: <problem>`), and never quotes SQL.
 */
export class CatalogueError extends Error {
  override readonly name = 'CatalogueError';
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly problem: string,
  ) {
    super(`named query ${file}${line !== undefined ? `:${line}` : ''}: ${problem}`);
  }
}

/** `Date!` → `{ name: 'Date', nonNull: true }`; undefined for anything else. */
export function parseTypeRef(text: string): TypeRef | undefined {
  const nonNull = text.endsWith('!');
  const name = nonNull ? text.slice(0, -1) : text;
  return (SCALAR_TYPES as readonly string[]).includes(name) ? { name: name as ScalarTypeName, nonNull } : undefined;
}

/** `{ name: 'Date', nonNull: true }` → `Date!`. */
export const printTypeRef = (t: TypeRef): string => `${t.name}${t.nonNull ? '!' : ''}`;
