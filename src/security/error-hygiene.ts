/**
 * GraphQL's own error messages quote the values a client sent: `Variable "$name" got invalid value
 * "Smith"; …`, `Expected value of type "Int", found "Smith".`, `Syntax Error: Unexpected String
 * "Smith".` A value sent here may be a patient's name, so every error leaving the server (parse,
 * validation, variable coercion, execution, over HTTP, SSE and WebSocket alike) has such quotations
 * cut out, keeping what the client needs to fix the request (the variable, the expected type).
 *
 * A value that is not one of an enum's values gets the allowed values instead, and the closest one
 * ("Did you mean …", from GraphQL's own suggestion), so `BEST_PRACTIC` or `varchar` is easy to fix:
 * only schema names are shown, never what was sent. With introspection off the schema is not
 * revealed, so neither are added.
 */
import {
  GraphQLError,
  isEnumType,
  Kind,
  print,
  type ExecutionResult,
  type GraphQLEnumType,
  type GraphQLSchema,
} from 'graphql';
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';

type Rewrite = (message: string, error: GraphQLError) => string | undefined;

const VALUE_TOKEN = /\b(String|BlockString|Name|Int|Float) "(?:[^"\\]|\\.)*"/g;

/** Each rule returns the safe message, or undefined when it does not apply. */
const RULES: readonly Rewrite[] = [
  (m, error) => {
    const v = /^Variable "(\$[_A-Za-z][_0-9A-Za-z]*)" got invalid value/.exec(m);
    if (!v) return undefined;
    const node = error.nodes?.[0];
    const type = node?.kind === Kind.VARIABLE_DEFINITION ? ` (expected ${print(node.type)})` : '';
    return `Variable "${v[1]}" got an invalid value${type}.`;
  },
  (m) => /^(Expected value of type "[^"]*"), found /.exec(m)?.[1]?.concat(', found an invalid value.'),
  (m) => /^(Expected type "[^"]*")\./.exec(m)?.[1]?.concat('.'),
  (m) =>
    /^((?:Int|Float|String|Boolean|ID|Enum "[^"]*"|[_A-Za-z][_0-9A-Za-z]*) cannot represent[^:]*):/
      .exec(m)?.[1]
      ?.concat('.'),
  (m) =>
    /^Value "(?:[^"\\]|\\.)*" does not exist in ("[^"]*" enum)/
      .exec(m)?.[1]
      ?.replace(/^/, 'The value given does not exist in ')
      .concat('.'),
  (m) => (/^Invalid value /.test(m) ? 'Invalid value.' : undefined),
  (m) => {
    if (!m.startsWith('Syntax Error:')) return undefined;
    const cut = m.replace(
      /(Invalid character escape sequence|Invalid Unicode escape sequence|Unexpected character|Invalid number[^:]*):.*$/s,
      '$1.',
    );
    return cut.replace(VALUE_TOKEN, '$1');
  },
];

/** What error messages may add from the schema (only where introspection is on). */
export interface ErrorHints {
  schema: GraphQLSchema;
}

/**
 * `enum "E"` errors: the value (group 1, only to rank suggestions), the type, and whether a string
 * or a non-string was given where an enum value belongs. A variable's value is quoted raw, so the
 * last `" does not exist in "E" enum.` is GraphQL's own.
 */
const ENUM_ERROR =
  /^(?:Value "([\s\S]*)" does not exist in "([_A-Za-z][_0-9A-Za-z]*)" enum\.|Enum "([_A-Za-z][_0-9A-Za-z]*)" cannot represent (non-enum|non-string) value: )/;

