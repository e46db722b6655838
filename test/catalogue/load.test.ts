/**
 * The catalogue loader (src/catalogue/load.ts): every bad file is refused with one line naming the
 * file, the line and the problem; good files become typed entries.
 */
import { cpSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILT_IN_DIR, loadCatalogue, writeCatalogueSnapshot } from '../../src/catalogue/load.js';
import { readAppConfig } from '../../src/config.js';
import { CatalogueError } from '../../src/catalogue/types.js';
import { schema } from '../../src/schema/index.js';
import { loadNamedQueries, reservedNames } from '../../src/schema/named-queries.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh NAMED_QUERIES_DIR holding `files`. */
function operatorDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'halo-named-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The CatalogueError `files` make the loader throw (with the schema's names reserved). */
function refusal(files: Record<string, string>): CatalogueError {
  const dir = operatorDir(files);
  try {
    loadCatalogue({ operatorDir: dir, reserved: reservedNames(schema) });
  } catch (error) {
    if (error instanceof CatalogueError) {
      expect(error.message).not.toContain('\n');
      return Object.assign(error, { message: error.message.replaceAll(dir, '<dir>') });
    }
    throw error;
  }
  throw new Error('the catalogue loaded');
}

const GOOD = `name: recallsDue
description: Patients with a recall due in a date range.
type: RecallDue
args:
  from: { type: Date!, description: "First day, inclusive" }
  to: { type: Date! }
  limit: { type: Int, default: 100 }
columns:
  patientId: { type: Int!, description: "Bp InternalID" }
  dueDate: { type: Date }
  reason: { type: String }
sql:
  BEST_PRACTICE: |
    SELECT TOP (@limit) InternalID AS patientId, DueDate AS dueDate, Reason AS reason
    FROM RECALLS WHERE DueDate BETWEEN @from AND @to ORDER BY DueDate
live: { frequencySeconds: 300 }
maxAgeSeconds: 60
`;

