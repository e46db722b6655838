/**
 * FHIR R4 Patient (AU Base) from Halo's FHIR API, and the `patient`/`patients` root fields.
 *
 * Field names are the FHIR JSON names, so Halo's resources are returned as they came (plus
 * `siteId`). Searches always go upstream as `POST Patient/_search` with a form body, so no searched
 * value appears in an upstream URL; a read by id uses `GET Patient/{id}` (an id is not patient
 * detail). No error message carries a searched value, and nothing here logs.
 */
import type { GraphQLError } from 'graphql';
import type {
  Address as FhirAddress,
  ContactPoint as FhirContactPoint,
  Extension as FhirExtension,
  HumanName as FhirHumanName,
  Identifier as FhirIdentifier,
  Patient as FhirPatient,
} from 'fhir/r4.js';
import type { Context } from '../../request/context.js';
import { isHaloApiError, type HaloApiError } from '../../datasources/halo-error.js';
import type { FhirBundle, FhirResource, OperationOutcome } from '../../datasources/types.js';
import { builder } from '../builder.js';
import { MODIFIER_EXTENSION_DESCRIPTION } from '../fhir-element.js';
import { apiError, badUserInput, fromHaloError } from '../../errors/api-errors.js';
import { decodeGlobalId, encodeGlobalId } from '../global-id.js';
import { requireGuid } from '../ids.js';
import { forwardPage, isPosition, offsetConnection, type ConnectionShape, type OffsetPage } from '../pagination.js';
import { FhirDate } from '../scalars.js';
import { Address } from './Address.js';
import { Attachment } from './Attachment.js';
import { CodeableConcept } from './CodeableConcept.js';
import { ContactPoint } from './ContactPoint.js';
import { Element } from './Element.js';
import { Extension } from './Extension.js';
import { HumanName } from './HumanName.js';
import { Identifier } from './Identifier.js';
import { Meta } from './Meta.js';
import { Narrative } from './Narrative.js';
import { Node, registerNodeType } from './Node.js';
import { PatientCommunication } from './PatientCommunication.js';
import { PatientConnection } from './PatientConnection.js';
import { PatientContact } from './PatientContact.js';
import { PatientLink } from './PatientLink.js';
import { Reference } from './Reference.js';

/** A Halo Patient resource as received (`id` is its FHIR id), with the site it came from. */
export type SitePatient = FhirPatient & { id: string; siteId: string };

/** The Patient's global id (Patient.id): its site and FHIR id, unique across sites. */
export const patientGlobalId = (p: Pick<SitePatient, 'id' | 'siteId'>): string =>
  encodeGlobalId('Patient', p.siteId, p.id);

/** `items` kept by `keep`; `null` when the element is absent. */
const pick = <T>(items: T[] | undefined, keep?: (item: T) => boolean): T[] | null =>
  items === undefined ? null : keep ? items.filter(keep) : items;

export const Patient = builder.objectRef<SitePatient>('Patient');

