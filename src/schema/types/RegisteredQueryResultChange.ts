import { clearAllDataLoaders } from '@pothos/plugin-dataloader';
import { builder } from '../builder.js';
import { requireGuid } from '../ids.js';
import { RegisteredQuery } from './RegisteredQuery.js';
import { RegisteredQueryResult } from './RegisteredQueryResult.js';
import type { RegisteredQueryResultChangeShape } from '../../subscriptions/live-queries.js';

export const RegisteredQueryResultChange = builder
  .objectRef<RegisteredQueryResultChangeShape>('RegisteredQueryResultChange')
  .implement({
    description:
      "A registered query's result: the current one when a subscription starts, then each new one (its lastHash changed).",
    fields: (t) => ({
      query: t.field({
        description: 'The registered query, as of this result.',
        type: RegisteredQuery,
        resolve: (e) => ({ siteId: e.siteId, query: e.query }),
      }),
      hash: t.string({ description: 'The lastHash of this result.', resolve: (e) => e.hash }),
      previousHash: t.string({
        nullable: true,
        description: 'The lastHash this result replaced; null for the first result this subscription knows.',
        resolve: (e) => e.previousHash,
      }),
      result: t.field({
        type: RegisteredQueryResult,
        nullable: true,
        description: 'The decoded result; null when Halo could not serve it (ask registeredQuery.result later).',
        resolve: (e) => e.result,
      }),
    }),
  });

builder.subscriptionFields((t) => ({
  registeredQueryResultChanged: t.field({
    type: RegisteredQueryResultChange,
    description:
      "The registered query's current result at once if it has one, then each time lastHash changes; completes when the query is cancelled or completed. NOT_FOUND for an unknown query.",
    args: {
      siteId: t.arg.id({ required: true, description: 'The Halo GUID of the site.' }),
      queryId: t.arg.id({ required: true, description: "The registered query's Halo GUID." }),
    },
    subscribe: (_root, args, ctx) =>
      ctx.live.registeredResults(requireGuid(args.siteId, 'siteId'), requireGuid(args.queryId, 'queryId'), ctx.signal),
    resolve: (event, _args, ctx) => {
      clearAllDataLoaders(ctx);
      return event;
    },
  }),
}));
