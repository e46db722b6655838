/**
 * Best Practice's `BP_*` stored procedures, written in TypeScript against the simulator's
 * BPSPatients schema (src/simulator/db/SCHEMAS.md). Arguments are bound the way SQL Server binds
 * procedure parameters: by name (case-insensitive) or by position, converted to the procedure's
 * declared type (error 8114), with 201 for a missing one, 8145 for an unknown name and 8144 for
 * too many. Procedures exist only on a Best Practice database (2812 elsewhere).
 */
import type Database from 'better-sqlite3';
import { fail } from './errors.js';
import { formatCanonical, parseDateTimeText } from './functions.js';
import { splitObjectName } from '../../../src/lib/tsql-lexer.js';
import { prepareCached } from './statement-cache.js';
import type { Row, SqlValue } from './types.js';

type ParamType = 'int' | 'varchar' | 'date' | 'datetime';

interface ParamSpec {
  /** As declared, with the `@`. */
  name: string;
  type: ParamType;
  /** Value when not supplied; absent = required. */
  default?: SqlValue;
}

/** One argument as the caller passed it. `value` is the caller's value (already converted from the command's SqlDbType). */
export interface ProcedureArgument {
  /** `@name`, or undefined when passed by position. */
  name: string | undefined;
  value: SqlValue | bigint | Buffer;
  /** Passed with DEFAULT: use the declared default. */
  useDefault?: boolean;
}

export interface ProcedureContext {
  db: Database.Database;
  /** The simulated local time, `YYYY-MM-DDTHH:mm:ss`. */
  now: () => string;
}

export interface ProcedureOutcome {
  /** Result-set columns in order (empty when the procedure returns no rows). */
  columns: string[];
  rows: Row[];
  /** The RETURN value (0 unless the procedure returns something else). */
  returnValue: number;
  /** Rows its INSERT/UPDATE/DELETE statements touched. */
  rowsAffected: number;
}

interface ProcedureDefinition {
  name: string;
  params: readonly ParamSpec[];
  run(args: ReadonlyMap<string, SqlValue>, ctx: ProcedureContext): ProcedureOutcome;
}

const required = (name: string, type: ParamType): ParamSpec => ({ name, type });
const optional = (name: string, type: ParamType, value: SqlValue = null): ParamSpec => ({ name, type, default: value });

function query(ctx: ProcedureContext, sql: string, ...values: SqlValue[]): Pick<ProcedureOutcome, 'columns' | 'rows'> {
  const stmt = prepareCached(ctx.db, sql).raw(false);
  return { columns: stmt.columns().map((c) => c.name), rows: stmt.all(...values) as Row[] };
}

const rowsOnly = (r: Pick<ProcedureOutcome, 'columns' | 'rows'>): ProcedureOutcome => ({
  ...r,
  returnValue: 0,
  rowsAffected: 0,
});

const int = (args: ReadonlyMap<string, SqlValue>, name: string): number | null => {
  const v = args.get(name);
  return typeof v === 'number' ? v : null;
};

/** Seconds since midnight of a `YYYY-MM-DDTHH:mm:ss` value. */
function secondsOfDay(text: string): number {
  return Number(text.slice(11, 13)) * 3600 + Number(text.slice(14, 16)) * 60 + Number(text.slice(17, 19));
}

function addAppointment(args: ReadonlyMap<string, SqlValue>, ctx: ProcedureContext): ProcedureOutcome {
  const patient = prepareCached(ctx.db, 'SELECT 1 FROM PATIENTS WHERE INTERNALID = ? AND RECORDSTATUS = 1').get(
    int(args, '@patientid'),
  );
  const practitioner = prepareCached(ctx.db, 'SELECT 1 FROM USERS WHERE UserID = ? AND RecordStatus = 1').get(
    int(args, '@practitionerid'),
  );
  if (!patient || !practitioner) fail({ kind: 'foreignKey', verb: 'INSERT' });
  const info = prepareCached(
    ctx.db,
    `INSERT INTO APPOINTMENTS (AppointmentDate, AppointmentTime, AppointmentLength, UserID, InternalID, LocationID,
       CreatedBy, AppointmentType, COMMENT, Created)
     VALUES (?, ?, ?, ?, ?, coalesce(?, 1), ?, coalesce(?, 1), ?, ?)`,
  ).run(
    args.get('@aptdate') ?? null,
    int(args, '@apttime'),
    int(args, '@aptlen'),
    int(args, '@practitionerid'),
    int(args, '@patientid'),
    int(args, '@locationid'),
    int(args, '@loginid'),
    int(args, '@appointmenttype'),
    args.get('@reason') ?? null,
    ctx.now(),
  );
  return { columns: [], rows: [], returnValue: Number(info.lastInsertRowid), rowsAffected: info.changes };
}