Patient.implement({
  description:
    'A FHIR R4 Patient (AU Base 4.1.0) as Halo returns it: field names are the FHIR JSON names, except `id`, which is unique across sites (the FHIR logical id is `fhirId`). Not modelled: `contained`, and primitive-value extensions other than `_birthDate` and `_deceasedDateTime`.',
  interfaces: [Node],
  isTypeOf: (value) =>
    typeof value === 'object' &&
    value !== null &&
    (value as { resourceType?: unknown }).resourceType === 'Patient' &&
    typeof (value as { siteId?: unknown }).siteId === 'string',
  fields: (t) => ({
    resourceType: t.string({ description: 'Always "Patient".', resolve: (p) => p.resourceType }),
    id: t.id({
      description:
        'Unique across sites and types (two practices’ patient 452 have two ids), so client caches can key on it. Opaque: pass it back (patient, node, search._id) and never parse it.',
      resolve: patientGlobalId,
    }),
    fhirId: t.id({
      description:
        'The FHIR logical id Halo uses (Patient/{fhirId}); unique within the site only. In Best Practice, the patient’s InternalID.',
      resolve: (p) => p.id,
    }),
    siteId: t.exposeID('siteId', { description: 'The Halo GUID of the site the patient belongs to (not FHIR).' }),
    meta: t.expose('meta', { description: 'Metadata about the resource.', type: Meta, nullable: true }),
    implicitRules: t.exposeString('implicitRules', {
      description: 'A set of rules under which this content was created.',
      nullable: true,
    }),
    language: t.exposeString('language', { description: 'Language of the resource content.', nullable: true }),
    text: t.expose('text', {
      description: 'Text summary of the resource, for human interpretation.',
      type: Narrative,
      nullable: true,
    }),
    extension: t.field({
      description:
        'Additional content defined by implementations (AU Base: indigenous status, birth place, gender identity…); filter them with url.',
      type: [Extension],
      nullable: true,
      args: { url: t.arg.string({ description: 'Only extensions with this url.' }) },
      resolve: (p, { url }) => pick<FhirExtension>(p.extension, url == null ? undefined : (e) => e.url === url),
    }),
    modifierExtension: t.expose('modifierExtension', {
      description: MODIFIER_EXTENSION_DESCRIPTION,
      type: [Extension],
      nullable: true,
    }),
    identifier: t.field({
      description:
        'An identifier for this patient (IHI, Medicare number, DVA number, the practice record number\u2026).',
      type: [Identifier],
      nullable: true,
      args: {
        system: t.arg.string({
          description: 'Only identifiers of this system, e.g. http://ns.electronichealth.net.au/id/hi/ihi/1.0 (IHI).',
        }),
      },
      resolve: (p, { system }) =>
        pick<FhirIdentifier>(p.identifier, system == null ? undefined : (i) => i.system === system),
    }),
    active: t.exposeBoolean('active', {
      description: "Whether this patient's record is in active use.",
      nullable: true,
    }),
    name: t.field({
      description: 'A name associated with the patient.',
      type: [HumanName],
      nullable: true,
      args: { use: t.arg.string({ description: 'Only names with this use (official, usual, …).' }) },
      resolve: (p, { use }) => pick<FhirHumanName>(p.name, use == null ? undefined : (n) => n.use === use),
    }),
    telecom: t.field({
      description: 'A contact detail for the individual.',
      type: [ContactPoint],
      nullable: true,
      args: {
        system: t.arg.string({ description: 'Only this system (phone, email, …).' }),
        use: t.arg.string({ description: 'Only this use (home, mobile, …).' }),
      },
      resolve: (p, { system, use }) =>
        pick<FhirContactPoint>(
          p.telecom,
          system == null && use == null
            ? undefined
            : (c) => (system == null || c.system === system) && (use == null || c.use === use),
        ),
    }),
    gender: t.exposeString('gender', { nullable: true, description: 'male | female | other | unknown' }),
    birthDate: t.expose('birthDate', {
      type: FhirDate,
      nullable: true,
      description: 'YYYY, YYYY-MM or YYYY-MM-DD: partial dates are real.',
    }),
    _birthDate: t.expose('_birthDate', {
      type: Element,
      nullable: true,
      description: 'Extensions on birthDate (AU: date-accuracy-indicator, birth time).',
    }),
    deceasedBoolean: t.exposeBoolean('deceasedBoolean', {
      description: 'Indicates if the individual is deceased or not (when no date is known).',
      nullable: true,
    }),
    deceasedDateTime: t.exposeString('deceasedDateTime', {
      description: 'When the individual died (a FHIR dateTime).',
      nullable: true,
    }),
    _deceasedDateTime: t.expose('_deceasedDateTime', {
      description: 'Extensions on deceasedDateTime (e.g. its accuracy).',
      type: Element,
      nullable: true,
    }),
    address: t.field({
      description: 'An address for the individual.',
      type: [Address],
      nullable: true,
      args: { use: t.arg.string({ description: 'Only addresses with this use (home, work, …).' }) },
      resolve: (p, { use }) => pick<FhirAddress>(p.address, use == null ? undefined : (a) => a.use === use),
    }),
    maritalStatus: t.expose('maritalStatus', {
      description: 'Marital (civil) status of a patient.',
      type: CodeableConcept,
      nullable: true,
    }),
    multipleBirthBoolean: t.exposeBoolean('multipleBirthBoolean', {
      description: 'Whether patient is part of a multiple birth.',
      nullable: true,
    }),
    multipleBirthInteger: t.exposeInt('multipleBirthInteger', {
      description: 'The birth order of a patient who is part of a multiple birth.',
      nullable: true,
    }),
    photo: t.expose('photo', { description: 'Image of the patient.', type: [Attachment], nullable: true }),
    contact: t.expose('contact', {
      description: 'A contact party (e.g. guardian, partner, friend) for the patient.',
      type: [PatientContact],
      nullable: true,
    }),
    communication: t.expose('communication', {
      description: 'A language which may be used to communicate with the patient about his or her health.',
      type: [PatientCommunication],
      nullable: true,
    }),
    generalPractitioner: t.expose('generalPractitioner', {
      description: "Patient's nominated primary care provider.",
      type: [Reference],
      nullable: true,
    }),
    managingOrganization: t.expose('managingOrganization', {
      description: 'Organization that is the custodian of the patient record.',
      type: Reference,
      nullable: true,
    }),
    link: t.expose('link', {
      description: 'Link to another patient resource that concerns the same actual person.',
      type: [PatientLink],
      nullable: true,
    }),
  }),
});

