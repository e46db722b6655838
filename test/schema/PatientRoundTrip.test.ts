/**
 * The real AU test patients (hl7au/au-fhir-test-data, CC0; the copy in docs/halo/au-test-patients/,
 * with its licence) round-trip through the GraphQL Patient type unchanged: loaded into the simulator as raw
 * FHIR JSON, read back with `patient(siteId, id)`, and compared with the file.
 *
 * The selection is generated from the schema rather than written by hand, so it cannot forget a
 * field: every scalar field of every type reached is selected, and every object field is expanded
 * where some file has data at that position (elsewhere it is selected as `{ __typename }`, which
 * must come back null). Being generated, the document cannot be a codegen-typed `graphql()` one.
 *
 * "Unchanged" means: with nulls removed, `siteId` (ours) dropped and `fhirId` read as `id` (the API's
 * `id` is unique across sites), the answer equals the file
 * after pruning what the schema does not model. What the schema does not model: `contained`,
 * the `_<field>` primitive extensions other than `_birthDate`, `_deceasedDateTime` and
 * `HumanName._family`, and the rarer Extension value[x] types (see Extension.ts). None of these
 * occurs in the AU test patients, so nothing is pruned (asserted below).
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { getNamedType, isObjectType, parse, type GraphQLObjectType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { OnlineSite } from '../../simulator/src/fixtures.js';
import { useApp } from '../helpers/app.js';
import { execute } from '../helpers/execute.js';

const ctx = useApp();
const SITE = OnlineSite.id;
const DIR = new URL('../../docs/halo/au-test-patients/', import.meta.url);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

const sources: JsonObject[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, DIR), 'utf8')) as JsonObject);

/** The values found at one position across all samples, arrays flattened. */
const childValues = (samples: readonly Json[], key: string): Json[] =>
  samples.flatMap((s) => {
    if (!isObject(s) || s[key] === undefined || s[key] === null) return [];
    const v = s[key]!;
    return Array.isArray(v) ? v : [v];
  });

/** The selection set for `type` covering `samples`; keys the type lacks go to `pruned` as paths. */
function selection(type: GraphQLObjectType, samples: readonly Json[], path: string, pruned: Set<string>): string {
  const fields = type.getFields();
  for (const s of samples)
    if (isObject(s)) for (const k of Object.keys(s)) if (!(k in fields)) pruned.add(`${path}.${k}`);
  return Object.entries(fields)
    .map(([name, field]) => {
      const named = getNamedType(field.type);
      if (!isObjectType(named)) return name;
      const children = childValues(samples, name);
      return children.length === 0
        ? `${name} { __typename }`
        : `${name} { ${selection(named, children, `${path}.${name}`, pruned)} }`;
    })
    .join(' ');
}

/** Removes `null` values from objects, recursively (FHIR JSON omits absent elements). */
function stripNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripNulls);
  if (!isObject(v)) return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([, x]) => x !== null)
      .map(([k, x]) => [k, stripNulls(x)]),
  );
}

/** The resource without the paths the schema does not model. */
function prune(v: Json, path: string, pruned: ReadonlySet<string>): Json {
  if (Array.isArray(v)) return v.map((x) => prune(x, path, pruned));
  if (!isObject(v)) return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([k]) => !pruned.has(`${path}.${k}`))
      .map(([k, x]) => [k, prune(x, `${path}.${k}`, pruned)]),
  );
}

const patientType = schema.getType('Patient') as GraphQLObjectType;
const pruned = new Set<string>();
const ReadPatient = parse(
  `query RoundTripPatient($siteId: ID!, $id: ID!) { patient(siteId: $siteId, id: $id) { ${selection(patientType, sources, 'Patient', pruned)} } }`,
) as TypedDocumentNode<{ patient: Record<string, unknown> | null }, { siteId: string; id: string }>;

describe('Patient round trip', () => {
  beforeAll(async () => {
    const res = await ctx.call('POST', '/_sim/fhir/patients', { body: { siteId: SITE, resources: sources } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ loaded: sources.length });
  });

  it('should read every AU test patient file', () => {
    expect(sources.length).toBeGreaterThanOrEqual(90);
    expect(new Set(sources.map((s) => s['resourceType']))).toEqual(new Set(['Patient']));
  });

  it('should model every element the AU test patients use', () => {
    expect([...pruned]).toEqual([]);
  });

  it('should return each AU test patient unchanged through patient(siteId, id)', async () => {
    for (const source of sources) {
      const id = source['id'] as string;
      const res = await execute(ctx.app, ReadPatient, { siteId: SITE, id });
      expect(res.errors, id).toBeUndefined();
      const { siteId, id: globalId, fhirId, ...resource } = res.data!.patient!;
      expect(siteId).toBe(SITE);
      expect(fhirId).toBe(id);
      expect(globalId).toMatch(/^pt_/);
      expect(stripNulls({ id: fhirId, ...resource }), id).toEqual(prune(source, 'Patient', pruned));
    }
  });
});
