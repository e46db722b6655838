import { describe, expect, it } from 'vitest';
import {
  assertValidResponse,
  declaredHeaders,
  listOperations,
  listResponseExamples,
  validateResponse,
} from './openapi.js';

/** Tests of the validator itself; the simulator's fidelity test uses it on real responses. */

const UUID = '1366ef6e-d536-457c-8f1b-eaa4352059f9';
const SITE = '3f91c577-20a8-467b-8991-b96dfb90e8c6';
const AT = '2025-05-27T05:23:40.983Z';

const successfulAsyncQuery = {
  id: UUID,
  integratorId: UUID,
  siteId: SITE,
  mode: 'async',
  status: 'successful',
  maxTimeInQueue: 900_000,
  commandSize: 98,
  requestSize: 98,
  createdAt: AT,
  updatedAt: AT,
  statusTiming: { initialising: { startTime: AT, endTime: AT }, executing: { startTime: AT, endTime: AT } },
  metrics: { sqlExecutionDuration: 12 },
  result: {
    rows: 1,
    size: 20,
    pages: [{ pageNumber: 1, status: 'cached', size: 20, rows: { count: 1, rangeStart: 0, rangeEnd: 0 } }],
  },
  resultSize: 20,
  completedAt: AT,
};

const queuedAsyncQuery = {
  id: UUID,
  integratorId: UUID,
  siteId: SITE,
  mode: 'async',
  status: 'queued',
  maxTimeInQueue: 900_000,
  commandSize: 98,
  requestSize: 98,
  createdAt: AT,
  updatedAt: AT,
  statusTiming: { initialising: { startTime: AT, endTime: AT }, queued: { startTime: AT } },
};

const failedImmediateQuery = {
  id: UUID,
  integratorId: UUID,
  siteId: SITE,
  mode: 'immediate',
  status: 'executionFailed',
  maxTimeInQueue: 15_000,
  commandSize: 98,
  requestSize: 98,
  createdAt: AT,
  updatedAt: AT,
  statusTiming: { initialising: { startTime: AT }, executing: { startTime: AT } },
  errorDetails: { errorType: 'mssql', errorCode: 208, errorMessage: "Invalid object name 'dbo.Nope'." },
  completedAt: AT,
};

const registeredQuery = {
  id: UUID,
  name: 'Test',
  registeredQueryType: 'query',
  status: 'enabled',
  frequency: 60,
  duration: 120,
  createdAt: AT,
  lastHash: 'dOFA',
  metrics: {
    lastExecutionDuration: 15,
    executionSucceededCount: 1,
    executionFailedCount: 0,
    resultSizeSum: 8,
    requestSize: 180,
    lastSucceededAt: AT,
  },
};

const haloError = (status: number, statusText: string) => ({
  error: { status, statusText, message: 'Something went wrong.' },
});

const operationOutcome = {
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'fatal', code: 'exception', details: { text: 'Details of error' } }],
};

function without<T extends object, K extends keyof T>(body: T, key: K): Omit<T, K> {
  const copy = { ...body };
  delete copy[key];
  return copy;
}

/** Expects the body to fail, with an error line that contains each fragment. */
function expectInvalid(operationId: string, status: number, body: unknown, ...fragments: string[]): void {
  const check = validateResponse(operationId, status, body);
  expect(check.valid).toBe(false);
  for (const fragment of fragments) expect(check.errors.join('\n')).toContain(fragment);
}

