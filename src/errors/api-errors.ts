import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import { isHaloApiError, type HaloApiError, type HaloErrorCode } from '../datasources/halo-error.js';

/** The `extensions.code` values of docs/API.md. */
export type ErrorCode =
  | HaloErrorCode
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'WRITES_DISABLED'
  /** An idempotencyKey this replica does not know, while Redis (where replicas share them) is unreachable. */
  | 'IDEMPOTENCY_UNAVAILABLE'
  | 'NOT_ACCEPTABLE'
  | 'PERSISTED_QUERY_NOT_FOUND'
  | 'NOT_SUPPORTED'
  | 'EXECUTION_FAILED'
  | 'COLUMN_TYPE_MISMATCH';

/** Messages safe to show anyone: they never carry SQL, parameters, patient data or keys. */
const SAFE_MESSAGES: Readonly<Record<ErrorCode, string>> = {
  BAD_USER_INPUT: 'Halo rejected the request as invalid.',
  UNAUTHENTICATED: 'Authentication is required.',
  FORBIDDEN: 'Not allowed.',
  SITE_NOT_FOUND: 'Site not found.',
  NOT_FOUND: 'Not found.',
  SITE_UNAVAILABLE: 'The practice is offline or unreachable. Try again later.',
  UPSTREAM_TIMEOUT: 'Halo did not answer in time.',
  RESULT_TOO_LARGE: 'The result is larger than Halo allows for an immediate query: use submitAsyncQuery.',
  RESULT_EXPIRED: 'The result has expired (Halo keeps results about 24 hours): run the query again.',
  RATE_LIMITED: 'Halo is rate limiting requests. Try again later.',
  NOT_AUTHORITATIVE:
    "This site is a backup (non-authoritative) server of its practice: use the practice's authoritative site (look it up with sites(pmsSiteId, pms)).",
  UPSTREAM_ERROR: 'Halo answered with an unexpected error.',
  QUOTA_EXCEEDED:
    "This site's monthly budget of billed Halo queries (SITE_MONTHLY_QUERY_BUDGET) is spent, so nothing was sent to Halo: Site.usage shows the month's figures. Named queries with maxAgeSeconds may still be answered from kept results.",
  WRITES_DISABLED: 'NON_QUERY commands are not enabled for this client.',
  IDEMPOTENCY_UNAVAILABLE:
    'Idempotency keys cannot be checked right now, so nothing was sent: retry shortly with the same idempotencyKey.',
  NOT_ACCEPTABLE: "The response cannot be sent in a form the request's Accept header allows.",
  PERSISTED_QUERY_NOT_FOUND: 'No trusted document has this id: send the document text, or its id from the manifest.',
  NOT_SUPPORTED: "This is not supported for this site's practice management system.",
  EXECUTION_FAILED: 'The query failed at the practice.',
  COLUMN_TYPE_MISMATCH: "A value in the practice's answer does not fit the type the named query declares.",
};

/** A creation that may have been carried out: how to go on safely. */
const MAY_HAVE_SUCCEEDED =
  'Halo did not confirm the creation in time, and it may have been carried out: check before trying again, or retry with the same idempotencyKey.';

/** A client-actionable error with one of the API.md codes. */
export function apiError(
  code: ErrorCode,
  message: string = SAFE_MESSAGES[code],
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export const badUserInput = (message: string, extensions: Record<string, unknown> = {}) =>
  apiError('BAD_USER_INPUT', message, extensions);

/** UPSTREAM_TIMEOUT for a creation whose outcome is unknown (it may have been carried out). */
export const mayHaveSucceeded = (): GraphQLError =>
  apiError('UPSTREAM_TIMEOUT', MAY_HAVE_SUCCEEDED, { mayHaveSucceeded: true });

/** HaloApiError → the GraphQL error clients see, in one place. */
export function fromHaloError(err: HaloApiError): GraphQLError {
  const extensions: Record<string, unknown> = {};
  if (err.code === 'RATE_LIMITED' && err.retryAfterSeconds !== undefined)
    extensions.retryAfterSeconds = err.retryAfterSeconds;
  if (err.code === 'NOT_AUTHORITATIVE' && err.authoritativeSiteId !== undefined) {
    extensions.authoritativeSiteId = err.authoritativeSiteId;
  }
  if (err.mayHaveSucceeded) {
    extensions.mayHaveSucceeded = true;
    return apiError(err.code, MAY_HAVE_SUCCEEDED, extensions);
  }
  return apiError(err.code, SAFE_MESSAGES[err.code], extensions);
}

/** A HaloApiError as the API's GraphQL error; any other error unchanged. */
export function toApiError(error: unknown): Error {
  return isHaloApiError(error) ? fromHaloError(error) : (error as Error);
}

/** Runs an upstream call and turns its HaloApiError into the API's GraphQL error. */
export async function upstream<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    throw toApiError(err);
  }
}

/**
 * yoga's `maskedErrors.maskError`: HaloApiErrors that escaped a resolver become their API code;
 * our own GraphQLErrors pass (without any `originalError` extension); anything else is masked as
 * an unexpected error.
 */
export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (isHaloApiError(original)) {
    const mapped = fromHaloError(original);
    return error instanceof GraphQLError
      ? new GraphQLError(mapped.message, { nodes: error.nodes, path: error.path, extensions: mapped.extensions })
      : mapped;
  }
  const masked = yogaMaskError(error, message, isDev);
  // yoga attaches the JSON parser's error (whose message quotes the request body) as
  // `extensions.originalError` to "POST body sent invalid JSON". Its presence also makes yoga answer
  // 400 rather than 200 to application/json clients, so it is kept, without the quotation.
  const quoted = masked instanceof GraphQLError ? masked.extensions['originalError'] : undefined;
  if (masked instanceof GraphQLError && quoted !== undefined && !(quoted instanceof GraphQLError)) {
    const name =
      typeof (quoted as { name?: unknown }).name === 'string'
        ? String((quoted as { name: string }).name).replace(/[^A-Za-z]/g, '')
        : 'Error';
    return new GraphQLError(masked.message, {
      nodes: masked.nodes,
      source: masked.source,
      positions: masked.positions,
      path: masked.path,
      extensions: { ...masked.extensions, originalError: { name, message: 'The request could not be read.' } },
    });
  }
  return masked;
}