describe('loadCatalogue', () => {
  it("should load API.md's example entry into typed arguments, columns and statements", () => {
    const { entries } = loadCatalogue({ operatorDir: operatorDir({ 'recallsDue.yaml': GOOD }) });
    const entry = entries.find((e) => e.name === 'recallsDue')!;
    expect(entry).toMatchObject({
      description: 'Patients with a recall due in a date range.',
      type: 'RecallDue',
      returns: 'list',
      mode: 'immediate',
      args: [
        { name: 'from', type: { name: 'Date', nonNull: true }, description: 'First day, inclusive', sqlType: 'Date' },
        { name: 'to', type: { name: 'Date', nonNull: true }, description: undefined, sqlType: 'Date' },
        { name: 'limit', type: { name: 'Int', nonNull: false }, defaultValue: 100, sqlType: 'Int' },
      ],
      columns: [
        { name: 'patientId', type: { name: 'Int', nonNull: true }, description: 'Bp InternalID' },
        { name: 'dueDate', type: { name: 'Date', nonNull: false } },
        { name: 'reason', type: { name: 'String', nonNull: false } },
      ],
      live: { frequencySeconds: 300, durationSeconds: 3600 },
      maxAgeSeconds: 60,
      source: { builtIn: false, nameLine: 1, typeLine: 3 },
    });
    expect(Object.keys(entry.sql)).toEqual(['BestPractice']);
    expect(entry.sql.BestPractice).toMatch(/^SELECT TOP \(@limit\)/);
    // Built-ins first, then the operator's files.
    expect(entries.at(-1)).toBe(entry);
    expect(entries.filter((e) => e.source.builtIn).length).toBe(entries.length - 1);
  });

  it('should canonicalise defaults, honour sqlType and mode, and ignore files that are not YAML', () => {
    const { entries } = loadCatalogue({
      operatorDir: operatorDir({
        'README.md': '# not an entry',
        'at.yml': `name: at
description: Rows at a moment.
type: AtRow
returns: one
mode: async
args:
  when: { type: LocalTime, default: "08:15" }
  since: { type: DateTime, default: "2026-03-02T08:15:00+10:00" }
  name: { type: String!, sqlType: VarChar }
columns:
  n: { type: Int }
sql:
  ZEDMED: SELECT COUNT(*) AS n FROM APPOINTMENT WHERE START_TIME > @when AND BOOKED_AT > @since AND NOTES = @name
  D4W: SELECT COUNT(*) AS n FROM appointments WHERE start_time > @WHEN AND booked_at > @Since AND chair = @name
`,
      }),
    });
    const at = entries.find((e) => e.name === 'at')!;
    expect(at.args.map((a) => [a.name, a.defaultValue, a.sqlType])).toEqual([
      ['when', '08:15:00', 'Time'],
      ['since', '2026-03-01T22:15:00.000Z', 'DateTimeOffset'],
      ['name', undefined, 'VarChar'],
    ]);
    expect(at).toMatchObject({ returns: 'one', mode: 'async', live: undefined });
    expect(Object.keys(at.sql)).toEqual(['Zedmed', 'D4w']);
  });

  it('should give an entry the same fingerprint while what Halo runs is the same, and a new one when it changes', () => {
    const fingerprint = (text: string) =>
      loadCatalogue({ operatorDir: operatorDir({ 'r.yaml': text }) }).entries.at(-1)!.fingerprint;
    expect(fingerprint(GOOD)).toBe(fingerprint(GOOD.replace('Patients with', 'The patients with')));
    expect(fingerprint(GOOD)).not.toBe(fingerprint(GOOD.replace('ORDER BY DueDate', 'ORDER BY DueDate DESC')));
  });

  it('should ship built-in entries that each cite their source in DOMAIN.md §9.1', () => {
    const files = readdirSync(BUILT_IN_DIR).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const file of files) {
      const text = readFileSync(join(BUILT_IN_DIR, file), 'utf8');
      expect(text, file).toMatch(/^# Source: docs\/halo\/DOMAIN\.md §9\.1, /);
    }
    const builtIns = loadCatalogue().entries;
    expect(builtIns.map((e) => e.name).sort()).toEqual(files.map((f) => f.replace(/\.yaml$/, '')).sort());
    expect(builtIns.every((e) => Object.keys(e.sql).join() === 'BestPractice')).toBe(true);
  });

  describe('refuses to load', () => {
    const cases: Array<[string, Record<string, string>, string]> = [
      [
        'YAML that does not parse (a key given twice)',
        { 'a.yaml': GOOD.replace('type: RecallDue', 'type: RecallDue\nname: recalls') },
        'named query <dir>/a.yaml:4: not valid YAML: Map keys must be unique',
      ],
      [
        'YAML that does not parse (an unclosed flow sequence)',
        { 'a.yaml': 'name: a\ndescription: [unclosed\n' },
        'named query <dir>/a.yaml:3: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      ],
      [
        'two documents in one file',
        { 'a.yaml': `${GOOD}---\n${GOOD}` },
        'named query <dir>/a.yaml:18: one named query per file (found a second document)',
      ],
      ['an empty file', { 'a.yaml': '' }, 'named query <dir>/a.yaml:1: the file is empty'],
      [
        'a missing key',
        { 'a.yaml': GOOD.replace('description: Patients with a recall due in a date range.\n', '') },
        'named query <dir>/a.yaml:1: the entry is missing "description"',
      ],
      [
        'an unknown key',
        { 'a.yaml': GOOD.replace('maxAgeSeconds: 60', 'maxAgeSeconds: 60\ncache: true') },
        'named query <dir>/a.yaml:18: unknown key "cache" in the entry',
      ],
      [
        'an unknown key in an argument',
        { 'a.yaml': GOOD.replace('{ type: Date! }', '{ type: Date!, optional: true }') },
        'named query <dir>/a.yaml:6: unknown key "optional" in args.to',
      ],
      [
        'a name that is not lowerCamelCase',
        { 'a.yaml': GOOD.replace('name: recallsDue', 'name: Recalls-Due') },
        'named query <dir>/a.yaml:1: name must be lowerCamelCase (letters and digits, starting with a lower-case letter), at most 64 characters',
      ],
      [
        'a row type that is not PascalCase',
        { 'a.yaml': GOOD.replace('type: RecallDue', 'type: recall_due') },
        'named query <dir>/a.yaml:3: type must be PascalCase (letters and digits, starting with a capital), at most 64 characters',
      ],
      [
        'a live frequency below Halo’s minimum',
        { 'a.yaml': GOOD.replace('frequencySeconds: 300', 'frequencySeconds: 30') },
        'named query <dir>/a.yaml:16: live.frequencySeconds must be >= 60',
      ],
      [
        'an unknown column type',
        { 'a.yaml': GOOD.replace('dueDate: { type: Date }', 'dueDate: { type: Dat }') },
        'named query <dir>/a.yaml:10: unknown type "Dat" (allowed: String, Int, Float, Boolean, Date, LocalTime, LocalDateTime, DateTime, each optionally with !)',
      ],
      [
        'an unknown argument type',
        { 'a.yaml': GOOD.replace('to: { type: Date! }', 'to: { type: "[Date]" }') },
        'named query <dir>/a.yaml:6: unknown type "[Date]" (allowed: String, Int, Float, Boolean, Date, LocalTime, LocalDateTime, DateTime, each optionally with !)',
      ],
      [
        'a default that is not a value of its type',
        { 'a.yaml': GOOD.replace('default: 100', 'default: "many"') },
        'named query <dir>/a.yaml:7: the default of argument limit is not a Int',
      ],
      [
        'an impossible date as a default',
        { 'a.yaml': GOOD.replace('to: { type: Date! }', 'to: { type: Date!, default: "2026-02-30" }') },
        'named query <dir>/a.yaml:6: the default of argument to is not a Date',
      ],
      [
        'a PMS that does not exist',
        { 'a.yaml': GOOD.replace('BEST_PRACTICE: |', 'MEDICAL_DIRECTOR: |') },
        'named query <dir>/a.yaml:13: unknown PMS "MEDICAL_DIRECTOR" (allowed: BEST_PRACTICE, ZEDMED, D4W)',
      ],
      [
        'SQL the read-only guard refuses',
        {
          'a.yaml': GOOD.replace(
            'FROM RECALLS WHERE DueDate BETWEEN @from AND @to ORDER BY DueDate',
            'FROM RECALLS WHERE DueDate BETWEEN @from AND @to; DELETE FROM RECALLS',
          ),
        },
        'named query <dir>/a.yaml:13: the BEST_PRACTICE statement is refused by the read-only SQL guard: READER and SCALAR accept exactly one statement.',
      ],
      [
        'an @argument used but not declared',
        { 'a.yaml': GOOD.replace('BETWEEN @from AND @to', 'BETWEEN @from AND @until') },
        'named query <dir>/a.yaml:15: the BEST_PRACTICE statement uses @until, which is not a declared argument',
      ],
      [
        'an argument declared but not used',
        { 'a.yaml': GOOD.replace('SELECT TOP (@limit) ', 'SELECT TOP 100 ') },
        'named query <dir>/a.yaml:7: argument limit is declared but the BEST_PRACTICE statement does not use @limit',
      ],
      [
        'an argument name that is not lowerCamelCase',
        {
          'a.yaml': GOOD.replace(
            '  limit: { type: Int, default: 100 }',
            '  limit: { type: Int }\n  Max_Rows: { type: Int }',
          ),
        },
        'named query <dir>/a.yaml:8: argument name "Max_Rows" must be lowerCamelCase (letters and digits), at most 64 characters',
      ],
      [
        'two arguments that are one SQL parameter',
        {
          'a.yaml': GOOD.replace(
            '  limit: { type: Int, default: 100 }',
            '  limit: { type: Int }\n  lImit: { type: Int }',
          ),
        },
        'named query <dir>/a.yaml:8: arguments limit and lImit are the same SQL parameter (@names ignore case)',
      ],
      [
        'a name used twice',
        { 'a.yaml': GOOD, 'b.yaml': GOOD.replace('type: RecallDue', 'type: OtherRecall') },
        'named query <dir>/b.yaml:1: duplicate name recallsDue (also in <dir>/a.yaml:1)',
      ],
      [
        'the name of a built-in entry',
        { 'a.yaml': GOOD.replace('name: recallsDue', 'name: appointments') },
        `named query <dir>/a.yaml:1: duplicate name appointments (also in ${join(BUILT_IN_DIR, 'appointments.yaml')}:5)`,
      ],
      [
        'a row type reused with different columns',
        {
          'a.yaml': GOOD,
          'b.yaml': GOOD.replace('name: recallsDue', 'name: recallsOverdue').replace(
            '  reason: { type: String }\n',
            '',
          ),
        },
        'named query <dir>/b.yaml:3: type RecallDue is also declared by <dir>/a.yaml:3 with different columns (entries may share a type only with the same column names and types)',
      ],
      [
        'a row type reused with a column of another type',
        { 'a.yaml': GOOD.replace('name: recallsDue', 'name: dayBook').replace('type: RecallDue', 'type: Appointment') },
        `named query <dir>/a.yaml:3: type Appointment is also declared by ${join(BUILT_IN_DIR, 'appointments.yaml')}:9 with different columns (entries may share a type only with the same column names and types)`,
      ],
      [
        'a field Site already has',
        { 'a.yaml': GOOD.replace('name: recallsDue', 'name: practiceName') },
        'named query <dir>/a.yaml:1: name practiceName is already a field of Site',
      ],
      [
        'a type the schema already has',
        { 'a.yaml': GOOD.replace('type: RecallDue', 'type: Patient') },
        'named query <dir>/a.yaml:3: type Patient is already a type of the schema',
      ],
      [
        'a type named like a scalar',
        { 'a.yaml': GOOD.replace('type: RecallDue', 'type: LocalTime') },
        'named query <dir>/a.yaml:3: type LocalTime is already a type of the schema',
      ],
    ];
    it.each(cases)('%s', (_case, files, message) => {
      expect(refusal(files).message).toBe(message);
    });

    it('a NAMED_QUERIES_DIR that is not a directory', () => {
      const dir = operatorDir({ 'a.yaml': GOOD });
      expect(() => loadCatalogue({ operatorDir: join(dir, 'a.yaml') })).toThrow(
        new CatalogueError(join(dir, 'a.yaml'), undefined, 'NAMED_QUERIES_DIR is not a readable directory'),
      );
      const nested = join(dir, 'nested');
      mkdirSync(nested);
      expect(loadCatalogue({ operatorDir: nested }).entries.every((e) => e.source.builtIn)).toBe(true);
    });
  });

  it('should load the built-ins once per process for the schema (loadNamedQueries)', () => {
    expect(loadNamedQueries(schema)).toBe(loadNamedQueries(schema));
    expect(loadNamedQueries(schema).entries.map((e) => e.name)).toContain('appointments');
  });

  it("should start from the build's snapshot of the built-ins while their files and the schema's names are those it was made from", () => {
    const dir = mkdtempSync(join(tmpdir(), 'halo-builtins-'));
    dirs.push(dir);
    cpSync(BUILT_IN_DIR, dir, { recursive: true });
    const reserved = reservedNames(schema);
    const fresh = loadCatalogue({ builtInDir: dir, reserved }).entries;
    writeCatalogueSnapshot(dir, reserved);
    expect(loadCatalogue({ builtInDir: dir, reserved }).entries).toEqual(fresh);
    // It is the snapshot that answers: what it says wins while it is current…
    const path = join(dir, 'catalogue.json');
    const snapshot = JSON.parse(readFileSync(path, 'utf8')) as { entries: Array<{ description: string }> };
    snapshot.entries[0]!.description = 'From the snapshot.';
    writeFileSync(path, JSON.stringify(snapshot));
    expect(loadCatalogue({ builtInDir: dir, reserved }).entries[0]!.description).toBe('From the snapshot.');
    // …and it is ignored once a file (or the schema's names) changed: everything is read and checked again.
    expect(loadCatalogue({ builtInDir: dir }).entries[0]!.description).toBe(fresh[0]!.description);
    const providers = join(dir, 'providers.yaml');
    writeFileSync(
      providers,
      readFileSync(providers, 'utf8').replace('FROM BPS_Users', 'FROM BPS_Users; DELETE FROM BPS_Users'),
    );
    expect(() => loadCatalogue({ builtInDir: dir, reserved })).toThrow(
      /providers\.yaml:\d+: the BEST_PRACTICE statement is refused by the read-only SQL guard/,
    );
  });

  it('should be read by readAppConfig from NAMED_QUERIES_DIR, and stop it on a bad file', () => {
    const good = operatorDir({ 'recallsDue.yaml': GOOD });
    expect(readAppConfig({ NAMED_QUERIES_DIR: good }).namedQueries.entries.at(-1)?.name).toBe('recallsDue');
    expect(readAppConfig({}).namedQueries).toBe(loadNamedQueries(schema));
    const bad = operatorDir({ 'recallsDue.yaml': GOOD.replace('type: RecallDue', 'type: Patient') });
    expect(() => readAppConfig({ NAMED_QUERIES_DIR: bad })).toThrow(
      new CatalogueError(join(bad, 'recallsDue.yaml'), 3, 'type Patient is already a type of the schema'),
    );
  });
});
