/**
 * How a GraphQL operation ended, as logs, metrics and traces report it. A result with errors whose
 * client had already gone away (its request's signal aborted: a closed connection, a stopped load
 * tester) is `client_aborted`: its errors are the hang-up's consequence, not a failure to alarm on.
 */
export type OperationOutcome = 'success' | 'error' | 'client_aborted';

/** The outcome of an operation that ended with or without errors, given its context. */
export function operationOutcome(hasErrors: boolean, contextValue: unknown): OperationOutcome {
  if (!hasErrors) return 'success';
  const signal = (contextValue as { signal?: AbortSignal } | null | undefined)?.signal;
  return signal?.aborted === true ? 'client_aborted' : 'error';
}