// ── Search input ─────────────────────────────────────────────────────────────────────────────────

const FhirSearchParamInput = builder.inputType('FhirSearchParamInput', {
  description: 'One FHIR search parameter sent as given, e.g. { name: "family:exact", value: "Smith" }.',
  fields: (t) => ({
    name: t.string({
      required: true,
      description:
        'Parameter name with optional modifier. Paging parameters (_count, _getpages…) are not allowed: use first/after.',
    }),
    value: t.string({
      required: true,
      description: 'The value, sent as given (FHIR search syntax: comparison prefixes, system|value, commas for OR).',
    }),
  }),
});

const PatientSearch = builder.inputType('PatientSearch', {
  description:
    'FHIR Patient search parameters (names as FHIR, with "-" written "_"). Each list element is one parameter: elements AND together, commas inside one element OR (FHIR semantics); values such as "ge1970-01-01" or "system|value" pass through verbatim.',
  fields: (t) => ({
    _id: t.stringList({
      description: 'Patient.id or FHIR logical id (token, exact; commas OR several).',
    }),
    _lastUpdated: t.stringList({ description: 'meta.lastUpdated (date, with prefixes).' }),
    identifier: t.stringList({ description: 'system|value, |value, value or system| (token).' }),
    name: t.stringList({ description: 'Any part of any name (string: starts-with, case- and accent-insensitive).' }),
    family: t.stringList({ description: 'Family name (string).' }),
    given: t.stringList({ description: 'Given names (string).' }),
    birthdate: t.stringList({
      description: 'Date of birth: eq ne gt lt ge le sa eb ap prefixes; partial dates are ranges.',
    }),
    gender: t.stringList({ description: 'male | female | other | unknown (token).' }),
    phone: t.stringList({ description: 'A phone number (token, bare value).' }),
    email: t.stringList({ description: 'An e-mail address (token, bare value).' }),
    address: t.stringList({ description: 'Any part of an address (string).' }),
    address_city: t.stringList({ description: 'address-city (string).' }),
    address_state: t.stringList({ description: 'address-state (string).' }),
    address_postalcode: t.stringList({ description: 'address-postalcode (string).' }),
    active: t.stringList({ description: 'true | false (token).' }),
    deceased: t.stringList({ description: 'true | false (token).' }),
    death_date: t.stringList({ description: 'death-date (date).' }),
    _sort: t.string({
      description: 'FHIR _sort: comma-separated parameter names, "-" for descending, e.g. "family,-birthdate".',
    }),
    params: t.field({
      type: [FhirSearchParamInput],
      description: 'Escape hatch for modifiers and other parameters, sent after the fields above.',
    }),
  }),
});

