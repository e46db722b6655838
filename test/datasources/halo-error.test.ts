import { inspect } from 'node:util';
import { describe, it } from 'vitest';
import {
  HaloApiError,
  codeForStatus,
  errorFromNetwork,
  errorFromResponse,
  localFailure,
  parseErrorPayload,
  parseRetryAfter,
  wasNotSent,
} from '../../src/datasources/halo-error.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const SITE = '3f91c577-20a8-467b-8991-b96dfb90e8c6';

function fail(
  status: number,
  body: unknown,
  operationId: HaloApiError['operationId'] = 'getQuery',
  retryAfter?: string,
) {
  return errorFromResponse({
    operationId,
    siteId: SITE,
    status,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    retryAfter,
    nowMs: NOW,
  });
}

describe.concurrent('parseErrorPayload', () => {
  it('should recognise the spec envelope {error:{status,statusText,message}}', ({ expect }) => {
    expect(parseErrorPayload('{"error":{"status":400,"statusText":"Bad Request","message":"Malformed SQL"}}')).toEqual({
      shape: 'spec',
      status: 400,
      statusText: 'Bad Request',
      message: 'Malformed SQL',
    });
  });

  it('should recognise the unwrapped {status,statusText,message} envelope', ({ expect }) => {
    expect(
      parseErrorPayload('{"status":400,"statusText":"Bad Request","message":"Halo GUID must be provided."}'),
    ).toMatchObject({
      shape: 'unwrapped',
      status: 400,
      message: 'Halo GUID must be provided.',
    });
  });

  it("should recognise API Management's {statusCode,message}", ({ expect }) => {
    expect(parseErrorPayload('{"statusCode":401,"message":"Access denied due to invalid subscription key."}')).toEqual({
      shape: 'apim',
      statusCode: 401,
      message: 'Access denied due to invalid subscription key.',
    });
  });

  it('should recognise a failed query and keep its errorDetails', ({ expect }) => {
    const payload = parseErrorPayload(
      JSON.stringify({
        id: 'q1',
        mode: 'immediate',
        status: 'executionFailed',
        errorDetails: { errorType: 'mssql', errorCode: 207, errorMessage: "Invalid column name 'x'." },
      }),
    );
    expect(payload).toMatchObject({ shape: 'query', errorDetails: { errorType: 'mssql', errorCode: 207 } });
  });

  it('should read the deprecated root errorCode/errorMessage of an old query failure', ({ expect }) => {
    expect(
      parseErrorPayload(
        '{"id":"q1","mode":"immediate","status":"executionFailed","errorCode":2812,"errorMessage":"x"}',
      ),
    ).toMatchObject({
      shape: 'query',
      errorDetails: { errorCode: 2812, errorMessage: 'x' },
    });
  });

  it('should recognise a FHIR OperationOutcome', ({ expect }) => {
    const outcome = {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'fatal', code: 'exception', details: { text: 'Unable to parse Resource URL' } }],
    };
    expect(parseErrorPayload(JSON.stringify(outcome))).toEqual({ shape: 'fhir', outcome });
  });

  it('should classify empty, whitespace and non-JSON bodies without keeping the text', ({ expect }) => {
    expect(parseErrorPayload('')).toEqual({ shape: 'empty' });
    expect(parseErrorPayload('  \n')).toEqual({ shape: 'empty' });
    expect(parseErrorPayload('<html>Bad gateway</html>')).toEqual({
      shape: 'malformed',
      bytes: 24,
      reason: 'not JSON',
    });
    expect(parseErrorPayload('[1,2]')).toEqual({ shape: 'unknown', body: [1, 2] });
  });
});

