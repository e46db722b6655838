/**
 * Every choice the simulator makes where docs/halo/DOMAIN.md marks Halo's behaviour as
 * *inferred* or unknown, in one place. The README's simulator section lists them; change them here.
 * Durations are simulated milliseconds (see clock.ts).
 */
export const INFERRED = Object.freeze({
  /** Immediate results above this many bytes of JSON fail with HTTP 413 + errorDetails http/413 (DOMAIN §3.3). */
  immediateResultLimitBytes: 8 * 1024 * 1024,
  /** An immediate query on an unreachable site answers 504 at once; the real gateway waits ~30 s (DOMAIN §2.6). */
  immediateUnreachableWaitsMs: 0,
  /** Async lifecycle step durations. */
  asyncInitialisingMs: 100,
  asyncQueuedMs: 200,
  /** Minimum simulated execution time; the real SQLite time is used when longer. */
  asyncMinExecutionMs: 50,
  /** Time to upload one page (queued → uploading → cached is half of it each). */
  asyncPageUploadMs: 100,
  /** An async query on an unreachable site fails after Halo's 2-minute silence rule (DOMAIN §6). */
  asyncUnreachableAfterMs: 2 * 60 * 1000,
  /**
   * While a site is offline or unreachable, a queued async query stays queued and expires
   * (`expiredInQueue`) when its `maxTimeInQueue` passes (DOMAIN §2.2 infers the cause from the name).
   */
  queuedWaitsForOnlineSite: true,
  /**
   * Status `uploading` already carries `result.pages[]` with per-page status; pages that are
   * `cached` can be fetched before the query is `successful`. The spec shows `result` only on
   * `successful`; extra properties are allowed by its schemas.
   */
  uploadingExposesPages: true,
  /** Results (pages) expire this long after completion → 410 (DOMAIN §3.2: "approximately 24 hours"). */
  resultTtlMs: 24 * 60 * 60 * 1000,
  /**
   * How long an idle keep-alive connection stays open (real milliseconds, not simulated; DOMAIN.md
   * says nothing). Halo sits behind Azure's gateways, whose idle timeouts are minutes (the Azure
   * load balancer's default is 4); Node's default of 5 s would make clients reopen connections that
   * the real service keeps.
   */
  keepAliveTimeoutMs: 60_000,
  /** Pages split at about this many bytes of JSON; overridden by SIMULATOR_PAGE_BYTES. */
  defaultPageBytes: 1024 * 1024,
  /** Row ranges in `pages[].rows` are 0-based and inclusive (the spec's concrete batch example). */
  rowRangeBase: 0,
  /** A page that is not yet `cached`, or past the page count → 404 (DOMAIN §3.2 open question). */
  pageNotReadyStatus: 404,
  /** `/stream` sends the page's decoded UTF-8 JSON array, chunked (DOMAIN §3.2 open question). */
  streamSendsDecodedJson: true,
  /** `size` and `resultSize` are byte lengths of the UTF-8 JSON (not of the base64). */
  sizeIsJsonBytes: true,
  /** `commandSize` is the byte length of `command.text`; `requestSize` of the whole request body. */
  commandSizeIsTextBytes: true,
  /** scalar results are encoded like reader results: one row `{ column: value }` (`''` for an unnamed column). */
  scalarAsOneRow: true,
  /** Output parameter values in results are base64 of their string form (spec `format: "base64 (output)"`). */
  outputParametersBase64: true,
  /** Registered queries: first run at creation, then every `frequency`; floor(duration/frequency)+1 runs, then `completed`. */
  registeredFirstRunAtCreation: true,
  /** lastHash = base64(SHA-256(UTF-8 JSON of the rows)). */
  registeredHashAlgorithm: 'sha256-base64',
  /** A run while the site is not online is skipped (nothing reaches Halo Link), not counted as failed. */
  registeredSkipsOfflineRuns: true,
  /** The results endpoint before any successful run → 404. After completion or cancel it still serves the latest. */
  registeredResultBeforeFirstRun: 404,
  /** Cancelling an already cancelled or completed registered query answers 204 and changes nothing. */
  registeredCancelIdempotent: true,
  /** Queries on a non-authoritative site → 403 (S17: "non-authoritative practice"). getSite still answers. */
  nonAuthoritativeQueriesForbidden: true,
  /** A wrong Best Practice pairing code → 403; several sites with one PMS id pair the authoritative one. */
  wrongPairingCodeStatus: 403,
  /** Gateway errors (missing/invalid key, unknown route, oversized body) use API Management's `{statusCode, message}`. */
  gatewayErrorsInApimShape: true,
  /** Request bodies above this size → 413 in the API Management shape. */
  maxRequestBodyBytes: 4 * 1024 * 1024,
  /** getQueryStatusBatch takes at most this many ids (400 above). */
  maxBatchQueryIds: 100,
  /** Webhook `X-Halo-Timestamp` is real wall-clock time (receivers check it against theirs); `occurredAt` is simulated time. */
  webhookTimestampIsWallClock: true,
  /** Webhook delivery: 5 s timeout, up to 6 attempts, delays 1 s, 2 s, 4 s, 8 s, 16 s (simulated clock). */
  webhookAttempts: 6,
  webhookFirstRetryMs: 1000,
  webhookTimeoutMs: 5000,
});

export const HALO_MESSAGES = Object.freeze({
  siteOffline: 'Site could not be contacted, please try again later or contact a system administrator.',
  siteUnreachable: 'Query took more than 30 seconds to return a result.',
  internal: 'Failed to create query container in CosmosDB.',
  tooLarge:
    'Query was executed successfully but an error occurred preparing it to be uploaded, results were too large. Immediate query results beyond message size limit (8mb)',
  gone: 'Access to the target resource is permanently no longer available at the origin server.',
  missingKey:
    'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
  invalidKey:
    'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
  badGateway: 'The practice management software returned an unexpected result code.',
});
