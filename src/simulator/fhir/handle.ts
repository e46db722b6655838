import type { FhirRequest, FhirResponse } from './types.js';

// PLACEHOLDER (to be replaced by the FHIR engine): every FHIR call answers 404 OperationOutcome.
export function handleFhir(_req: FhirRequest): FhirResponse {
  return {
    status: 404,
    body: {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'not-supported', details: { text: 'The FHIR API is not available on this simulator yet.' } }],
    },
  };
}
