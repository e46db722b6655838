import type { SiteFixture } from '../fixtures.js';
import { formatInstant } from './dates.js';
import type { CapabilityStatement, CapabilityStatementSearchParam } from './fhir-types.js';
import { AU_PATIENT_PROFILE } from './patient.js';
import {
  DEFAULT_COUNT,
  MAX_COUNT,
  PAGES_OFFSET_PARAM,
  PAGES_TOKEN_PARAM,
  PATIENT_SEARCH_PARAMS,
  PATIENT_SORT_KEYS,
} from './search-params.js';

const SPEC = 'http://hl7.org/fhir/SearchParameter/';

/** Canonical SearchParameter URLs for the parameters FHIR defines (the rest have none). */
const DEFINITIONS: Readonly<Record<string, string>> = {
  _id: `${SPEC}Resource-id`,
  _lastUpdated: `${SPEC}Resource-lastUpdated`,
  identifier: `${SPEC}Patient-identifier`,
  name: `${SPEC}Patient-name`,
  family: `${SPEC}individual-family`,
  given: `${SPEC}individual-given`,
  birthdate: `${SPEC}individual-birthdate`,
  gender: `${SPEC}individual-gender`,
  phone: `${SPEC}individual-phone`,
  email: `${SPEC}individual-email`,
  address: `${SPEC}individual-address`,
  'address-city': `${SPEC}individual-address-city`,
  'address-state': `${SPEC}individual-address-state`,
  'address-postalcode': `${SPEC}individual-address-postalcode`,
  active: `${SPEC}Patient-active`,
  deceased: `${SPEC}Patient-deceased`,
  'death-date': `${SPEC}Patient-death-date`,
};

const MODIFIER_TEXT: Readonly<Record<string, string>> = {
  string:
    'Default: case- and accent-insensitive prefix match ignoring punctuation. Modifiers: :exact, :contains, :missing.',
  token: 'Modifiers: :not, :missing.',
  date: 'Prefixes: eq (default), ne, gt, lt, ge, le, sa, eb, ap (±10% of the distance to now). Dates without a zone are Australia/Sydney time. Modifier: :missing.',
};

/**
 * The site's CapabilityStatement, listing exactly what the simulator serves: Patient `read` and
 * `search-type`, each search parameter with its type, and the result parameters `_count`, `_sort`,
 * `_total` plus the paging continuation. Fields follow Halo's sample (DOMAIN.md §5): `id` = the
 * Halo GUID, `version` = the Halo Link version, `publisher`, `software.name`, `fhirVersion`, `format`.
 */
export function capabilityStatement(site: SiteFixture, baseUrl: string, now: Date): CapabilityStatement {
  const searchParam: CapabilityStatementSearchParam[] = [...PATIENT_SEARCH_PARAMS.values()].map((d) => {
    const p: CapabilityStatementSearchParam = { name: d.name, type: d.type };
    const definition = DEFINITIONS[d.name];
    if (definition !== undefined) p.definition = definition;
    p.documentation = `${d.documentation} ${MODIFIER_TEXT[d.type] ?? ''}`.trim();
    return p;
  });
  searchParam.push(
    {
      name: '_count',
      type: 'number',
      documentation: `Page size; default ${DEFAULT_COUNT}, at most ${MAX_COUNT} (larger values are lowered). 0 returns only the total.`,
    },
    {
      name: '_sort',
      type: 'string',
      documentation: `Comma-separated, '-' for descending; deterministic tie-break by _id. Sortable: ${[...PATIENT_SORT_KEYS.keys()].join(', ')}.`,
    },
    { name: '_total', type: 'token', documentation: 'none | estimate | accurate; the total is exact unless none.' },
    {
      name: PAGES_TOKEN_PARAM,
      type: 'string',
      documentation: 'Paging continuation of a POST search; only as found in Bundle links.',
    },
    { name: PAGES_OFFSET_PARAM, type: 'number', documentation: 'Paging offset; only as found in Bundle links.' },
  );
  return {
    resourceType: 'CapabilityStatement',
    id: site.id,
    version: `${site.haloLinkVersion}.0`,
    name: 'RestServer',
    status: 'active',
    date: formatInstant(now.getTime()),
    publisher: 'Halo Connect Pty Ltd',
    kind: 'instance',
    software: { name: 'BP/Halo FHIR Server', version: site.haloLinkVersion },
    implementation: { description: 'Halo FHIR Server', url: baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'application/json'],
    rest: [
      {
        mode: 'server',
        resource: [
          {
            type: 'Patient',
            profile: 'http://hl7.org/fhir/StructureDefinition/Patient',
            supportedProfile: [AU_PATIENT_PROFILE],
            interaction: [
              { code: 'read' },
              { code: 'search-type', documentation: 'GET Patient?… or POST Patient/_search (form body).' },
            ],
            searchParam,
          },
        ],
      },
    ],
  };
}