/** PatientSearch fields in the order they are sent, with their FHIR names. */
const SEARCH_FIELDS = [
  ['_id', '_id'],
  ['_lastUpdated', '_lastUpdated'],
  ['identifier', 'identifier'],
  ['name', 'name'],
  ['family', 'family'],
  ['given', 'given'],
  ['birthdate', 'birthdate'],
  ['gender', 'gender'],
  ['phone', 'phone'],
  ['email', 'email'],
  ['address', 'address'],
  ['address_city', 'address-city'],
  ['address_state', 'address-state'],
  ['address_postalcode', 'address-postalcode'],
  ['active', 'active'],
  ['deceased', 'deceased'],
  ['death_date', 'death-date'],
] as const;

type SearchField = (typeof SEARCH_FIELDS)[number][0];

/** The PatientSearch argument as resolvers receive it. */
export type PatientSearchInput = { readonly [K in SearchField]?: readonly string[] | null | undefined } & {
  readonly _sort?: string | null | undefined;
  readonly params?: ReadonlyArray<{ readonly name: string; readonly value: string }> | null | undefined;
};

/** One FHIR search parameter: [name (with modifier), value]. */
export type FhirParam = readonly [name: string, value: string];

const MAX_SEARCH_PARAMS = 50;
const MAX_VALUE_LENGTH = 1024;
const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}(?::[A-Za-z][A-Za-z0-9_-]{0,31})?$/;
/** Paging is ours (first/after): these would desynchronise cursors from what Halo returns. */
const RESERVED_PARAMS = new Set(['_count', '_offset', '_getpages', '_getpagesoffset', '_page', '_cursor']);

/**
 * PatientSearch → the FHIR parameters to POST, in a stable order: the fields, `_sort`, then
 * `params`. Throws BAD_USER_INPUT (naming the argument, never a value) for too many parameters,
 * over-long values, malformed or reserved parameter names.
 */
export function searchParams(search: PatientSearchInput | null | undefined, siteId?: string): FhirParam[] {
  const out: Array<readonly [string, string]> = [];
  if (!search) return out;
  for (const [field, fhirName] of SEARCH_FIELDS) {
    for (const [i, value] of (search[field] ?? []).entries()) {
      // Patient.id values (as clients hold them) become the FHIR ids Halo searches by.
      const translated =
        field === '_id' && siteId !== undefined
          ? value
              .split(',')
              .map((id) => (decodeGlobalId(id) ? fhirIdOf(id, siteId, `search._id[${i}]`) : id))
              .join(',')
          : value;
      out.push([fhirName, translated]);
    }
  }
  if (search._sort != null) out.push(['_sort', search._sort]);
  for (const [i, p] of (search.params ?? []).entries()) {
    const base = p.name.split(':')[0] ?? '';
    if (!PARAM_NAME.test(p.name) || RESERVED_PARAMS.has(base)) {
      throw badUserInput('A search parameter name is malformed or reserved (paging is set with first/after).', {
        argument: `search.params[${i}].name`,
      });
    }
    out.push([p.name, p.value]);
  }
  if (out.length > MAX_SEARCH_PARAMS)
    throw badUserInput(`A search may have at most ${MAX_SEARCH_PARAMS} parameters.`, { argument: 'search' });
  if (out.some(([, v]) => v.length > MAX_VALUE_LENGTH))
    throw badUserInput(`Search values are limited to ${MAX_VALUE_LENGTH} characters.`, { argument: 'search' });
  return out;
}

// ── Cursors and Bundles ──────────────────────────────────────────────────────────────────────────

/** The cursor kind, part of what is signed. */
const CURSOR_KIND = 'Patient';
/** What a Halo `_getpages` continuation token may look like (the simulator's is base64url). */
const PAGE_TOKEN = /^[A-Za-z0-9_.~-]{1,4096}$/;
/** The only parameters a continuation link may carry for its token to be used. */
const LINK_PARAMS = new Set(['_getpages', '_count', '_getpagesoffset']);

/**
 * A Patient cursor's signed payload. `t` is the search as Halo sealed it in its paging links; the
 * search itself is never in the cursor, only `q`, a keyed digest binding the cursor to it.
 */
interface PatientCursor {
  /** Site GUID. */
  s: string;
  /** Keyed digest of the search parameters. */
  q: string;
  /** Position of the next patient in the whole result. */
  o: number;
  /** Halo's `_getpages` continuation token, when its links carried one. */
  t?: string;
}

