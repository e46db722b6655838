import { builder, type SchemaTypes } from '../builder.js';
import { badUserInput } from '../../errors/api-errors.js';
import { CommandType, ExecutionMode, ParameterDirection, SqlDbType } from '../enums.js';
import type { CommandParameter } from '../../datasources/types.js';
import { expectedParameterForm } from '../../lib/sql-values.js';

/** Output values arrive base64-encoded (spec format "base64 (output)"); input values are plain. */
function decodeOutputValue(p: CommandParameter): string | null {
  if (p.value === null || p.value === undefined) return null;
  if (p.direction === 'input' || !/^[A-Za-z0-9+/]*={0,2}$/.test(p.value) || p.value.length % 4 !== 0) return p.value;
  return Buffer.from(p.value, 'base64').toString('utf8');
}

export const SqlParameter = builder.objectRef<CommandParameter>('SqlParameter').implement({
  description:
    'A command parameter as Halo returned it (output, inputOutput and returnValue parameters after execution).',
  fields: (t) => ({
    name: t.string({
      description: 'The parameter name with its @ (none for a returnValue).',
      nullable: true,
      resolve: (p) => p.name ?? null,
    }),
    direction: t.field({
      description: 'Which way the parameter passes its value.',
      type: ParameterDirection,
      nullable: true,
      resolve: (p) => p.direction ?? null,
    }),
    type: t.field({
      description: 'Its SQL Server type.',
      type: SqlDbType,
      nullable: true,
      resolve: (p) => p.type ?? null,
    }),
    value: t.string({
      nullable: true,
      description: 'The value as text (decoded from base64).',
      resolve: decodeOutputValue,
    }),
    size: t.int({
      description: 'Maximum size, in bytes (for strings and binary values).',
      nullable: true,
      resolve: (p) => p.size ?? null,
    }),
  }),
});

export const SqlParameterInput = builder.inputType('SqlParameterInput', {
  description: 'One command parameter, bound by name (@name) in the SQL: values never become part of the SQL text.',
  fields: (t) => ({
    name: t.string({ description: 'The parameter name with its @, e.g. "@surname". Not needed for a returnValue.' }),
    direction: t.field({
      type: ParameterDirection,
      defaultValue: 'input',
      description: 'Which way it passes its value.',
    }),
    type: t.field({ type: SqlDbType, description: 'The SqlDbType, e.g. VarChar, Int, Date.' }),
    value: t.string({
      description:
        'Input value as text, in the form its type needs (checked before anything is sent): whole numbers for the integer types, true/false/1/0 for Bit, YYYY-MM-DD for Date, YYYY-MM-DDTHH:mm[:ss] for DateTime (no zone; DateTimeOffset may add Z or ±HH:mm), HH:mm[:ss] for Time, a GUID for UniqueIdentifier, base64 for Binary and VarBinary.',
    }),
    size: t.int({ description: 'Maximum size in bytes (for output strings).' }),
  }),
});

type ParameterInput = {
  name?: string | null;
  direction?: CommandParameter['direction'] | null;
  type?: CommandParameter['type'] | null;
  value?: string | null;
  size?: number | null;
};

/** GraphQL input → Halo's command parameter, refusing what Halo would refuse. */
export function toCommandParameters(
  inputs: readonly ParameterInput[] | null | undefined,
): CommandParameter[] | undefined {
  if (!inputs) return undefined;
  if (inputs.length > 2100) throw badUserInput('At most 2,100 parameters are allowed.');
  return inputs.map((p, i) => {
    const direction = p.direction ?? 'input';
    if (direction !== 'returnValue' && !p.name) throw badUserInput(`parameters[${i}].name is required.`);
    if (p.name && !/^@[A-Za-z_][A-Za-z0-9_@#$]*$/.test(p.name))
      throw badUserInput(`parameters[${i}].name must look like @name.`);
    if (p.size !== null && p.size !== undefined && p.size < 0)
      throw badUserInput(`parameters[${i}].size must not be negative.`);
    // A value that cannot convert to its type would fail at the practice, after a billed call.
    const expected =
      direction !== 'output' && direction !== 'returnValue' && typeof p.value === 'string' && p.type
        ? expectedParameterForm(p.type, p.value)
        : undefined;
    if (expected !== undefined) {
      const which = p.name ? `parameters[${i}] (${p.name})` : `parameters[${i}]`;
      throw badUserInput(`${which}: the value of a ${p.type} parameter must be ${expected}.`, {
        parameter: p.name ?? null,
        parameterIndex: i,
      });
    }
    const out: CommandParameter = { direction };
    if (p.name) out.name = p.name;
    if (p.type) out.type = p.type;
    if (p.value !== undefined) out.value = p.value;
    if (p.size !== null && p.size !== undefined) out.size = p.size;
    return out;
  });
}

type InputFieldBuilder = PothosSchemaTypes.InputFieldBuilder<
  PothosSchemaTypes.ExtendDefaultTypes<SchemaTypes>,
  'InputObject'
>;

/** The command every SQL input carries (RunQueryInput, CreateRegisteredQueryInput): its text, parameters, mode and type. */
export function commandInputFields(t: InputFieldBuilder) {
  return {
    sql: t.string({
      required: true,
      description:
        'T-SQL text (READER and SCALAR must only read), or the stored procedure name when commandType is STORED_PROCEDURE.',
    }),
    parameters: t.field({
      type: [SqlParameterInput],
      description: 'Command parameters, bound by name (@name): never splice values into sql.',
    }),
    executionMode: t.field({
      type: ExecutionMode,
      defaultValue: 'reader',
      description: 'READER (rows), NON_QUERY (writes; needs the writes permission) or SCALAR.',
    }),
    commandType: t.field({
      type: CommandType,
      defaultValue: 'text',
      description: 'TEXT, or STORED_PROCEDURE (needs the writes permission).',
    }),
  };
}