const addAppointmentParams: readonly ParamSpec[] = [
  required('@aptdate', 'date'),
  required('@apttime', 'int'),
  required('@aptlen', 'int'),
  required('@practitionerid', 'int'),
  required('@patientid', 'int'),
  required('@locationid', 'int'),
  optional('@loginid', 'int'),
];

const PROCEDURES: readonly ProcedureDefinition[] = [
  {
    name: 'BP_GetPatientByNameDOB',
    params: [required('@firstname', 'varchar'), required('@surname', 'varchar'), required('@dob', 'date')],
    // Names compare case-insensitively, as under Bp's default (CI) collation.
    run: (a, ctx) =>
      rowsOnly(
        query(
          ctx,
          'SELECT * FROM BPS_Patients WHERE Firstname = ? COLLATE NOCASE AND Surname = ? COLLATE NOCASE AND DOB = ? ORDER BY InternalID',
          a.get('@firstname') ?? null,
          a.get('@surname') ?? null,
          a.get('@dob') ?? null,
        ),
      ),
  },
  {
    name: 'BP_GetPatientByInternalID',
    params: [required('@patientid', 'int')],
    run: (a, ctx) => rowsOnly(query(ctx, 'SELECT * FROM BPS_Patients WHERE InternalID = ?', int(a, '@patientid'))),
  },
  {
    name: 'BP_GetAllUsers',
    params: [],
    run: (_a, ctx) => rowsOnly(query(ctx, 'SELECT * FROM BPS_Users ORDER BY UserID')),
  },
  {
    name: 'BP_GetAppointmentBookUsers',
    params: [],
    run: (_a, ctx) =>
      rowsOnly(
        query(
          ctx,
          'SELECT v.* FROM BPS_Users v JOIN USERS u ON u.UserID = v.UserID WHERE u.IsProvider = 1 ORDER BY v.UserID',
        ),
      ),
  },
  {
    name: 'BP_GetPatientAppointments',
    params: [required('@patientid', 'int')],
    // Invented columns: the real procedure's result set is not public.
    run: (a, ctx) =>
      rowsOnly(
        query(
          ctx,
          `SELECT a.RecordID AS AppointmentID, a.InternalID AS InternalID, a.AppointmentDate AS AppointmentDate,
             a.AppointmentTime AS AppointmentTime, a.AppointmentLength AS AppointmentLength, a.UserID AS PractitionerID,
             a.LocationID AS LocationID, aty.Description AS AppointmentType, ac.Description AS Status
           FROM APPOINTMENTS a
           LEFT JOIN AppointmentTypes aty ON aty.AppointmentCode = a.AppointmentType
           LEFT JOIN AppointmentCodes ac ON ac.AppointmentCode = a.AppointmentCode
           WHERE a.InternalID = ? AND a.RecordStatus = 1
           ORDER BY a.AppointmentDate, a.AppointmentTime`,
          int(a, '@patientid'),
        ),
      ),
  },
  { name: 'BP_AddAppointment', params: addAppointmentParams, run: addAppointment },
  {
    name: 'BP_AddAppointmentEx',
    params: [
      ...addAppointmentParams,
      optional('@appointmenttype', 'int'),
      optional('@reason', 'varchar'),
      optional('@videourl', 'varchar'),
    ],
    run: addAppointment,
  },
  {
    name: 'BP_CancelAppointment',
    params: [required('@aptid', 'int')],
    run: (a, ctx) => {
      const info = prepareCached(
        ctx.db,
        'UPDATE APPOINTMENTS SET RecordStatus = 0 WHERE RecordID = ? AND RecordStatus = 1',
      ).run(int(a, '@aptid'));
      return { columns: [], rows: [], returnValue: 0, rowsAffected: info.changes };
    },
  },
  {
    name: 'BP_ArriveAppointment',
    params: [required('@aptid', 'int')],
    run: (a, ctx) => {
      const info = prepareCached(
        ctx.db,
        'UPDATE APPOINTMENTS SET AppointmentCode = 2, ArrivalTime = ? WHERE RecordID = ? AND RecordStatus = 1',
      ).run(secondsOfDay(ctx.now()), int(a, '@aptid'));
      return { columns: [], rows: [], returnValue: 0, rowsAffected: info.changes };
    },
  },
];