describe.concurrent('errorFromResponse', () => {
  it('should map 400 in every general envelope to BAD_USER_INPUT', ({ expect }) => {
    for (const body of [
      { error: { status: 400, statusText: 'Bad Request', message: 'Malformed SQL' } },
      { status: 400, statusText: 'Bad Request', message: 'Halo GUID must be provided.' },
      { statusCode: 400, message: 'bad' },
      '',
    ]) {
      expect(fail(400, body)).toMatchObject({ kind: 'general', code: 'BAD_USER_INPUT', status: 400 });
    }
  });

  it('should map a query that failed with errorDetails to kind query', ({ expect }) => {
    const err = fail(
      400,
      {
        id: 'q',
        mode: 'immediate',
        status: 'executionFailed',
        errorDetails: { errorType: 'mssql', errorCode: 2812, errorMessage: 'x' },
      },
      'createImmediateQuery',
    );
    expect(err).toMatchObject({
      kind: 'query',
      code: 'BAD_USER_INPUT',
      queryError: { errorType: 'mssql', errorCode: 2812 },
    });
  });

  it('should map 413, and 400 carrying errorDetails http/413, to RESULT_TOO_LARGE', ({ expect }) => {
    const tooLarge = {
      id: 'q',
      mode: 'immediate',
      status: 'executionFailed',
      errorDetails: { errorType: 'http', errorCode: 413, errorMessage: 'too large' },
    };
    expect(fail(413, tooLarge, 'createImmediateQuery')).toMatchObject({
      kind: 'query',
      code: 'RESULT_TOO_LARGE',
      status: 413,
    });
    expect(fail(400, tooLarge, 'createImmediateQuery')).toMatchObject({
      kind: 'query',
      code: 'RESULT_TOO_LARGE',
      status: 400,
    });
    expect(fail(413, '', 'createImmediateQuery')).toMatchObject({ kind: 'general', code: 'RESULT_TOO_LARGE' });
  });

  it('should tell an unknown site from an unknown query by the 404 message', ({ expect }) => {
    expect(fail(404, { error: { status: 404, message: 'Site not found.' } }, 'getQuery').code).toBe('SITE_NOT_FOUND');
    expect(fail(404, { error: { status: 404, message: 'Query not found.' } }, 'getQuery').code).toBe('NOT_FOUND');
    expect(fail(404, { status: 404, message: 'Query 1234 was not found for this site' }, 'getQuery').code).toBe(
      'NOT_FOUND',
    );
    expect(fail(404, { status: 404, message: 'No such Halo GUID' }, 'getResultPage').code).toBe('SITE_NOT_FOUND');
    expect(
      fail(404, { error: { status: 404, message: 'Registered query not found' } }, 'getRegisteredQuery').code,
    ).toBe('NOT_FOUND');
  });

  it('should fall back to the entity the path names when a 404 message says nothing', ({ expect }) => {
    expect(fail(404, '', 'getSite').code).toBe('SITE_NOT_FOUND');
    expect(fail(404, '', 'createImmediateQuery').code).toBe('SITE_NOT_FOUND');
    expect(fail(404, '', 'Integrator_PairSite').code).toBe('SITE_NOT_FOUND');
    expect(fail(404, '', 'getQuery').code).toBe('NOT_FOUND');
    expect(fail(404, '', 'getRegisteredQueryResult').code).toBe('NOT_FOUND');
  });

  it('should treat an APIM "Operation Not Found" as our fault, not a missing entity', ({ expect }) => {
    expect(fail(404, { statusCode: 404, message: 'Resource not found' }, 'getSite').code).toBe('SITE_NOT_FOUND');
    expect(fail(404, { statusCode: 404, message: 'Operation Not Found' }, 'getSite').code).toBe('UPSTREAM_ERROR');
  });

  it('should map a FHIR 404 to NOT_FOUND whatever its text says', ({ expect }) => {
    const outcome = {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'not-found', details: { text: 'Patient not found at site' } }],
    };
    expect(fail(404, outcome, 'getFhirQuery')).toMatchObject({ kind: 'fhir', code: 'NOT_FOUND' });
    expect(fail(400, outcome, 'postFhirSearch')).toMatchObject({ kind: 'fhir', code: 'BAD_USER_INPUT' });
  });

  it('should map Halo 401/403 (our key or IP) to UPSTREAM_ERROR, not to the client-auth codes', ({ expect }) => {
    expect(
      fail(401, { statusCode: 401, message: 'Access denied due to missing subscription key.' }, 'getSite').code,
    ).toBe('UPSTREAM_ERROR');
    expect(fail(403, { error: { status: 403, message: 'Caller Ip Not Allowed' } }, 'getSite').code).toBe(
      'UPSTREAM_ERROR',
    );
  });

  it('should map 410 to RESULT_EXPIRED and 408 to UPSTREAM_TIMEOUT', ({ expect }) => {
    expect(fail(410, '', 'getResultPage').code).toBe('RESULT_EXPIRED');
    expect(fail(408, '', 'getResultPage').code).toBe('UPSTREAM_TIMEOUT');
  });

  it('should map 503 to SITE_UNAVAILABLE on site calls and UPSTREAM_ERROR on getSites', ({ expect }) => {
    const body = { error: { status: 503, message: 'Site could not be contacted, please try again later.' } };
    expect(fail(503, body, 'createImmediateQuery').code).toBe('SITE_UNAVAILABLE');
    expect(fail(503, '', 'getSites').code).toBe('UPSTREAM_ERROR');
  });

  it('should map 504 to SITE_UNAVAILABLE for an unreachable site and UPSTREAM_TIMEOUT otherwise', ({ expect }) => {
    expect(
      fail(
        504,
        { error: { status: 504, message: 'Query took more than 30 seconds to return a result.' } },
        'createImmediateQuery',
      ).code,
    ).toBe('UPSTREAM_TIMEOUT');
    expect(fail(504, { error: { status: 504, message: 'Site is unreachable.' } }, 'createImmediateQuery').code).toBe(
      'SITE_UNAVAILABLE',
    );
    expect(fail(504, '', 'createImmediateQuery').code).toBe('UPSTREAM_TIMEOUT');
  });

  it('should map other statuses and malformed bodies to UPSTREAM_ERROR', ({ expect }) => {
    expect(fail(500, { error: { status: 500, message: 'Failed to create query container in CosmosDB.' } }).code).toBe(
      'UPSTREAM_ERROR',
    );
    expect(fail(502, '', 'Integrator_PairSite').code).toBe('UPSTREAM_ERROR');
    expect(fail(500, '{not json')).toMatchObject({ code: 'UPSTREAM_ERROR', payload: { shape: 'malformed' } });
    expect(fail(418, '')).toMatchObject({ code: 'UPSTREAM_ERROR', kind: 'general', payload: { shape: 'empty' } });
  });

  it('should carry Retry-After seconds on a 429 from the header, an HTTP date or the APIM text', ({ expect }) => {
    expect(fail(429, '', 'getSite', '7')).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 7 });
    expect(fail(429, '', 'getSite', new Date(NOW + 12_000).toUTCString())).toMatchObject({ retryAfterSeconds: 12 });
    expect(
      fail(429, { statusCode: 429, message: 'Rate limit is exceeded. Try again in 3 seconds.' }, 'getSite'),
    ).toMatchObject({ retryAfterSeconds: 3 });
    expect(fail(429, '', 'getSite').retryAfterSeconds).toBeUndefined();
  });
});

