/**
 * The FHIR R4 (4.0.1) JSON types the simulator emits: `@types/fhir@0.0.44` `fhir/r4` (FHIR.md §1,
 * §6), under the names the engine uses.
 */
export type {
  Address,
  Bundle,
  BundleEntry,
  BundleLink,
  CapabilityStatement,
  CapabilityStatementRestResourceSearchParam as CapabilityStatementSearchParam,
  CodeableConcept,
  Coding,
  ContactPoint,
  Extension,
  HumanName,
  Identifier,
  Meta,
  OperationOutcome,
  OperationOutcomeIssue,
  Patient,
  Period,
  Reference,
} from 'fhir/r4.js';

export type AdministrativeGender = 'male' | 'female' | 'other' | 'unknown';
export type IssueSeverity = 'fatal' | 'error' | 'warning' | 'information';