/** The allowed values of the enum an error is about, and the suggested ones, as a sentence. */
function enumHint(message: string, hints: ErrorHints): { type: string; text: string; nonEnum: boolean } | undefined {
  const m = ENUM_ERROR.exec(message);
  const name = m?.[2] ?? m?.[3];
  const type = name === undefined ? undefined : hints.schema.getType(name);
  if (!m || !type || !isEnumType(type)) return undefined;
  const allowed = allowedValues(type);
  // GraphQL's own suggestion ends the message; only names of the enum's values are kept from it.
  const suggested = / Did you mean (?:the enum value )?(.*)\?$/.exec(message)?.[1] ?? '';
  const near = [...suggested.matchAll(/"([_A-Za-z][_0-9A-Za-z]*)"/g)]
    .map((n) => n[1]!)
    .filter((n) => allowed.includes(n));
  // The value written in another case (`varchar` for VarChar) is surely the one meant: it comes first.
  const given = m[1]?.toLowerCase();
  near.sort((a, b) => Number(b.toLowerCase() === given) - Number(a.toLowerCase() === given));
  const quoted = near.map((n) => `"${n}"`);
  const didYouMean =
    quoted.length === 0
      ? ''
      : ` Did you mean ${quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`}?`;
  return { type: type.name, text: `Use one of: ${allowed.join(', ')}.${didYouMean}`, nonEnum: m[4] === 'non-enum' };
}

const allowedValues = (type: GraphQLEnumType): string[] =>
  type
    .getValues()
    .filter((v) => v.deprecationReason == null)
    .map((v) => v.name);

/** The enum rules: a literal or a variable that is not one of the enum's values. */
function enumMessage(message: string, error: GraphQLError, hints: ErrorHints): string | undefined {
  const variable = /^Variable "(\$[_A-Za-z][_0-9A-Za-z]*)" got invalid value /.exec(message);
  if (!variable) {
    const hint = enumHint(message, hints);
    if (!hint) return undefined;
    return hint.nonEnum
      ? `Enum "${hint.type}" cannot represent a string: write the value without quotes. ${hint.text}`
      : `The value given does not exist in "${hint.type}" enum. ${hint.text}`;
  }
  // `Variable "$v" got invalid value <value>[ at "<path>"]; <inner>`: the inner message is the
  // original error's, so what comes before it is known without reading the value.
  const inner = error.originalError instanceof GraphQLError ? error.originalError.message : undefined;
  if (inner === undefined || !message.endsWith(`; ${inner}`)) return undefined;
  const hint = enumHint(inner, hints);
  if (!hint) return undefined;
  const prefix = message.slice(0, message.length - inner.length - 2);
  const name = variable[1]!.slice(1);
  // The place inside the variable (` at "v.field[0]"`) ends the prefix; a JSON-quoted value cannot end so.
  const at = prefix.lastIndexOf(' at "');
  const path =
    at < 0
      ? undefined
      : new RegExp(`^ at "(${name}(?:\\.[_A-Za-z][_0-9A-Za-z]*|\\[\\d+\\])*)"$`).exec(prefix.slice(at))?.[1];
  return `Variable "${variable[1]}" got an invalid value${path ? ` at "${path}"` : ''}: it is not a value of "${hint.type}" enum. ${hint.text}`;
}

/** The message with quoted client values removed (unchanged when it quotes none); with `hints`, enum errors list the allowed values. */
export function safeErrorMessage(
  message: string,
  error: GraphQLError = new GraphQLError(message),
  hints?: ErrorHints,
): string {
  if (hints) {
    const rewritten = enumMessage(message, error, hints);
    if (rewritten !== undefined) return rewritten;
  }
  for (const rule of RULES) {
    const rewritten = rule(message, error);
    if (rewritten !== undefined) return rewritten;
  }
  return message;
}

/**
 * The error, rebuilt with a safe message when needed (locations, path and extensions kept; no
 * original error). A variable that could not be coerced gets `extensions.code: BAD_USER_INPUT`.
 */
export function safeError(error: GraphQLError, hints?: ErrorHints): GraphQLError {
  const message = safeErrorMessage(error.message, error, hints);
  const badVariable = error.extensions?.['code'] === undefined && !error.path && message.startsWith('Variable "$');
  if (message === error.message && !badVariable) return error;
  return new GraphQLError(message, {
    ...(error.nodes ? { nodes: error.nodes } : {}),
    ...(error.source ? { source: error.source } : {}),
    ...(error.positions ? { positions: error.positions } : {}),
    ...(error.path ? { path: error.path } : {}),
    extensions: badVariable ? { ...error.extensions, code: 'BAD_USER_INPUT' } : error.extensions,
  });
}

function safeResult(result: ExecutionResult, hints: ErrorHints | undefined): ExecutionResult | undefined {
  if (!result.errors?.some((e) => safeError(e, hints) !== e)) return undefined;
  return { ...result, errors: result.errors.map((e) => safeError(e, hints)) };
}

export interface ErrorHygieneOptions {
  /** Enum errors list the allowed values and the closest one (they reveal the schema: on with introspection). @default true */
  suggestions?: boolean;
}

/** The envelop plugin: parse, validation, execution and subscription errors are made safe. */
export function useErrorHygiene(options: ErrorHygieneOptions = {}): Plugin {
  const suggestions = options.suggestions ?? true;
  const hintsFor = (schema: GraphQLSchema): ErrorHints | undefined => (suggestions ? { schema } : undefined);
  return {
    onParse() {
      return ({ result, replaceParseResult }) => {
        if (result instanceof GraphQLError) replaceParseResult(safeError(result));
      };
    },
    onValidate({ params }) {
      const hints = hintsFor(params.schema);
      return ({ result, setResult }) => {
        // Validation results may hold plain Errors (a rule that threw); only GraphQLErrors quote input.
        const errors = result as ReadonlyArray<Error>;
        if (errors.some((e) => e instanceof GraphQLError && safeErrorMessage(e.message, e, hints) !== e.message)) {
          setResult(errors.map((e) => (e instanceof GraphQLError ? safeError(e, hints) : e)));
        }
      };
    },
    onExecute({ args }) {
      const hints = hintsFor(args.schema);
      return {
        onExecuteDone: (payload) =>
          handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
            const safe = safeResult(result, hints);
            if (safe) setResult(safe);
          }),
      };
    },
    onSubscribe({ args }) {
      const hints = hintsFor(args.schema);
      return {
        onSubscribeResult: (payload) =>
          handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
            const safe = safeResult(result, hints);
            if (safe) setResult(safe);
          }),
      };
    },
  };
}
