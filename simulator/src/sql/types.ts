/**
 * The contract between the simulator's HTTP layer and its SQL engine. The HTTP layer hands a
 * Halo `command` to `executeCommand()` (./execute.ts) and turns the result or the
 * `SqlExecutionError` into Halo's wire shapes.
 */

export type ExecutionMode = 'reader' | 'nonQuery' | 'scalar';
export type CommandType = 'text' | 'storedProcedure';
export type ParameterDirection = 'input' | 'output' | 'inputOutput' | 'returnValue';

/** One `command.parameters[]` entry as Halo receives it (values are plain strings on input). */
export interface CommandParameter {
  name?: string;
  direction?: ParameterDirection;
  /** SqlDbType name: Int, VarChar, Date, DateTime, … */
  type?: string;
  value?: string | null;
  size?: number;
}

export interface SqlCommand {
  text: string;
  executionMode?: ExecutionMode;
  type?: CommandType;
  parameters?: CommandParameter[];
}

/** A result value as it appears in Halo's decoded JSON: datetimes are `YYYY-MM-DDTHH:mm:ss` strings. */
export type SqlValue = string | number | boolean | null;
export type Row = Record<string, SqlValue>;

export interface ExecutionResult {
  mode: ExecutionMode;
  /** Column names in select order, exactly as selected (aliases and casing kept). Empty for nonQuery. */
  columns: string[];
  /** reader: every row; scalar: one row holding the first column of the first row (none if no rows); nonQuery: []. */
  rows: Row[];
  /** nonQuery only. */
  rowsAffected?: number;
  /** output, inputOutput and returnValue parameters after execution, values as plain strings (not base64). */
  outputParameters: CommandParameter[];
}

/** The engine a site's Halo Link talks to: `mssql` for Best Practice and D4w, `fbsql` for Zedmed. */
export type ErrorType = 'mssql' | 'fbsql';

/**
 * The practice database rejected the command. `errorCode` is the native error number
 * (SQL Server: 208 invalid object, 207 invalid column, 102 syntax, 2812 no such procedure,
 * 241/245 conversion), `message` its wording. Never includes parameter values.
 */
export class SqlExecutionError extends Error {
  readonly errorType: ErrorType;
  readonly errorCode: number;
  constructor(errorType: ErrorType, errorCode: number, message: string) {
    super(message);
    this.name = 'SqlExecutionError';
    this.errorType = errorType;
    this.errorCode = errorCode;
  }
}