const BY_NAME = new Map(PROCEDURES.map((p) => [p.name.toLowerCase(), p]));

const bestPractice = new WeakMap<Database.Database, boolean>();

/** True when `db` has the Best Practice schema the procedures run against (cached per database). */
export function isBestPracticeDatabase(db: Database.Database): boolean {
  let known = bestPractice.get(db);
  if (known === undefined) {
    const found = db
      .prepare(
        "SELECT count(*) AS n FROM sqlite_master WHERE (type = 'table' AND name IN ('PATIENTS', 'APPOINTMENTS', 'USERS')) OR (type = 'view' AND name = 'BPS_Patients')",
      )
      .get() as { n: number };
    known = found.n === 4;
    bestPractice.set(db, known);
  }
  return known;
}

/** The names of the procedures the simulator implements. */
export const PROCEDURE_NAMES: readonly string[] = PROCEDURES.map((p) => p.name);

function convertArgument(value: SqlValue | bigint | Buffer, type: ParamType): SqlValue {
  if (value === null) return null;
  if (Buffer.isBuffer(value)) return fail({ kind: 'typeConversion', from: 'varbinary', to: type });
  switch (type) {
    case 'int': {
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      if (typeof value === 'bigint') return fail({ kind: 'arithmeticOverflow', to: 'int' });
      const s = String(value).trim();
      if (!/^[+-]?\d+$/.test(s)) return fail({ kind: 'typeConversion', from: 'nvarchar', to: 'int' });
      const n = Number(s);
      if (n < -2_147_483_648 || n > 2_147_483_647) return fail({ kind: 'arithmeticOverflow', to: 'int' });
      return n;
    }
    case 'varchar':
      return String(value);
    case 'date':
    case 'datetime': {
      const parts = typeof value === 'string' ? parseDateTimeText(value) : undefined;
      if (!parts) return fail({ kind: 'typeConversion', from: 'nvarchar', to: type });
      return formatCanonical(type === 'date' ? { ...parts, hour: 0, minute: 0, second: 0, millisecond: 0 } : parts);
    }
  }
}

/**
 * Runs a procedure by name (`BP_X`, `dbo.BP_X`, `[dbo].[BP_X]`, `BPSPatients.dbo.BP_X`; any case).
 * Throws `TsqlError` 2812 for an unknown procedure (or a database that is not Best Practice), and
 * the argument errors described in the module comment.
 */
export function runProcedure(
  name: string,
  args: readonly ProcedureArgument[],
  ctx: ProcedureContext,
): ProcedureOutcome {
  const parts = splitObjectName(name.trim());
  const last = parts?.[parts.length - 1];
  const schema = parts && parts.length > 1 ? parts[parts.length - 2] : undefined;
  const definition =
    last !== undefined && (schema === undefined || schema === '' || schema.toLowerCase() === 'dbo')
      ? BY_NAME.get(last.toLowerCase())
      : undefined;
  if (!definition || !isBestPracticeDatabase(ctx.db)) return fail({ kind: 'noProcedure', name: name.trim() });

  const bound = new Map<string, SqlValue>();
  let position = 0;
  for (const arg of args) {
    let spec: ParamSpec | undefined;
    if (arg.name === undefined) {
      spec = definition.params[position++];
      if (!spec) return fail({ kind: 'tooManyArguments', procedure: definition.name });
    } else {
      const key = `@${arg.name.replace(/^@/, '')}`.toLowerCase();
      spec = definition.params.find((p) => p.name.toLowerCase() === key);
      if (!spec)
        return fail({
          kind: 'notAParameter',
          name: arg.name.startsWith('@') ? arg.name : `@${arg.name}`,
          procedure: definition.name,
        });
    }
    if (arg.useDefault) continue;
    bound.set(spec.name, convertArgument(arg.value, spec.type));
  }
  for (const spec of definition.params) {
    if (bound.has(spec.name)) continue;
    if (!('default' in spec)) return fail({ kind: 'missingParameter', name: spec.name, procedure: definition.name });
    bound.set(spec.name, spec.default ?? null);
  }
  return definition.run(bound, ctx);
}