describe.concurrent('codeForStatus', () => {
  it('should be total over statuses', ({ expect }) => {
    for (let status = 100; status < 600; status++) {
      expect(typeof codeForStatus(status, { shape: 'empty' }, { operationId: 'getSite' })).toBe('string');
    }
  });
});

describe.concurrent('parseRetryAfter', () => {
  it('should read delta-seconds and HTTP dates, and ignore garbage', ({ expect }) => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter(' 120 ', NOW)).toBe(120);
    expect(parseRetryAfter(['5', '9'], NOW)).toBe(5);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', NOW)).toBe(30);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('-3', NOW)).toBeUndefined();
    expect(parseRetryAfter('1.5', NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });
});

describe.concurrent('network and local failures', () => {
  it('should keep the undici/Node code and map timeouts to UPSTREAM_TIMEOUT', ({ expect }) => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(errorFromNetwork({ operationId: 'getSite' }, reset)).toMatchObject({
      kind: 'network',
      code: 'UPSTREAM_ERROR',
      networkCode: 'ECONNRESET',
    });
    const slow = Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' });
    expect(errorFromNetwork({ operationId: 'getSite' }, slow)).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    const odd = Object.assign(new Error('x'), { code: 'select * from patients' });
    expect(errorFromNetwork({ operationId: 'getSite' }, odd).networkCode).toBe('UND_ERR');
  });

  it('should map our own refusals to stable codes', ({ expect }) => {
    expect(localFailure({ operationId: 'createImmediateQuery' }, 'CIRCUIT_OPEN').code).toBe('SITE_UNAVAILABLE');
    expect(localFailure({ operationId: 'createImmediateQuery' }, 'BULKHEAD_FULL').code).toBe('SITE_UNAVAILABLE');
    expect(localFailure({ operationId: 'getSite' }, 'DEADLINE_EXCEEDED').code).toBe('UPSTREAM_TIMEOUT');
    expect(localFailure({ operationId: 'getSite' }, 'ABORTED').code).toBe('UPSTREAM_ERROR');
  });

  it('should only call a request unsent when the connection never carried it', ({ expect }) => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const reset = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    expect(wasNotSent(errorFromNetwork({ operationId: 'createImmediateQuery' }, refused))).toBe(true);
    expect(wasNotSent(errorFromNetwork({ operationId: 'createImmediateQuery' }, reset))).toBe(false);
    expect(wasNotSent(fail(503, ''))).toBe(false);
  });
});