/**
 * Halo's continuation token from the Bundle's `self` (else `next`) link, accepted only from a link
 * to this site's Patient search that carries nothing but paging parameters. The link itself is
 * never requested: the token is sent in a POST body to the configured Halo origin.
 */
export function continuationToken(bundle: Pick<FhirBundle, 'link'>, siteId: string): string | undefined {
  for (const relation of ['self', 'next']) {
    const url = bundle.link?.find((l) => l.relation === relation)?.url;
    if (typeof url !== 'string') continue;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      continue;
    }
    const m = /\/integrator\/sites\/([^/]+)\/fhir\/R4\/Patient(?:\/_search)?$/.exec(parsed.pathname);
    if (m?.[1]?.toLowerCase() !== siteId.toLowerCase()) continue;
    if (![...parsed.searchParams.keys()].every((k) => LINK_PARAMS.has(k))) continue;
    const tokens = parsed.searchParams.getAll('_getpages');
    if (tokens.length === 1 && PAGE_TOKEN.test(tokens[0]!)) return tokens[0];
  }
  return undefined;
}

/**
 * The form body for one page: the search itself (first page, or when Halo gave no usable token),
 * or Halo's continuation token; then `_count` and `_getpagesoffset`.
 */
export function pageRequest(search: readonly FhirParam[], page: OffsetPage, token: string | undefined): FhirParam[] {
  const paging: FhirParam[] = [['_count', String(page.size)]];
  if (page.offset > 0) paging.push(['_getpagesoffset', String(page.offset)]);
  return token === undefined ? [...search, ...paging] : [['_getpages', token], ...paging];
}

function isPatient(r: FhirResource | undefined): r is FhirResource & { resourceType: 'Patient'; id: string } {
  return r !== undefined && r.resourceType === 'Patient' && typeof r.id === 'string' && r.id !== '';
}

/**
 * A searchset Bundle → a Relay connection: the `match` Patients in order as edges (resources
 * unchanged, plus `siteId`), `totalCount` from `Bundle.total`, and a cursor per edge from `cursorAt`.
 * The single place where Bundles become connections.
 */
export function bundleToConnection(
  bundle: FhirBundle,
  page: { siteId: string; offset: number },
  cursorAt: (position: number) => string,
): ConnectionShape<SitePatient> {
  const items = (bundle.entry ?? [])
    .filter((e) => (e.search?.mode ?? 'match') === 'match')
    .map((e) => e.resource)
    .filter(isPatient)
    .map((r) => ({ ...(r as unknown as FhirPatient), id: r.id, siteId: page.siteId }));
  return offsetConnection(
    {
      offset: page.offset,
      items,
      total:
        typeof bundle.total === 'number' && Number.isSafeInteger(bundle.total) && bundle.total >= 0
          ? bundle.total
          : undefined,
      upstreamHasNext: bundle.link?.some((l) => l.relation === 'next') ?? false,
    },
    cursorAt,
  );
}

function openCursor(ctx: Context, cursor: string, siteId: string, digest: string): PatientCursor {
  const p = ctx.cursors.open(CURSOR_KIND, cursor);
  const valid =
    p !== undefined &&
    p['v'] === 1 &&
    typeof p['s'] === 'string' &&
    typeof p['q'] === 'string' &&
    isPosition(p['o']) &&
    (p['t'] === undefined || (typeof p['t'] === 'string' && PAGE_TOKEN.test(p['t'])));
  if (!valid) throw badUserInput('after is not a valid cursor.', { argument: 'after' });
  // Same site and same search as the request: a cursor never moves a client to other data.
  if (p['s'] !== siteId || p['q'] !== digest) {
    throw badUserInput('after is a cursor of another search: repeat the same siteId and search with after.', {
      argument: 'after',
    });
  }
  return { s: p['s'], q: p['q'], o: p['o'] as number, ...(typeof p['t'] === 'string' ? { t: p['t'] } : {}) };
}

// ── Errors ───────────────────────────────────────────────────────────────────────────────────────

const SEARCH_REJECTED =
  "Halo's FHIR server rejected the search: a parameter, modifier, comparison prefix or value format is not supported or not well formed.";

