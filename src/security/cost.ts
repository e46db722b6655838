/**
 * Query cost: a validation rule that prices an operation before it runs and refuses it above a
 * limit. Fields that call Halo cost far more than fields resolved locally, and a list multiplies
 * what is selected below it:
 *
 *   a field that calls Halo:  upstreamFieldCost + size × cost(selections below)
 *   any other object field:   size × (objectCost + cost(selections below))
 *   a scalar or enum field:   scalarCost
 *
 * - fields that call Halo: every root field, the nested fields in `UPSTREAM_FIELDS`, and fields
 *   whose `extensions.haloCall` is true (the named queries, src/schema/named-queries.ts);
 * - size: 1 for a single value; for a list, the literal `first` argument of the field (or of the
 *   connection field above it) when given, the length of a literal `ids` list (`sitesByIds`), else
 *   `defaultListSize` (10) for lists from Halo and connection edges, `nestedListSize` (3) for lists
 *   inside a record;
 * - fragments are expanded; introspection (`__schema`, `__type`) is not priced.
 */
import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ASTVisitor,
  type OperationDefinitionNode,
} from 'graphql';

/** Nested fields (besides every Query, Mutation and Subscription field) that call Halo. */
export const UPSTREAM_FIELDS: ReadonlySet<string> = new Set([
  'Site.registeredQueries',
  'RegisteredQuery.result',
  'SqlQuery.rows',
  'ResultPage.rows',
  'ResultPage.columns',
]);

/** Prices and the limit. */
export interface CostOptions {
  /** Operations above this cost are refused. @default 10000 */
  maxCost?: number;
  /** A field that calls Halo. @default 100 */
  upstreamFieldCost?: number;
  /** A field with an object type resolved locally. @default 1 */
  objectCost?: number;
  /** A scalar or enum field. @default 0 */
  scalarCost?: number;
  /** Assumed length of a list from Halo (or a connection's edges) without a literal `first`. @default 10 */
  defaultListSize?: number;
  /** Assumed length of a list inside a record (a patient's names, telecoms…). @default 3 */
  nestedListSize?: number;
  /** Largest `first` honoured (a bigger literal counts as this). @default 100 */
  maxListSize?: number;
}

interface Resolved {
  maxCost: number;
  upstreamFieldCost: number;
  objectCost: number;
  scalarCost: number;
  defaultListSize: number;
  nestedListSize: number;
  maxListSize: number;
}

/** The cost of one operation (exported for tests and for the figures in the README). */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  options: CostOptions = {},
): number {
  const o = resolve(options);
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  return selectionCost(schema, root, operation.selectionSet, fragments, o, true, undefined, new Set());
}

function resolve(options: CostOptions): Resolved {
  return {
    maxCost: options.maxCost ?? 10_000,
    upstreamFieldCost: options.upstreamFieldCost ?? 100,
    objectCost: options.objectCost ?? 1,
    scalarCost: options.scalarCost ?? 0,
    defaultListSize: options.defaultListSize ?? 10,
    nestedListSize: options.nestedListSize ?? 3,
    maxListSize: options.maxListSize ?? 100,
  };
}

function firstArgument(node: FieldNode, max: number): number | undefined {
  const arg = node.arguments?.find((a) => a.name.value === 'first');
  if (arg?.value.kind === Kind.INT) return Math.min(max, Math.max(0, Number(arg.value.value)));
  const ids = node.arguments?.find((a) => a.name.value === 'ids');
  if (ids?.value.kind === Kind.LIST) return Math.min(max, ids.value.values.length);
  return undefined;
}

function selectionCost(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  o: Resolved,
  isRoot: boolean,
  inheritedListSize: number | undefined,
  expanding: Set<string>,
): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      const field = fieldOf(parent, selection.name.value);
      if (!field) continue;
      total += fieldCost(schema, parent, field, selection, fragments, o, isRoot, inheritedListSize, expanding);
    } else {
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
      if (!fragment) continue;
      const name = selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : undefined;
      if (name !== undefined) {
        if (expanding.has(name)) continue; // a cycle: NoFragmentCyclesRule reports it
        expanding.add(name);
      }
      const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parent;
      const type = condition && (isObjectType(condition) || isInterfaceType(condition)) ? condition : parent;
      total += selectionCost(schema, type, fragment.selectionSet, fragments, o, isRoot, inheritedListSize, expanding);
      if (name !== undefined) expanding.delete(name);
    }
  }
  return total;
}

function fieldOf(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

function fieldCost(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  o: Resolved,
  isRoot: boolean,
  inheritedListSize: number | undefined,
  expanding: Set<string>,
): number {
  const named = getNamedType(field.type);
  const upstream =
    isRoot || field.extensions['haloCall'] === true || UPSTREAM_FIELDS.has(`${parent.name}.${field.name}`);
  if (!node.selectionSet || isLeafType(named)) return upstream ? o.upstreamFieldCost : o.scalarCost;
  const list = isListType(getNullableType(field.type));
  const first = firstArgument(node, o.maxListSize);
  const size = list ? (first ?? inheritedListSize ?? (upstream ? o.defaultListSize : o.nestedListSize)) : 1;
  // A connection (a field taking `first`) sizes the lists right below it (its edges) by `first`.
  const connection = !list && field.args.some((a) => a.name === 'first');
  const below = selectionCost(
    schema,
    named as GraphQLCompositeType,
    node.selectionSet,
    fragments,
    o,
    false,
    connection ? (first ?? o.defaultListSize) : undefined,
    expanding,
  );
  // One upstream call answers the whole list; a local object costs per item.
  return upstream ? o.upstreamFieldCost + size * below : size * (o.objectCost + below);
}

/**
 * The validation rule: refuses an operation whose cost is above `maxCost` with a validation
 * error carrying `extensions.code: 'BAD_USER_INPUT'`, `cost` and `maxCost`.
 */
export function costLimitRule(options: CostOptions = {}): ValidationRule {
  const o = resolve(options);
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of context.getDocument().definitions)
      if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    return {
      OperationDefinition(operation) {
        const cost = operationCost(context.getSchema(), operation, fragments, o);
        if (cost > o.maxCost) {
          context.reportError(
            new GraphQLError(
              `The operation costs ${cost}, more than the limit of ${o.maxCost}: select fewer fields that call Halo, or smaller lists.`,
              {
                nodes: [operation],
                extensions: { code: 'BAD_USER_INPUT', reason: 'COST_LIMIT', cost, maxCost: o.maxCost },
              },
            ),
          );
        }
      },
    };
  };
}
