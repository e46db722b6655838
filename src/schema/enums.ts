import { builder } from './builder.js';
import { type ASYNC_QUERY_STATUSES } from '../datasources/query-status.js';
import { SQL_DB_TYPES } from '../lib/sql-values.js';

/** The GraphQL name of a Halo wire value: camelCase → SCREAMING_CASE (`executionFailed` → `EXECUTION_FAILED`). */
export const enumName = (wireValue: string): string =>
  wireValue
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/\s+/g, '_')
    .toUpperCase();

/**
 * Halo's camelCase wire values → GraphQL's SCREAMING_CASE names, with the wire value as the
 * internal value, each value described.
 */
function wireEnum<const T extends string>(name: string, description: string, values: Readonly<Record<T, string>>) {
  const wireValues = Object.keys(values) as T[];
  return builder.enumType(name, {
    description,
    values: Object.fromEntries(wireValues.map((v) => [enumName(v), { value: v, description: values[v] }])) as Record<
      string,
      { value: T; description: string }
    >,
  });
}

export const PracticeManagementSystem = builder.enumType('PracticeManagementSystem', {
  description: 'A practice management system Halo Link connects to.',
  values: {
    BEST_PRACTICE: {
      value: 'BestPractice',
      description: 'Best Practice (Bp Premier), general practice: SQL Server; FHIR R4 through Halo.',
    },
    ZEDMED: { value: 'Zedmed', description: 'Zedmed, general practice: Firebird SQL (errors are FBSQL).' },
    D4W: { value: 'D4w', description: 'Dental4Windows (D4w), dental: SQL Server.' },
  } as const,
});

export const SiteAvailability = wireEnum('SiteAvailability', "Whether Halo can reach the practice's server now.", {
  online: 'Halo Link is connected: queries run.',
  offline: 'The practice closed its session with Halo: queries fail with SITE_UNAVAILABLE.',
  unreachable: 'Halo Link has been silent (for 2 minutes or more): queries fail with SITE_UNAVAILABLE.',
});
export const SiteStatus = wireEnum('SiteStatus', "The site's state in Halo's lifecycle.", {
  initialising: 'Halo Link is installed and the site is being set up.',
  active: 'In use.',
  removed: 'Removed from Halo.',
  uninstalled: 'Halo Link was uninstalled from the practice server.',
});
export const QueryMode = wireEnum('QueryMode', 'How a SQL query was submitted.', {
  immediate: 'runImmediateQuery: Halo waits for the result (up to 60 s of execution, 8 MB of result).',
  async: 'submitAsyncQuery: queued, executed and uploaded in pages; read later.',
});
export const QueryStatus = wireEnum(
  'QueryStatus',
  "Where a query is in Halo's lifecycle (the last six are terminal).",
  {
    initialising: 'Halo is preparing the query.',
    queued: 'Waiting on the practice server for its turn (at most maxTimeInQueueMs).',
    executing: 'Running on the practice database.',
    uploading: 'Executed; result pages are being uploaded (pages shows their progress).',
    successful: 'Done: the rows (or rowsAffected) can be read. Terminal.',
    executionFailed: 'The practice database refused or failed the SQL: see error. Terminal.',
    expiredInQueue: 'Waited longer than maxTimeInQueueMs and was not run. Terminal.',
    uploadFailed: 'Executed, but its result could not be uploaded: see error. Terminal.',
    initialisationFailedCacheError: 'Halo could not set the query up (cache error); it was not run. Terminal.',
    initialisationFailedSiteOffline: 'The practice was offline; the query was not run. Terminal.',
    initialisationFailedSiteUnreachable: 'The practice server could not be reached; the query was not run. Terminal.',
  } satisfies Record<(typeof ASYNC_QUERY_STATUSES)[number], string>,
);
export const ResultPageStatus = wireEnum(
  'ResultPageStatus',
  "Upload progress of one page of an async query's result.",
  {
    queued: 'Not uploaded yet.',
    uploading: 'Being uploaded.',
    cached: 'Uploaded: its rows can be read (until the result expires).',
  },
);
export const RegisteredQueryStatus = wireEnum('RegisteredQueryStatus', "A registered query's state.", {
  initialisationFailedCacheError: 'Halo could not set it up (cache error); it never runs.',
  enabled: 'Runs every frequencySeconds until durationSeconds have passed.',
  cancelled: 'Cancelled with cancelRegisteredQuery; its latest result stays readable.',
  completed: 'Its duration is over; its latest result stays readable.',
});
export const ExecutionMode = wireEnum('ExecutionMode', 'What the command returns.', {
  reader: 'Rows (a SELECT). Must pass the read-only SQL guard.',
  nonQuery: 'The number of rows affected (INSERT, UPDATE, DELETE): needs the writes permission.',
  scalar: 'The first column of the first row, as one row. Must pass the read-only SQL guard.',
});
export const CommandType = wireEnum('CommandType', 'What the command text is.', {
  text: 'T-SQL text.',
  storedProcedure: 'The name of a stored procedure, its arguments in parameters: needs the writes permission.',
});
export const ParameterDirection = wireEnum(
  'ParameterDirection',
  'Which way a command parameter passes a value (as in ADO.NET).',
  {
    input: 'Sent to the command.',
    output: 'Set by the command; read it in outputParameters.',
    inputOutput: 'Sent, and read back after the command.',
    returnValue: "A stored procedure's return value.",
  },
);
export const QueryErrorType = builder.enumType('QueryErrorType', {
  description: "Who reported a query's failure.",
  values: {
    MSSQL: { value: 'mssql', description: 'SQL Server (Best Practice, D4w): code is the SQL Server error number.' },
    FBSQL: { value: 'fbsql', description: 'Firebird (Zedmed): code is the Firebird error code.' },
    HTTP: { value: 'http', description: 'Halo, over HTTP: code is an HTTP status (e.g. 413 for a result too large).' },
    HALO_LINK: { value: 'haloLink', description: 'Halo Link on the practice server (queue expiry, upload failure…).' },
  } as const,
});
export const QueryPhase = wireEnum('QueryPhase', "A phase of a query's lifecycle, as Halo's statusTiming records it.", {
  initialising: 'Halo prepared the query.',
  queued: 'The query waited on the practice server.',
  executing: 'The query ran on the practice database.',
  downloading: 'Immediate queries only: Halo Link read the result from the database.',
  uploading: 'The result was uploaded to Halo.',
});