/** A name quoted in Halo's OperationOutcome text, as a FHIR search parameter (with a modifier) is written. */
const QUOTED_NAME = /["'\u201C\u2018]([A-Za-z_][A-Za-z0-9_.-]{0,63}(?::[A-Za-z][A-Za-z0-9_-]{0,31})?)["'\u201D\u2019]/g;

/**
 * The argument of `search` holding the parameter Halo's OperationOutcome names, when it names one
 * the request sent: `search.birthdate`, `search._sort`, or `search.params[i]` (a client's own
 * parameter is named by its position). Only names of sent parameters come back, never a value.
 */
export function rejectedArgument(
  outcome: OperationOutcome | undefined,
  search: PatientSearchInput | null | undefined,
): { argument: string; parameter?: string } | undefined {
  if (!outcome || !search) return undefined;
  const quoted = (outcome.issue ?? [])
    .flatMap((i) => [i.details?.text, i.diagnostics])
    .flatMap((text) => (typeof text === 'string' ? [...text.matchAll(QUOTED_NAME)].map((m) => m[1]!) : []));
  // A client's own parameter named exactly, or by its name and its modifier (`"family" … "fuzzy"`).
  const params = search.params ?? [];
  const own = params.findIndex((p) => {
    const [base, modifier] = p.name.split(':');
    return quoted.includes(p.name) || (modifier !== undefined && quoted.includes(base!) && quoted.includes(modifier));
  });
  if (own >= 0) return { argument: `search.params[${own}]` };
  // Else the first name Halo quotes that the request sent: a field, _sort, or a parameter by its base name.
  for (const name of quoted) {
    const base = name.split(':')[0]!;
    const field = SEARCH_FIELDS.find(([, fhirName]) => fhirName === base);
    if (field && (search[field[0]]?.length ?? 0) > 0) return { argument: `search.${field[0]}`, parameter: base };
    if (base === '_sort' && search._sort != null) return { argument: 'search._sort', parameter: '_sort' };
    const i = params.findIndex((p) => p.name.split(':')[0] === base);
    if (i >= 0) return { argument: `search.params[${i}]` };
  }
  return undefined;
}

/** Whether the site's practice management system serves FHIR (Halo documents it for Best Practice only). */
async function servesFhir(ctx: Context, siteId: string): Promise<boolean> {
  try {
    const site = await ctx.halo.getSite(siteId);
    const pms = site.pmsType ?? site.practiceMetadata?.pmsType;
    return pms === undefined || pms === 'BestPractice';
  } catch {
    return true;
  }
}

/**
 * A failed FHIR call → the API's error. Halo's OperationOutcome text is never passed on (it may
 * quote what was searched); a rejected search names the argument holding the parameter Halo named,
 * when it named one the request sent. A 400 on a site whose PMS has no FHIR becomes BAD_USER_INPUT
 * with `reason: FHIR_NOT_SUPPORTED` on `siteId` (one getSite, only on this error path).
 */
async function fhirError(
  ctx: Context,
  siteId: string,
  err: HaloApiError,
  op: 'read' | 'search',
  search?: PatientSearchInput | null,
): Promise<GraphQLError> {
  if (err.code === 'NOT_FOUND' && op === 'read') return apiError('NOT_FOUND', 'Patient not found.');
  if (err.code === 'BAD_USER_INPUT') {
    if (!(await servesFhir(ctx, siteId))) {
      return badUserInput('FHIR is not available for this site: Halo serves FHIR for Best Practice sites only.', {
        argument: 'siteId',
        reason: 'FHIR_NOT_SUPPORTED',
      });
    }
    if (op === 'read') return badUserInput("Halo's FHIR server rejected the read.", { argument: 'id' });
    const named = rejectedArgument(err.payload?.shape === 'fhir' ? err.payload.outcome : undefined, search);
    return named
      ? badUserInput(
          `Halo's FHIR server rejected ${named.argument}: its modifier, comparison prefix or value format is not supported or not well formed.`,
          named,
        )
      : badUserInput(SEARCH_REJECTED, { argument: 'search' });
  }
  return fromHaloError(err);
}

async function fhirCall<T>(
  ctx: Context,
  siteId: string,
  op: 'read' | 'search',
  call: () => Promise<T>,
  search?: PatientSearchInput | null,
): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw isHaloApiError(err) ? await fhirError(ctx, siteId, err, op, search) : err;
  }
}

