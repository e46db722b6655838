/**
 * GraphQL's own error messages quote the values a client sent: `Variable "$name" got invalid value
 * "Smith"; …`, `Expected value of type "Int", found "Smith".`, `Syntax Error: Unexpected String
 * "Smith".` A value sent here may be a patient's name, so every error leaving the server (parse,
 * validation, variable coercion, execution, over HTTP, SSE and WebSocket alike) has such quotations
 * cut out, keeping what the client needs to fix the request (the variable, the expected type).
 */
import { GraphQLError, Kind, print, type ExecutionResult } from 'graphql';
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

/** The message with quoted client values removed (unchanged when it quotes none). */
export function safeErrorMessage(message: string, error: GraphQLError = new GraphQLError(message)): string {
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
export function safeError(error: GraphQLError): GraphQLError {
  const message = safeErrorMessage(error.message, error);
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

function safeResult(result: ExecutionResult): ExecutionResult | undefined {
  if (!result.errors?.some((e) => safeError(e) !== e)) return undefined;
  return { ...result, errors: result.errors.map(safeError) };
}

/** The envelop plugin: parse, validation, execution and subscription errors are made safe. */
export function useErrorHygiene(): Plugin {
  return {
    onParse() {
      return ({ result, replaceParseResult }) => {
        if (result instanceof GraphQLError) replaceParseResult(safeError(result));
      };
    },
    onValidate() {
      return ({ result, setResult }) => {
        // Validation results may hold plain Errors (a rule that threw); only GraphQLErrors quote input.
        const errors = result as ReadonlyArray<Error>;
        if (errors.some((e) => e instanceof GraphQLError && safeErrorMessage(e.message, e) !== e.message)) {
          setResult(errors.map((e) => (e instanceof GraphQLError ? safeError(e) : e)));
        }
      };
    },
    onExecute() {
      return {
        onExecuteDone: (payload) =>
          handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
            const safe = safeResult(result);
            if (safe) setResult(safe);
          }),
      };
    },
    onSubscribe() {
      return {
        onSubscribeResult: (payload) =>
          handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
            const safe = safeResult(result);
            if (safe) setResult(safe);
          }),
      };
    },
  };
}
