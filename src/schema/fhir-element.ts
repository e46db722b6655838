/**
 * FHIR's element `id` ("unique id for the element within a resource, for internal references") is
 * unique only inside one resource: two patients' names may both be `"official"`. Exposed as `id`,
 * it would make client caches keyed by `__typename` + `id` merge elements of different patients,
 * so it is `elementId`; the old `id` field stays (deprecated) and is always null.
 */
export const ELEMENT_ID_DESCRIPTION =
  'FHIR Element.id: unique id for the element within its resource, for internal references (not unique across resources).';
export const DEPRECATED_ID_DESCRIPTION = 'Always null: read elementId.';
export const DEPRECATED_ID_REASON =
  'Use elementId. A FHIR element id is unique only within its resource, so caches keyed by __typename and id would merge elements of different patients.';

/** FHIR R4's definitions of the elements every datatype and backbone element has. */
export const EXTENSION_DESCRIPTION = 'Additional content defined by implementations.';
export const MODIFIER_EXTENSION_DESCRIPTION = 'Extensions that cannot be ignored even if unrecognized.';