// ── Root fields ──────────────────────────────────────────────────────────────────────────────────

/** FHIR `id` syntax; `.` and `..` alone would be path segments. */
const FHIR_ID = /^(?!\.{1,2}$)[A-Za-z0-9.-]{1,64}$/;

/**
 * The FHIR id that `id` (a Patient.id, or a FHIR id) stands for on `siteId`. Throws BAD_USER_INPUT,
 * naming `argument`, for anything else, and for a Patient.id of another site.
 */
function fhirIdOf(id: string, siteId: string, argument: string): string {
  const global = decodeGlobalId(id);
  if (global) {
    if (global.type !== 'Patient')
      throw badUserInput(`${argument} is the id of a ${global.type}, not of a Patient.`, { argument });
    if (global.siteId !== siteId)
      throw badUserInput(`${argument} is a patient of another site: pass that patient's siteId with it.`, {
        argument,
      });
    id = global.localId;
  }
  if (!FHIR_ID.test(id))
    throw badUserInput(`${argument} must be a Patient.id or a FHIR id (1 to 64 letters, digits, "-" or ".").`, {
      argument,
    });
  return id;
}

/** One patient by FHIR id (GET Patient/{id}); NOT_FOUND when the site has none. */
async function readPatient(ctx: Context, siteId: string, fhirId: string): Promise<SitePatient> {
  const resource = await fhirCall(ctx, siteId, 'read', () => ctx.halo.getFhirQuery(siteId, `Patient/${fhirId}`));
  if (resource.resourceType !== 'Patient') throw apiError('UPSTREAM_ERROR');
  return { ...(resource as unknown as FhirPatient), id: resource.id ?? fhirId, siteId };
}

registerNodeType('Patient', readPatient);

builder.queryFields((t) => ({
  patient: t.field({
    type: Patient,
    nullable: true,
    description: 'One patient (GET Patient/{id} upstream). NOT_FOUND when the site has no such patient.',
    args: {
      siteId: t.arg.id({ required: true, description: 'The Halo GUID of the site.' }),
      id: t.arg.id({ required: true, description: "The patient's Patient.id, or its FHIR id (Patient.fhirId)." }),
    },
    resolve: (_root, args, ctx) => {
      const siteId = requireGuid(args.siteId, 'siteId');
      return readPatient(ctx, siteId, fhirIdOf(args.id, siteId, 'id'));
    },
  }),
  patients: t.field({
    type: PatientConnection,
    description:
      'A FHIR Patient search (always POST Patient/_search upstream), paged Relay-style: pass pageInfo.endCursor (or any edge cursor) as `after` with the same siteId and search.',
    args: {
      siteId: t.arg.id({ required: true, description: 'The Halo GUID.' }),
      search: t.arg({ type: PatientSearch, description: 'FHIR search parameters; none: every patient of the site.' }),
      first: t.arg.int({ description: 'Page size, 0 to 100. @default 20' }),
      after: t.arg.string({ description: 'A cursor from this search.' }),
    },
    resolve: async (_root, args, ctx) => {
      const siteId = requireGuid(args.siteId, 'siteId');
      const search = searchParams(args.search, siteId);
      const digest = ctx.cursors.digest(CURSOR_KIND, [siteId, ...search.flat()]);
      const cursor = args.after == null ? undefined : openCursor(ctx, args.after, siteId, digest);
      const page = forwardPage(args.first, cursor?.o);
      const bundle = await fhirCall(
        ctx,
        siteId,
        'search',
        () => ctx.halo.postFhirSearch(siteId, 'Patient', pageRequest(search, page, cursor?.t)),
        args.search,
      );
      const token = continuationToken(bundle, siteId) ?? cursor?.t;
      return bundleToConnection(bundle, { siteId, offset: page.offset }, (o) =>
        ctx.cursors.seal(CURSOR_KIND, { v: 1, s: siteId, q: digest, o, ...(token !== undefined ? { t: token } : {}) }),
      );
    },
  }),
}));
