/**
 * Reading an operation's selections before (or beside) execution: which fields a selection set
 * asks for, through inline fragments and fragment spreads.
 */
import { Kind, type FieldNode, type FragmentDefinitionNode, type GraphQLField, type SelectionSetNode } from 'graphql';

/** Fragments by name, as `GraphQLResolveInfo.fragments` holds them. */
export type Fragments = Readonly<Record<string, FragmentDefinitionNode | undefined>>;

/**
 * Whether every field of `set` passes `ok`, looking through inline fragments and fragment spreads
 * (an unknown fragment fails). For validated documents, which have no fragment cycles.
 */
export function everyField(set: SelectionSetNode, fragments: Fragments, ok: (field: FieldNode) => boolean): boolean {
  return set.selections.every((sel) => {
    if (sel.kind === Kind.FIELD) return ok(sel);
    if (sel.kind === Kind.INLINE_FRAGMENT) return everyField(sel.selectionSet, fragments, ok);
    const fragment = fragments[sel.name.value];
    return fragment !== undefined && everyField(fragment.selectionSet, fragments, ok);
  });
}

/** Whether a field runs a named query (src/schema/named-queries.ts marks them; the cost limit prices them as Halo calls). */
export const isNamedQueryField = (field: GraphQLField<unknown, unknown> | undefined): boolean =>
  field?.extensions['haloCall'] === true;
