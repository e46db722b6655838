import './scalars.js';
import './enums.js';
import './types/Catalogue.js';
import './types/QueryError.js';
import './types/RegisteredQuery.js';
import './types/RegisteredQueryMetrics.js';
import './types/RegisteredQueryResult.js';
import './types/ResultPage.js';
import './types/Site.js';
import './types/SqlParameter.js';
import './types/SqlQuery.js';
import './types/StatusTiming.js';
import { builder } from './builder.js';

export const schema = builder.toSchema({ sortSchema: false });
