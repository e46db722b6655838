import { builder } from '../builder.js';
import type { PageInfoShape } from '../pagination.js';

export const PageInfo = builder.objectRef<PageInfoShape>('PageInfo');

PageInfo.implement({
  description: 'Relay page info. Cursors are opaque and signed: pass them back unchanged as `after`.',
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage', { description: 'More results follow endCursor.' }),
    hasPreviousPage: t.exposeBoolean('hasPreviousPage', {
      description: 'Always false: these connections page forward only.',
    }),
    startCursor: t.exposeString('startCursor', {
      description: 'The cursor of the first edge; null when there is none.',
      nullable: true,
    }),
    endCursor: t.exposeString('endCursor', {
      description: 'The cursor of the last edge: pass it as after for the next page. Null when there is none.',
      nullable: true,
    }),
  }),
});
