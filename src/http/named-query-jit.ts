/**
 * Compiled execution for operations that read named queries. A named query's rows are typed
 * objects: 32 rows of 9 columns are 288 field executions, each paying the general executor's
 * per-field work (argument values, resolve info, completion). graphql-jit compiles such an
 * operation once per document into a function that runs the same resolvers and scalars, with the
 * same errors and null propagation, without that overhead.
 *
 * Only queries that read named queries of one site (`site(id) { <named queries> <leaf fields> }`,
 * no @defer or @stream) are compiled, and only when their variables are valid (graphql-js checks
 * them first, so a bad variable gets the usual message); everything else, and a document the
 * compiler cannot take, runs on yoga's executor. (The compiler does not place the failed items of a
 * list the way graphql-js does, so lists of sites stay on the general executor.)
 */
import {
  BREAK,
  getNamedType,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  GraphQLObjectType,
  isLeafType,
  Kind,
  valueFromASTUntyped,
  visit,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type Source,
} from 'graphql';
import type * as GraphqlJit from 'graphql-jit';
import type { CompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';
import { everyField, isNamedQueryField } from '../schema/selections.js';

const INCREMENTAL = new Set(['defer', 'stream']);

interface Compiled {
  operation: OperationDefinitionNode;
  query: CompiledQuery['query'];
}

type Compiler = typeof GraphqlJit;

export interface NamedQueryJitOptions {
  /** Each operation run compiled (for metrics). */
  onRun?: () => void;
}

/** The plugin for one app (one schema): compiles the reads of named queries (fields marked as such in the schema). */
export function useNamedQueryJit(options: NamedQueryJitOptions = {}): Plugin {
  // The compiler loads with the first operation that needs it, not at start.
  let compiler: Compiler | undefined;
  let loading: Promise<Compiler> | undefined;
  const load = () => (loading ??= import('graphql-jit').then((m) => (compiler = m)));
  /** Per document, by operation name: the operation when it may be compiled, else null. */
  const eligible = new WeakMap<DocumentNode, Map<string, OperationDefinitionNode | null>>();
  /** Per operation: the compiled query, or null when the compiler refused it. */
  const compiled = new WeakMap<OperationDefinitionNode, Compiled | null>();

  const eligibleOperation = (schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined) => {
    let byName = eligible.get(document);
    if (!byName) eligible.set(document, (byName = new Map()));
    const key = operationName ?? '';
    let operation = byName.get(key);
    if (operation === undefined) {
      operation = namedQueryOperation(schema, document, operationName) ?? null;
      byName.set(key, operation);
    }
    return operation;
  };
  const compile = (jit: Compiler, args: ExecutionArgs, operation: OperationDefinitionNode) => {
    let entry = compiled.get(operation);
    if (entry === undefined) {
      const result = jit.compileQuery(args.schema, args.document, args.operationName ?? undefined);
      entry = jit.isCompiledQuery(result) ? { operation, query: result.query } : null;
      compiled.set(operation, entry);
    }
    return entry;
  };
  const use = (
    jit: Compiler,
    args: ExecutionArgs,
    operation: OperationDefinitionNode,
    setExecuteFn: (fn: (a: ExecutionArgs) => Promise<ExecutionResult>) => void,
  ) => {
    // graphql-js's own check: a bad variable is answered by the usual executor with its usual message.
    if (getVariableValues(args.schema, operation.variableDefinitions ?? [], args.variableValues ?? {}).errors) return;
    const entry = compile(jit, args, operation);
    if (!entry) return;
    const source = args.document.loc?.source;
    options.onRun?.();
    setExecuteFn(async (a) => {
      const result = await entry.query(a.rootValue, a.contextValue, withDefaults(operation, a.variableValues));
      return result.errors ? withPositions(result, source) : result;
    });
  };

  return {
    onExecute({ args, setExecuteFn }) {
      const operation = eligibleOperation(args.schema, args.document, args.operationName ?? undefined);
      if (!operation) return;
      if (compiler) return use(compiler, args, operation, setExecuteFn);
      return load().then(
        (jit) => use(jit, args, operation, setExecuteFn),
        // Not loadable: the general executor answers, as for any other operation.
        () => undefined,
      );
    },
  };
}

/**
 * `variables` with each omitted variable's default value, as a client would have sent it: the
 * compiler does not apply the default of a non-null variable (`$day: Date! = "2026-03-02"`), which
 * graphql-js does.
 */
function withDefaults(
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...variables };
  for (const def of operation.variableDefinitions ?? []) {
    const name = def.variable.name.value;
    if (def.defaultValue && out[name] === undefined) out[name] = valueFromASTUntyped(def.defaultValue);
  }
  return out;
}

/**
 * The compiler's errors carry their locations, not the nodes or positions that yoga rebuilds every
 * error from before it answers: each becomes graphql-js's own error, at the same place in `source`;
 * and the result lists them before its data, as graphql-js does.
 */
function withPositions(result: ExecutionResult, source: Source | undefined): ExecutionResult {
  // Line breaks as GraphQL counts them (graphql-js's getLocation).
  const lineStarts = [0];
  for (const m of source?.body.matchAll(/\r\n|[\n\r]/g) ?? []) lineStarts.push(m.index + m[0].length);
  const errors = result.errors!.map((error) => {
    if (!source || error.nodes || error.positions || !error.locations) return error;
    const positions = error.locations.map(({ line, column }) => (lineStarts[line - 1] ?? 0) + column - 1);
    return new GraphQLError(error.message, {
      source,
      positions,
      ...(error.path ? { path: error.path } : {}),
      ...(error.originalError ? { originalError: error.originalError } : {}),
      ...(error.extensions ? { extensions: error.extensions } : {}),
    });
  });
  // Errors first, as graphql-js answers (and the spec recommends).
  const { errors: _located, data, ...rest } = result;
  return { errors, data, ...rest };
}

/** Root fields a compiled operation may select. */
const ROOT_FIELDS = new Set(['site', '__typename']);

/**
 * The operation when it reads named queries of one site and nothing else: a query whose root fields
 * are `site` (and `__typename`), selecting on the site named queries (whose rows are leaves) and
 * leaf fields only (id, pmsType, practiceName…), with no @defer or @stream in the document.
 * Everything else (lists of sites, nested objects, mutations) stays on the general executor,
 * whose behaviour with lists of failing items the compiler does not match.
 */
function namedQueryOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
): OperationDefinitionNode | undefined {
  const operation = getOperationAST(document, operationName);
  const site = schema.getType('Site');
  if (operation?.operation !== 'query' || !(site instanceof GraphQLObjectType) || asksIncremental(document))
    return undefined;
  const siteFields = site.getFields();
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  let named = false;
  const onSite = (field: FieldNode): boolean => {
    if (field.name.value === '__typename') return true;
    const def = siteFields[field.name.value];
    if (isNamedQueryField(def)) return (named = true);
    return def !== undefined && isLeafType(getNamedType(def.type));
  };
  const onRoot = (field: FieldNode): boolean =>
    ROOT_FIELDS.has(field.name.value) && (!field.selectionSet || everyField(field.selectionSet, fragments, onSite));
  return everyField(operation.selectionSet, fragments, onRoot) && named ? operation : undefined;
}

/** Whether the document uses @defer or @stream anywhere. */
function asksIncremental(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Directive(node) {
      if (!INCREMENTAL.has(node.name.value)) return undefined;
      found = true;
      return BREAK;
    },
  });
  return found;
}
