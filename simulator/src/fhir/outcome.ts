import type { OperationOutcome } from './fhir-types.js';

/** The coding system of Halo's OperationOutcomes (the Firely .NET SDK's; DOMAIN.md §5). */
export const DOTNET_OUTCOME_SYSTEM = 'http://hl7.org/fhir/dotnet-api-operation-outcome';

/**
 * The one code Halo documents (`5003`, shown with "Unable to parse Resource URL"). Every outcome
 * the simulator emits uses it, as Halo's samples do for every status (inferred: the real code list
 * is not published).
 */
export const DOTNET_OUTCOME_CODE = '5003';

/**
 * An OperationOutcome in Halo's documented shape (FHIR.md §4.2, DOMAIN.md §5): one issue with
 * `severity: fatal`, `code: exception` and a `details.coding` in the dotnet-api-operation-outcome
 * system, the message in `details.text`.
 *
 * `text` must never contain a searched value (patient data must not travel in errors); callers
 * name parameters, never their values.
 */
export function operationOutcome(text: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: 'fatal',
        code: 'exception',
        details: { coding: [{ system: DOTNET_OUTCOME_SYSTEM, code: DOTNET_OUTCOME_CODE }], text },
      },
    ],
  };
}

/**
 * Thrown anywhere in the FHIR engine to answer with an OperationOutcome; `handleFhir` turns it into
 * the response. The message is the outcome's `details.text`, so the same rule applies: no values.
 */
export class FhirError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'FhirError';
  }
}

/** A 400 for a bad request (parameter, value, modifier, path). */
export const badFhirRequest = (text: string): FhirError => new FhirError(400, text);

/** Characters a parameter name or modifier may be echoed with; anything else is not echoed. */
const ECHOABLE = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * A parameter name (or modifier) quoted for an error text, or `undefined` when it does not look
 * like a parameter name (it might then carry data, so it is not echoed).
 */
export function quoteName(name: string): string | undefined {
  return ECHOABLE.test(name) ? `"${name}"` : undefined;
}
