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
    type: t.field({
      description: 'Who reported the failure (the database, Halo, Halo Link).',
      type: QueryErrorType,
      nullable: true,
      resolve: (e) => e.errorType ?? null,
    }),
    code: t.int({
      nullable: true,
      description: 'The native error number (e.g. SQL Server 208), or an HTTP status for type HTTP.',
      resolve: (e) => e.errorCode ?? null,
    }),
    message: t.string({
      description:
        "The database's (or Halo's) own message, e.g. \"Invalid column name 'Nope'.\" It may quote the SQL it failed on.",
      nullable: true,
      resolve: (e) => e.errorMessage ?? null,
    }),
  }),
});