describe.concurrent('HaloApiError safety', () => {
  const CANARY_SQL = "SELECT Surname FROM BPS_Patients WHERE Surname = 'CANARY-Zyxwvut'";
  const CANARY_KEY = 'canary-subscription-key-9f8e7d';
  const CANARY_PATIENT = 'CANARY-Patient-Bloggs-1970-01-01';

  function plantedErrors(): HaloApiError[] {
    return [
      fail(
        400,
        { error: { status: 400, message: `Incorrect syntax near '${CANARY_SQL}' (key ${CANARY_KEY})` } },
        'createImmediateQuery',
      ),
      fail(
        400,
        {
          id: 'q',
          mode: 'immediate',
          status: 'executionFailed',
          errorDetails: { errorType: 'mssql', errorCode: 102, errorMessage: CANARY_SQL },
          command: { text: CANARY_SQL, parameters: [{ name: '@s', value: CANARY_PATIENT }] },
        },
        'createImmediateQuery',
      ),
      fail(
        404,
        {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', details: { text: `No Patient named ${CANARY_PATIENT}` } }],
        },
        'getFhirQuery',
      ),
      fail(401, { statusCode: 401, message: `Access denied for key ${CANARY_KEY}` }, 'getSite'),
      fail(500, `<html>${CANARY_SQL}</html>`, 'getSite'),
      errorFromNetwork(
        { operationId: 'getSite' },
        Object.assign(new Error(`reset while sending ${CANARY_SQL}`), { code: 'ECONNRESET' }),
      ),
    ];
  }

  it('should never put SQL, parameter values, patient data or the key in message, String(), JSON or inspect()', ({
    expect,
  }) => {
    for (const err of plantedErrors()) {
      for (const rendered of [
        err.message,
        String(err),
        JSON.stringify(err),
        inspect(err),
        JSON.stringify({ ...err }),
      ]) {
        expect(rendered).not.toContain('CANARY');
        expect(rendered).not.toContain(CANARY_KEY);
      }
    }
  });

  it('should still keep the parsed payload for code that asks for it', ({ expect }) => {
    const [first] = plantedErrors();
    expect(first?.payload).toMatchObject({ shape: 'spec' });
    expect(Object.keys(first ?? {})).not.toContain('payload');
  });

  it('should be one class with a stable name and code', ({ expect }) => {
    const err = fail(410, '', 'getResultPage');
    expect(err).toBeInstanceOf(HaloApiError);
    expect(err.name).toBe('HaloApiError');
    expect(err.message).toBe('Halo getResultPage failed: HTTP 410 (RESULT_EXPIRED)');
    expect(JSON.parse(JSON.stringify(err))).toMatchObject({
      code: 'RESULT_EXPIRED',
      status: 410,
      operationId: 'getResultPage',
    });
  });
});
