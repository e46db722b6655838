import { clearAllDataLoaders } from '@pothos/plugin-dataloader';
import { builder } from '../builder.js';
import { requireGuid } from '../ids.js';
import { SqlQuery } from './SqlQuery.js';

// queryStatusChanged belongs in SqlQuery.ts by the one-type-per-file rule; it lives here while that
// file is being reworked elsewhere.
builder.subscriptionFields((t) => ({
  queryStatusChanged: t.field({
    type: SqlQuery,
    description:
      "An async (or immediate) query's current state at once, then every status change; completes after a terminal status. NOT_FOUND for an unknown query. All subscribers of one query share one upstream watcher.",
    args: { siteId: t.arg.id({ required: true }), queryId: t.arg.id({ required: true }) },
    subscribe: (_root, args, ctx) => ctx.live.queryStatus(requireGuid(args.siteId, 'siteId'), requireGuid(args.queryId, 'queryId'), ctx.signal),
    resolve: (event, _args, ctx) => {
      // The context lives as long as the subscription: loaders must not serve the previous event's data.
      clearAllDataLoaders(ctx);
      return event;
    },
  }),
}));
