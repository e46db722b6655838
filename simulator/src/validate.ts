import { badRequest } from './errors.js';
import type { CommandParameter, SqlCommand } from './sql/types.js';
import { isRecord } from '../../src/lib/records.js';
import { SQL_DB_TYPES } from '../../src/lib/sql-values.js';

/** Request validation in Halo's words. Messages never echo the values that were sent. */

const EXECUTION_MODES = new Set(['reader', 'nonQuery', 'scalar']);
const COMMAND_TYPES = new Set(['text', 'storedProcedure']);
const DIRECTIONS = new Set(['input', 'output', 'inputOutput', 'returnValue']);
const SQL_DB_TYPE_NAMES: ReadonlySet<string> = new Set(SQL_DB_TYPES);

export function requireObjectBody(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) throw badRequest('The request body must be a JSON object.');
  return body;
}

function parseParameter(p: unknown, i: number): CommandParameter {
  if (!isRecord(p)) throw badRequest(`command.parameters[${i}] must be an object.`);
  const out: CommandParameter = {};
  if (p.name !== undefined) {
    if (typeof p.name !== 'string') throw badRequest(`command.parameters[${i}].name must be a string.`);
    out.name = p.name;
  }
  if (p.direction !== undefined) {
    if (typeof p.direction !== 'string' || !DIRECTIONS.has(p.direction))
      throw badRequest(`command.parameters[${i}].direction is not a valid direction.`);
    out.direction = p.direction as CommandParameter['direction'] & string;
  }
  if (p.type !== undefined) {
    if (typeof p.type !== 'string' || !SQL_DB_TYPE_NAMES.has(p.type))
      throw badRequest(`command.parameters[${i}].type is not a valid SqlDbType.`);
    out.type = p.type;
  }
  if (p.value !== undefined) {
    if (p.value !== null && typeof p.value !== 'string')
      throw badRequest(`command.parameters[${i}].value must be a string or null.`);
    out.value = p.value;
  }
  if (p.size !== undefined) {
    if (typeof p.size !== 'number' || !Number.isInteger(p.size) || p.size < 0)
      throw badRequest(`command.parameters[${i}].size must be a non-negative integer.`);
    out.size = p.size;
  }
  if ((out.direction ?? 'input') !== 'returnValue' && !out.name)
    throw badRequest(`command.parameters[${i}].name is required.`);
  return out;
}

export function parseCommand(v: unknown, path = 'command'): SqlCommand {
  if (!isRecord(v)) throw badRequest(`${path} is required and must be an object.`);
  if (typeof v.text !== 'string' || v.text.trim() === '') throw badRequest(`${path}.text is required.`);
  const command: SqlCommand = { text: v.text };
  if (v.executionMode !== undefined) {
    if (typeof v.executionMode !== 'string' || !EXECUTION_MODES.has(v.executionMode))
      throw badRequest(`${path}.executionMode must be reader, nonQuery or scalar.`);
    command.executionMode = v.executionMode as SqlCommand['executionMode'] & string;
  }
  if (v.type !== undefined) {
    if (typeof v.type !== 'string' || !COMMAND_TYPES.has(v.type))
      throw badRequest(`${path}.type must be text or storedProcedure.`);
    command.type = v.type as SqlCommand['type'] & string;
  }
  if (v.parameters !== undefined && v.parameters !== null) {
    if (!Array.isArray(v.parameters)) throw badRequest(`${path}.parameters must be an array.`);
    if (v.parameters.length > 2100)
      throw badRequest('Too many parameters were provided in this RPC request. The maximum is 2100.');
    command.parameters = v.parameters.map(parseParameter);
  }
  return command;
}

/** An integer in [min, max], or the default when absent. */
export function optionalInt(v: unknown, name: string, min: number, max: number, dflt: number): number {
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw badRequest(`${name} must be an integer between ${min} and ${max}.`);
  }
  return v;
}
