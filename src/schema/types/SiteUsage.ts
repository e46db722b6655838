import { builder } from '../builder.js';
import type { SiteUsage as SiteUsageShape } from '../../usage/ledger.js';

export const SiteUsage = builder.objectRef<SiteUsageShape>('SiteUsage').implement({
  description:
    'The billed Halo queries this deployment sent to a site in the current UTC month (Halo bills per query, per practice, per month), and its budget.',
  fields: (t) => ({
    month: t.string({ description: 'The UTC month counted, YYYY-MM.', resolve: (u) => u.month }),
    billedQueries: t.int({
      description:
        'Immediate and async queries and registered-query creations (live named queries included) sent to the site this month: every one that reached Halo, or may have, whatever it answered; not those refused before sending, nor answers reused (maxAgeSeconds). Shared by the replicas with Redis; per process without it.',
      resolve: (u) => u.billedQueries,
    }),
    budget: t.int({
      description:
        "The site's monthly budget of billed queries (SITE_MONTHLY_QUERY_BUDGET); null when it has none. A creation beyond it is refused with QUOTA_EXCEEDED before anything is sent.",
      nullable: true,
      resolve: (u) => u.budget,
    }),
    remaining: t.int({
      description: 'Billed queries left this month (budget − billedQueries, never below 0); null without a budget.',
      nullable: true,
      resolve: (u) => u.remaining,
    }),
  }),
});