/** What each SqlDbType is, as SQL Server (and .NET's SqlDbType) define it. */
const SQL_DB_TYPE_DESCRIPTIONS: Readonly<Record<(typeof SQL_DB_TYPES)[number], string>> = {
  BigInt: '64-bit signed integer (bigint).',
  Binary: 'Fixed-length binary data, up to 8,000 bytes (binary).',
  Bit: '0 or 1 (bit).',
  Char: 'Fixed-length non-Unicode text, up to 8,000 characters (char).',
  String: '.NET string: sent as nvarchar.',
  Date: 'A date, YYYY-MM-DD (date).',
  DateTime: 'Date and time, 1753-01-01 to 9999-12-31, to 3.33 ms (datetime).',
  DateTime2: 'Date and time, years 1 to 9999, to 100 ns (datetime2).',
  DateTimeOffset: 'Date and time with a UTC offset (datetimeoffset).',
  Decimal: 'Fixed precision and scale number (decimal).',
  Float: '64-bit floating point (float).',
  Image: 'Variable-length binary data, up to 2 GB (image, deprecated by SQL Server).',
  Int: '32-bit signed integer (int).',
  Money: 'Currency, to four decimal places (money).',
  NChar: 'Fixed-length Unicode text, up to 4,000 characters (nchar).',
  NText: 'Unicode text up to 1 GB (ntext, deprecated by SQL Server).',
  NVarChar: 'Variable-length Unicode text, up to 4,000 characters or max (nvarchar).',
  Real: '32-bit floating point (real).',
  SmallDateTime: 'Date and time to the minute, 1900-01-01 to 2079-06-06 (smalldatetime).',
  SmallInt: '16-bit signed integer (smallint).',
  SmallMoney: 'Currency, ±214,748.3647 (smallmoney).',
  Structured: 'A table-valued parameter.',
  Text: 'Non-Unicode text up to 2 GB (text, deprecated by SQL Server).',
  Time: 'Time of day, to 100 ns (time).',
  Timestamp: 'Row version number (rowversion / timestamp), not a date.',
  TinyInt: '8-bit unsigned integer, 0 to 255 (tinyint).',
  Udt: 'A user-defined type.',
  UniqueIdentifier: 'A GUID (uniqueidentifier).',
  VarBinary: 'Variable-length binary data, up to 8,000 bytes or max (varbinary).',
  VarChar: 'Variable-length non-Unicode text, up to 8,000 characters or max (varchar).',
  Variant: 'Any SQL Server type (sql_variant).',
  Xml: 'XML data (xml).',
};

export const SqlDbType = builder.enumType('SqlDbType', {
  description: "A command parameter's SQL Server type, as .NET's SqlDbType names it (Halo's parameter type).",
  values: Object.fromEntries(
    SQL_DB_TYPES.map((t) => [t, { value: t, description: SQL_DB_TYPE_DESCRIPTIONS[t] }]),
  ) as Record<(typeof SQL_DB_TYPES)[number], { value: (typeof SQL_DB_TYPES)[number]; description: string }>,
});
