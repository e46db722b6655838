import { builder } from '../builder.js';
import { QueryErrorType } from '../enums.js';

export interface QueryErrorShape {
  errorType?: 'http' | 'mssql' | 'fbsql' | 'haloLink';
  errorCode?: number;
  errorMessage?: string;
}

/** Why a query that ran failed: the practice database's (or Halo's) own error. */
export const QueryError = builder.objectRef<QueryErrorShape>('QueryError').implement({
  description: "A query's own failure, as the practice database or Halo Link reported it.",
  fields: (t) => ({
    type: t.field({ type: QueryErrorType, nullable: true, resolve: (e) => e.errorType ?? null }),
    code: t.int({
      nullable: true,
      description: 'The native error number (e.g. SQL Server 208), or an HTTP status for type HTTP.',
      resolve: (e) => e.errorCode ?? null,
    }),
    message: t.string({ nullable: true, resolve: (e) => e.errorMessage ?? null }),
  }),
});
