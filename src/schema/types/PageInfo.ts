import { builder } from '../builder.js';
import type { PageInfoShape } from '../pagination.js';

export const PageInfo = builder.objectRef<PageInfoShape>('PageInfo');

PageInfo.implement({
  description: 'Relay page info. Cursors are opaque and signed: pass them back unchanged as `after`.',
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage'),
    hasPreviousPage: t.exposeBoolean('hasPreviousPage'),
    startCursor: t.exposeString('startCursor', { nullable: true }),
    endCursor: t.exposeString('endCursor', { nullable: true }),
  }),
});