describe('listOperations', () => {
  it('lists the 17 operations of the spec with their statuses', () => {
    const table = Object.fromEntries(
      listOperations().map((op) => [op.operationId, `${op.method} ${op.path} ${op.statuses.join(',')}`]),
    );
    expect(table).toEqual({
      createImmediateQuery: 'POST /integrator/sites/{siteId}/queries/immediate 200,400,401,403,404,500,503,504',
      createAsyncQuery: 'POST /integrator/sites/{siteId}/queries/async 201,400,401,403,404,500,503,504',
      createRegisteredQuery: 'POST /integrator/sites/{siteId}/queries/registered 202,400,401,403,404,500',
      getRegisteredQueries: 'GET /integrator/sites/{siteId}/queries/registered 200,400,401,403,404,500',
      getRegisteredQuery: 'GET /integrator/sites/{siteId}/queries/registered/{queryId} 200,400,401,403,404,500',
      cancelRegisteredQuery: 'DELETE /integrator/sites/{siteId}/queries/registered/{queryId} 204,400,401,403,404,500',
      getRegisteredQueryResult:
        'GET /integrator/sites/{siteId}/queries/registered/{queryId}/results 200,400,401,403,404,500',
      getQuery: 'GET /integrator/sites/{siteId}/queries/{queryId} 200,400,401,403,404,500',
      getQueryStatusBatch: 'POST /integrator/sites/{siteId}/queries/status 200,400,401,403,404,500',
      getResultPage:
        'GET /integrator/sites/{siteId}/queries/{queryId}/results/{pageNumber} 200,400,401,403,404,410,500',
      streamResultPage:
        'GET /integrator/sites/{siteId}/queries/{queryId}/results/{pageNumber}/stream 200,400,401,403,404,410,500',
      getFhirQuery: 'GET /integrator/sites/{siteId}/fhir/R4/{fhirParameters} 200,400,401,403,404,500,503,504',
      postFhirSearch: 'POST /integrator/sites/{siteId}/fhir/R4/{resource}/_search 200,400,401,403,404,500,503,504',
      Integrator_PairSite: 'POST /integrator/pair-site 200,400,401,403,404,500,502',
      pairSite: 'POST /integrator/pairSite 200,400,401,403,404,500,502',
      getSites: 'GET /integrator/sites 200,400,401,403,500',
      getSite: 'GET /integrator/sites/{siteId} 200,400,401,403,404,500',
    });
    expect(listOperations()).toHaveLength(17);
  });

  it('compiles every declared response in strict mode', () => {
    const started = performance.now();
    for (const op of listOperations()) {
      for (const status of op.statuses) expect(() => validateResponse(op.operationId, status, {})).not.toThrow();
    }
    // Compiling all 113 responses takes ~0.3 s; generous bound so a slow CI box does not flake.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('the spec’s own examples', () => {
  /** Examples that contradict their own schema. Each must still fail, so a fixed spec shows up here. */
  const SKIP: Record<string, string> = {
    'getQueryStatusBatch 200 example':
      'results[0].query is an abridged AsyncQuery (id, siteId, mode, status, result only); the schema requires integratorId, ' +
      'maxTimeInQueue, commandSize, requestSize, createdAt, updatedAt, statusTiming, metrics and resultSize',
  };
  const examples = listResponseExamples().map((ex) => ({
    ...ex,
    label: `${ex.operationId} ${ex.status} ${ex.source}`,
  }));

  it('finds the examples, including the named and schema-level ones', () => {
    expect(examples.length).toBeGreaterThan(90);
    const labels = examples.map((ex) => ex.label);
    expect(labels).toContain('getRegisteredQuery 200 examples/Failed completed query');
    expect(labels).toContain('getFhirQuery 200 schema/oneOf/1/example');
    // FHIR examples are unwrapped from their Swagger 2 style {"application/json": …} key.
    expect(examples.find((ex) => ex.label === 'getFhirQuery 200 schema/oneOf/1/example')?.body).toMatchObject({
      resourceType: 'Bundle',
    });
    for (const label of Object.keys(SKIP)) expect(labels).toContain(label);
  });

  it.each(examples.filter((ex) => !(ex.label in SKIP)))('$label validates', ({ operationId, status, body }) => {
    assertValidResponse(operationId, status, body);
  });

  it.each(examples.filter((ex) => ex.label in SKIP))(
    '$label is still invalid (skip-listed)',
    ({ operationId, status, body }) => {
      expect(validateResponse(operationId, status, body).valid).toBe(false);
    },
  );
});

describe('hand-made wrong bodies fail with a useful message', () => {
  it('accepts the hand-made baselines', () => {
    assertValidResponse('getQuery', 200, successfulAsyncQuery);
    assertValidResponse('getQuery', 200, queuedAsyncQuery);
    assertValidResponse('getRegisteredQuery', 200, registeredQuery);
    assertValidResponse('getResultPage', 200, { data: 'eyJpZCI6MX0=', parameters: [] });
  });

  it('getQuery 200 without the required id', () => {
    expectInvalid('getQuery', 200, without(successfulAsyncQuery, 'id'), "(body) must have required property 'id'");
  });

  it('a status outside the enum', () => {
    expectInvalid(
      'getQuery',
      200,
      { ...queuedAsyncQuery, status: 'bogus' },
      '/status must be equal to one of the allowed values',
      '(got "bogus")',
    );
  });

  it('a successful async query without result (the discriminator picks AsyncQuerySuccessful)', () => {
    expectInvalid(
      'getQuery',
      200,
      without(successfulAsyncQuery, 'result'),
      "(body) must have required property 'result'",
      'must match AsyncQuerySuccessful',
    );
  });

  it('a getResultPage body with data: 123', () => {
    expectInvalid('getResultPage', 200, { data: 123 }, '/data must be string (got 123)');
  });

  it('a registered query with frequency: "x"', () => {
    expectInvalid(
      'getRegisteredQuery',
      200,
      { ...registeredQuery, frequency: 'x' },
      '/frequency must be integer (got "x")',
    );
  });

  it('assertValidResponse throws with the readable errors', () => {
    expect(() => assertValidResponse('getQuery', 200, without(successfulAsyncQuery, 'id'))).toThrow(
      /getQuery 200 response does not match the spec:\n {2}\(body\) must have required property 'id'/,
    );
  });
});

describe('responses the spec does not declare', () => {
  it('throws for an unknown operationId', () => {
    expect(() => validateResponse('nope', 200, {})).toThrow(/no operation "nope"/);
  });

  it('throws for a status the operation does not declare', () => {
    expect(() => validateResponse('getQuery', 418, {})).toThrow(
      /no 418 response for getQuery \(it has 200, 400, 401, 403, 404, 500\)/,
    );
    expect(() => declaredHeaders('getSites', 404)).toThrow(/no 404 response for getSites/);
  });
});

describe('declaredHeaders', () => {
  it('lists the headers of getResultPage 200 and none elsewhere', () => {
    expect(declaredHeaders('getResultPage', 200)).toEqual(['Size', 'Rows-Count', 'Rows-Range-Start', 'Rows-Range-End']);
    expect(declaredHeaders('getQuery', 200)).toEqual([]);
  });
});

describe('spec defects', () => {
  describe('1. overlapping oneOf: correct bodies pass, and only against their own branch', () => {
    it('getResultPage 200: a query result with data and parameters', () => {
      const parameters = [{ name: '@n', direction: 'output', type: 'Int', value: null, size: 4 }];
      assertValidResponse('getResultPage', 200, { data: 'eyJpZCI6MX0=', parameters });
      assertValidResponse('getResultPage', 200, { parameters });
      expectInvalid(
        'getResultPage',
        200,
        { data: 'not base64!', parameters },
        '/data must match format "base64"',
        'must match Query Result',
      );
      expectInvalid(
        'getResultPage',
        200,
        { parameters: [{ direction: 'sideways' }] },
        '/parameters/0/direction must be equal to one of the allowed values',
      );
    });

    it.each([400, 401, 403, 404, 500])('createImmediateQuery %i: a failed query and an Error', (status) => {
      assertValidResponse('createImmediateQuery', status, failedImmediateQuery);
      assertValidResponse('createImmediateQuery', status, haloError(status, 'Error'));
      // Error matches any object, so these would pass as an Error without the branch check.
      expectInvalid(
        'createImmediateQuery',
        status,
        without(failedImmediateQuery, 'siteId'),
        "must have required property 'siteId'",
        'must match ExecutionFailedImmediateQuery',
      );
      expectInvalid(
        'createImmediateQuery',
        status,
        { ...failedImmediateQuery, status: 'successful' },
        '/status must be equal to one of the allowed values',
      );
      expectInvalid(
        'createImmediateQuery',
        status,
        without(failedImmediateQuery, 'status'),
        "must have required property 'status'",
      );
    });

    it('getFhirQuery 200: a resource or a bundle', () => {
      assertValidResponse('getFhirQuery', 200, { resourceType: 'Patient', id: '1' });
      assertValidResponse('getFhirQuery', 200, { resourceType: 'Bundle', type: 'searchset', total: 0 });
      expectInvalid('getFhirQuery', 200, [], '(body) must be object');
    });

    it.each([
      ['getFhirQuery', 500],
      ['getFhirQuery', 503],
      ['postFhirSearch', 504],
    ] as const)('%s %i: an OperationOutcome or an Error', (operationId, status) => {
      assertValidResponse(operationId, status, operationOutcome);
      assertValidResponse(operationId, status, haloError(status, 'Server Error'));
      expectInvalid(operationId, status, haloError(42, 'Nope'), '/error/status must match format "httpStatus"');
    });
  });

  describe('2. discriminators are enforced', () => {
    it('getQueryStatusBatch 200: each found query matches the subtype of its status', () => {
      assertValidResponse('getQueryStatusBatch', 200, {
        results: [
          { queryId: UUID, status: 'found', query: successfulAsyncQuery },
          { queryId: SITE, status: 'notFound' },
        ],
      });
      expectInvalid(
        'getQueryStatusBatch',
        200,
        { results: [{ queryId: UUID, status: 'found', query: without(successfulAsyncQuery, 'metrics') }] },
        "/results/0/query must have required property 'metrics'",
      );
    });

    it('createAsyncQuery 201 maps only initialising', () => {
      const initialising = {
        ...without(queuedAsyncQuery, 'statusTiming'),
        status: 'initialising',
        statusTiming: { initialising: { startTime: AT } },
      };
      assertValidResponse('createAsyncQuery', 201, initialising);
      expectInvalid(
        'createAsyncQuery',
        201,
        queuedAsyncQuery,
        '/status must be equal to one of the allowed values: "initialising" (got "queued")',
      );
    });
  });

  it('5. cancelRegisteredQuery 204 has no body', () => {
    assertValidResponse('cancelRegisteredQuery', 204, undefined);
    assertValidResponse('cancelRegisteredQuery', 204, '');
    expectInvalid('cancelRegisteredQuery', 204, {}, 'must be empty');
  });

  it('6. statusTiming phases must be objects', () => {
    expectInvalid(
      'getQuery',
      200,
      { ...queuedAsyncQuery, statusTiming: { initialising: 'x' } },
      '/statusTiming/initialising must be object',
    );
  });
});
