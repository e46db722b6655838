import { builder } from './builder.js';
import { ASYNC_QUERY_STATUSES } from '../datasources/query-status.js';

/** The GraphQL name of a Halo wire value: camelCase → SCREAMING_CASE (`executionFailed` → `EXECUTION_FAILED`). */
export const enumName = (wireValue: string): string =>
  wireValue
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/\s+/g, '_')
    .toUpperCase();

/** Halo's camelCase wire values → GraphQL's SCREAMING_CASE names, with the wire value as the internal value. */
function wireEnum<const T extends string>(name: string, wireValues: readonly T[], description?: string) {
  const values = Object.fromEntries(wireValues.map((v) => [enumName(v), { value: v }])) as Record<string, { value: T }>;
  return builder.enumType(name, { values, ...(description ? { description } : {}) });
}

export const PracticeManagementSystem = builder.enumType('PracticeManagementSystem', {
  values: {
    BEST_PRACTICE: { value: 'BestPractice' },
    ZEDMED: { value: 'Zedmed' },
    D4W: { value: 'D4w' },
  } as const,
});

export const SiteAvailability = wireEnum('SiteAvailability', ['online', 'offline', 'unreachable'] as const);
export const SiteStatus = wireEnum('SiteStatus', ['initialising', 'active', 'removed', 'uninstalled'] as const);
export const QueryMode = wireEnum('QueryMode', ['immediate', 'async'] as const);
export const QueryStatus = wireEnum('QueryStatus', ASYNC_QUERY_STATUSES);
export const ResultPageStatus = wireEnum('ResultPageStatus', ['queued', 'uploading', 'cached'] as const);
export const RegisteredQueryStatus = wireEnum('RegisteredQueryStatus', [
  'initialisationFailedCacheError',
  'enabled',
  'cancelled',
  'completed',
] as const);
export const ExecutionMode = wireEnum('ExecutionMode', ['reader', 'nonQuery', 'scalar'] as const);
export const CommandType = wireEnum('CommandType', ['text', 'storedProcedure'] as const);
export const ParameterDirection = wireEnum('ParameterDirection', [
  'input',
  'output',
  'inputOutput',
  'returnValue',
] as const);
export const QueryErrorType = builder.enumType('QueryErrorType', {
  values: {
    MSSQL: { value: 'mssql' },
    FBSQL: { value: 'fbsql' },
    HTTP: { value: 'http' },
    HALO_LINK: { value: 'haloLink' },
  } as const,
});
export const QueryPhase = wireEnum('QueryPhase', [
  'initialising',
  'queued',
  'executing',
  'downloading',
  'uploading',
] as const);

/** The SqlDbType names Halo accepts for command parameters (names as .NET spells them). */
export const SQL_DB_TYPES = [
  'BigInt',
  'Binary',
  'Bit',
  'Char',
  'String',
  'Date',
  'DateTime',
  'DateTime2',
  'DateTimeOffset',
  'Decimal',
  'Float',
  'Image',
  'Int',
  'Money',
  'NChar',
  'NText',
  'NVarChar',
  'Real',
  'SmallDateTime',
  'SmallInt',
  'SmallMoney',
  'Structured',
  'Text',
  'Time',
  'Timestamp',
  'TinyInt',
  'Udt',
  'UniqueIdentifier',
  'VarBinary',
  'VarChar',
  'Variant',
  'Xml',
] as const;
export const SqlDbType = builder.enumType('SqlDbType', {
  values: Object.fromEntries(SQL_DB_TYPES.map((t) => [t, { value: t }])) as Record<
    (typeof SQL_DB_TYPES)[number],
    { value: (typeof SQL_DB_TYPES)[number] }
  >,
});
