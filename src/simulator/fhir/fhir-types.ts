/**
 * Minimal FHIR R4 (4.0.1) JSON interfaces for what the simulator emits. They follow the field names
 * and cardinalities of `@types/fhir@0.0.44` `fhir/r4` (FHIR.md §1, §6), which is not installed yet;
 * once it is, these can become re-exports of `Patient`, `Bundle`, … from `fhir/r4`.
 */

export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Period {
  start?: string;
  end?: string;
}

export interface Reference {
  reference?: string;
  type?: string;
  identifier?: Identifier;
  display?: string;
}

export interface Extension {
  url: string;
  valueCoding?: Coding;
  valueCodeableConcept?: CodeableConcept;
  valueBoolean?: boolean;
  valueDate?: string;
  valueString?: string;
  extension?: Extension[];
}

export interface Identifier {
  extension?: Extension[];
  use?: 'usual' | 'official' | 'temp' | 'secondary' | 'old';
  type?: CodeableConcept;
  system?: string;
  value?: string;
  period?: Period;
  assigner?: Reference;
}

export interface HumanName {
  use?: 'usual' | 'official' | 'temp' | 'nickname' | 'anonymous' | 'old' | 'maiden';
  text?: string;
  family?: string;
  given?: string[];
  prefix?: string[];
  suffix?: string[];
}

export interface ContactPoint {
  system?: 'phone' | 'fax' | 'email' | 'pager' | 'url' | 'sms' | 'other';
  value?: string;
  use?: 'home' | 'work' | 'temp' | 'old' | 'mobile';
  rank?: number;
}

export interface Address {
  use?: 'home' | 'work' | 'temp' | 'old' | 'billing';
  type?: 'postal' | 'physical' | 'both';
  text?: string;
  line?: string[];
  city?: string;
  state?: string;
  postalCode?: string;
  country?: string;
}

export interface Meta {
  lastUpdated?: string;
  profile?: string[];
}

export type AdministrativeGender = 'male' | 'female' | 'other' | 'unknown';

export interface Patient {
  resourceType: 'Patient';
  id: string;
  meta?: Meta;
  extension?: Extension[];
  identifier?: Identifier[];
  active?: boolean;
  name?: HumanName[];
  telecom?: ContactPoint[];
  gender?: AdministrativeGender;
  birthDate?: string;
  deceasedBoolean?: boolean;
  deceasedDateTime?: string;
  address?: Address[];
  generalPractitioner?: Reference[];
}

export interface BundleLink {
  relation: string;
  url: string;
}

export interface BundleEntry {
  fullUrl?: string;
  resource?: Patient;
  search?: { mode?: 'match' | 'include' | 'outcome' };
}

export interface Bundle {
  resourceType: 'Bundle';
  id?: string;
  meta?: Meta;
  type: 'searchset';
  total?: number;
  link?: BundleLink[];
  entry?: BundleEntry[];
}

export type IssueSeverity = 'fatal' | 'error' | 'warning' | 'information';

export interface OperationOutcomeIssue {
  severity: IssueSeverity;
  code: string;
  details?: CodeableConcept;
  diagnostics?: string;
}

export interface OperationOutcome {
  resourceType: 'OperationOutcome';
  issue: OperationOutcomeIssue[];
}

export interface CapabilityStatementSearchParam {
  name: string;
  definition?: string;
  type: 'number' | 'date' | 'string' | 'token' | 'reference' | 'composite' | 'quantity' | 'uri' | 'special';
  documentation?: string;
}

export interface CapabilityStatement {
  resourceType: 'CapabilityStatement';
  id: string;
  version: string;
  name: string;
  status: 'draft' | 'active' | 'retired' | 'unknown';
  date: string;
  publisher: string;
  kind: 'instance' | 'capability' | 'requirements';
  software: { name: string; version?: string };
  implementation: { description: string; url?: string };
  fhirVersion: string;
  format: string[];
  rest: Array<{
    mode: 'server' | 'client';
    documentation?: string;
    resource: Array<{
      type: string;
      profile?: string;
      supportedProfile?: string[];
      documentation?: string;
      interaction: Array<{ code: string; documentation?: string }>;
      searchParam?: CapabilityStatementSearchParam[];
    }>;
  }>;
}
