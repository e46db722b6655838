/**
 * The CPU floor: a bare graphql-js handler on node:http with the same type shapes as the façade's
 * Site and RegisteredQuery, answering from static data (no Halo, no yoga). Each request is read
 * with a byte limit, JSON-parsed, executed and serialised; documents are parsed and validated once
 * per distinct query text and kept (yoga does the same by default), since on this machine
 * validating even a tiny document costs several times what executing it does.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, execute, parse, validate, type DocumentNode, type GraphQLError } from 'graphql';

const schema = buildSchema(/* GraphQL */ `
  enum PracticeManagementSystem {
    BEST_PRACTICE
    ZEDMED
    D4W
  }
  enum SiteAvailability {
    ONLINE
    OFFLINE
    UNREACHABLE
  }
  enum SiteStatus {
    INITIALISING
    ACTIVE
    REMOVED
    UNINSTALLED
  }
  enum RegisteredQueryStatus {
    INITIALISATION_FAILED_CACHE_ERROR
    ENABLED
    CANCELLED
    COMPLETED
  }
  enum QueryErrorType {
    MSSQL
    FBSQL
    HTTP
    HALO_LINK
  }
  type QueryError {
    type: QueryErrorType
    code: Int
    message: String
  }
  type RegisteredQueryMetrics {
    lastSucceededAt: String
    lastFailedAt: String
    lastExecutionDurationMs: Int
    executionSucceededCount: Int!
    executionFailedCount: Int!
    resultSizeSum: Int
    requestSize: Int
  }
  type RegisteredQuery {
    id: ID!
    siteId: ID!
    name: String!
    status: RegisteredQueryStatus!
    frequencySeconds: Int!
    durationSeconds: Int!
    lastHash: String
    lastError: QueryError
    metrics: RegisteredQueryMetrics!
    createdAt: String!
    completedAt: String
  }
  type Site {
    id: ID!
    pmsType: PracticeManagementSystem!
    availability: SiteAvailability!
    status: SiteStatus!
    practiceName: String
    pmsSiteId: String
    pmsVersion: String
    haloLinkVersion: String
    authoritative: Boolean
    enrichedAt: String
    heartbeatAt: String
    registeredQueries: [RegisteredQuery!]!
  }
  type Query {
    site(id: ID!): Site
  }
`);

const registeredQueries = Array.from({ length: 20 }, (_, i) => ({
  id: `00000000-0000-5000-8000-${String(i).padStart(12, '0')}`,
  siteId: 'fee5cef8-d527-57a2-a16f-eb0dc50abda6',
  name: `bench ${i}`,
  status: 'ENABLED',
  frequencySeconds: 60,
  durationSeconds: 86_400,
  lastHash: 'pV2mBqKcWmJ0bJcT0h8q3oJ2z0Wm3n9Yc2X1aQ4pS7E=',
  lastError: null,
  metrics: {
    executionSucceededCount: 1,
    executionFailedCount: 0,
    lastSucceededAt: '2026-11-24T07:57:59.520Z',
    lastExecutionDurationMs: 3,
  },
  createdAt: '2026-11-24T07:57:59.514Z',
  completedAt: null,
}));

const site = {
  id: 'fee5cef8-d527-57a2-a16f-eb0dc50abda6',
  pmsType: 'BEST_PRACTICE',
  availability: 'ONLINE',
  status: 'ACTIVE',
  practiceName: 'Halo Clinic North',
  pmsSiteId: '10001',
  pmsVersion: '1.14.2.1234',
  haloLinkVersion: '26.619.10213',
  authoritative: true,
  enrichedAt: '2025-06-01T00:00:00.000Z',
  heartbeatAt: '2026-11-24T07:57:44.520Z',
  registeredQueries,
};

const rootValue = { site: ({ id }: { id: string }) => ({ ...site, id }) };
const LIMIT = 1024 * 1024;
const documents = new Map<string, { document: DocumentNode; errors: readonly GraphQLError[] }>();

function prepare(query: string): { document: DocumentNode; errors: readonly GraphQLError[] } {
  let entry = documents.get(query);
  if (!entry) {
    const document = parse(query);
    entry = { document, errors: validate(schema, document) };
    if (documents.size >= 1000) documents.clear();
    documents.set(query, entry);
  }
  return entry;
}

const server = createServer((req, res) => {
  if (req.method !== 'POST') {
    res.writeHead(405).end();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > LIMIT) {
      res.writeHead(413).end();
      req.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    let body: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks, size).toString('utf8')) as typeof body;
    } catch {
      res.writeHead(400).end();
      return;
    }
    let payload: unknown;
    try {
      const { document, errors } = prepare(String(body.query));
      payload = errors.length
        ? { errors }
        : execute({
            schema,
            document,
            rootValue,
            variableValues: (body.variables ?? undefined) as Record<string, unknown> | undefined,
            operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
          });
    } catch (err) {
      payload = { errors: [{ message: (err as Error).message }] };
    }
    const text = JSON.stringify(payload);
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`BARE http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
