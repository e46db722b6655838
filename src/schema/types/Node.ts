import { builder } from '../builder.js';
import { badUserInput } from '../../errors/api-errors.js';
import { decodeGlobalId, type GlobalIdType } from '../global-id.js';
import type { Context } from '../../request/context.js';

/** Loads one object of a global-id type: its site, its id within the site. */
export type NodeLoader = (ctx: Context, siteId: string, localId: string) => Promise<object>;

const loaders = new Map<GlobalIdType, NodeLoader>();

/** Registers how `node(id:)` loads a type (each type that implements Node does it in its own file). */
export function registerNodeType(type: GlobalIdType, load: NodeLoader): void {
  loaders.set(type, load);
}

export const Node = builder.interfaceRef<object>('Node').implement({
  description:
    'An object with an id that is unique across every site and type of this API (Relay’s Node), so client caches keyed by __typename and id never merge two different objects. Fetch one again with Query.node(id:).',
  fields: (t) => ({
    id: t.id({
      description: 'Opaque and unique across sites and types: pass it back unchanged, never parse it.',
      resolve: (n) => (n as { id: string }).id,
    }),
  }),
});

builder.queryFields((t) => ({
  node: t.field({
    type: Node,
    nullable: true,
    description:
      'Any object that implements Node, by its global id (e.g. a Patient.id), with the same permissions as its own root field. BAD_USER_INPUT for an id this API did not issue; NOT_FOUND when the object no longer exists.',
    args: { id: t.arg.id({ required: true, description: 'A Node id, as this API returned it.' }) },
    resolve: async (_root, args, ctx) => {
      const global = decodeGlobalId(args.id);
      const load = global && loaders.get(global.type);
      if (!global || !load) throw badUserInput('id is not an id this API issued (a Node id).', { argument: 'id' });
      return load(ctx, global.siteId, global.localId);
    },
  }),
}));
