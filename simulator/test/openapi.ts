/**
 * Validates response bodies against the official Halo contract
 * (`docs/halo/integrator-openapi.json`, OpenAPI 3.1.1 / JSON Schema 2020-12), so the simulator's
 * fidelity tests can check every body it sends.
 *
 * The spec is fully dereferenced: it has no `$ref`s, and every response schema is an inline copy of
 * `components.schemas`. The only references are `discriminator.mapping` values
 * (`#/components/schemas/AsyncQuery…`). The defects in {@link SPEC_DEFECTS} are patched first, and
 * each patch is checked against the spec every time it loads. Then every component schema (under its
 * own name) and every response schema (under `operationId.status`) go into the `$defs` of one ajv
 * document, and a response is compiled as `{ $ref: '<doc>#/$defs/getQuery.200' }`. Validators are
 * compiled lazily, once per distinct response schema, and cached per (operationId, status).
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';

/** Result of {@link validateResponse}. `errors` is empty when `valid`. */
export interface ResponseCheck {
  valid: boolean;
  /** One readable line per ajv error: `<instance path> <message> [<schema location>]`. */
  errors: string[];
}

/** One operation of the spec, as listed by {@link listOperations}. */
export interface SpecOperation {
  operationId: string;
  /** Upper case, as in `Request.method` (`GET`, `POST`, `DELETE`). */
  method: string;
  /** The spec's path template, e.g. `/integrator/sites/{siteId}/queries/{queryId}`. */
  path: string;
  /** Every status the spec declares a response for, ascending. */
  statuses: number[];
}

/** One example body the spec gives for a response (see {@link listResponseExamples}). */
export interface ResponseExample {
  operationId: string;
  status: number;
  /** Where the example sits, e.g. `example`, `examples/Failed completed query`, `schema/oneOf/1/example`. */
  source: string;
  body: unknown;
}

// ---------------------------------------------------------------------------------------------
// Spec loading
// ---------------------------------------------------------------------------------------------

/** `test/helpers/` → repo root → `docs/halo/` (a copy of Halo's published contract; see docs/halo/README.md). */
const SPEC_URL = new URL('../../docs/halo/integrator-openapi.json', import.meta.url);

/** `$id` of the ajv document; only used to address `$defs` and the discriminator targets. */
const DOC_ID = 'https://halo-connect.invalid/integrator-openapi.json';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface ResponseEntry {
  operationId: string;
  status: number;
  /** `null` when the response has no body (cancelRegisteredQuery 204). */
  schema: JsonObject | null;
  headers: string[];
}

interface LoadedSpec {
  operations: SpecOperation[];
  /** Key: `${operationId} ${status}`. Schemas here are already patched. */
  responses: Map<string, ResponseEntry>;
  components: JsonObject;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const keyOf = (operationId: string, status: number) => `${operationId} ${status}`;

function child(node: JsonObject, key: string, where: string): JsonObject {
  const value = node[key];
  if (!isObject(value)) throw new Error(`openapi helper: expected an object at ${where}/${key}`);
  return value;
}

let loaded: LoadedSpec | undefined;

function spec(): LoadedSpec {
  if (loaded) return loaded;
  const raw: unknown = JSON.parse(readFileSync(SPEC_URL, 'utf8'));
  if (!isObject(raw)) throw new Error(`openapi helper: ${SPEC_URL.pathname} is not a JSON object`);
  const doc = structuredClone(raw);
  const paths = child(doc, 'paths', '#');
  const components = child(doc, 'components', '#');
  child(components, 'schemas', '#/components');

  const operations: SpecOperation[] = [];
  const responses = new Map<string, ResponseEntry>();
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const operationId = op['operationId'];
      if (typeof operationId !== 'string') throw new Error(`openapi helper: ${method} ${path} has no operationId`);
      const statuses: number[] = [];
      for (const [code, response] of Object.entries(child(op, 'responses', `${method} ${path}`))) {
        // The spec only uses exact codes today. A range (`4XX`) or `default` would need a lookup
        // rule; fail loudly rather than let such a response go unchecked.
        if (!/^[1-5]\d\d$/.test(code))
          throw new Error(`openapi helper: unsupported response key ${operationId} ${code}`);
        if (!isObject(response)) throw new Error(`openapi helper: ${operationId} ${code} is not an object`);
        const status = Number(code);
        statuses.push(status);
        responses.set(keyOf(operationId, status), toEntry(operationId, status, response));
      }
      operations.push({ operationId, method: method.toUpperCase(), path, statuses: statuses.sort((a, b) => a - b) });
    }
  }
  applyDefectPatches(responses, components);
  loaded = { operations, responses, components };
  return loaded;
}

function toEntry(operationId: string, status: number, response: JsonObject): ResponseEntry {
  const headers = isObject(response['headers']) ? Object.keys(response['headers']) : [];
  const content = response['content'];
  if (content === undefined) return { operationId, status, schema: null, headers };
  if (!isObject(content)) throw new Error(`openapi helper: ${operationId} ${status} content is not an object`);
  const types = Object.keys(content);
  const mediaType = content['application/json'];
  // Every response in the spec is JSON. Anything else needs its own decoding rule, so refuse it.
  if (types.length !== 1 || !isObject(mediaType)) {
    throw new Error(
      `openapi helper: ${operationId} ${status} has media types [${types.join(', ')}], expected only application/json`,
    );
  }
  const schema = mediaType['schema'];
  if (!isObject(schema)) throw new Error(`openapi helper: ${operationId} ${status} has no schema`);
  return { operationId, status, schema, headers };
}

// ---------------------------------------------------------------------------------------------
// Spec defects: all deviations from a literal reading of the spec live here.
// ---------------------------------------------------------------------------------------------

/**
 * A `oneOf` whose branches overlap, so a correct body matches two branches and fails `oneOf`.
 * It is rewritten to `if: when, then: <select>, else: <otherwise>`. That is `anyOf` plus "and it must
 * match the branch it belongs to": a body passes only if it matches a branch (so `anyOf` holds),
 * and it is checked against the branch its own fields select. Relaxing it never lets a wrong body through.
 *
 * Branches are named by the component they are an inline copy of (checked with a deep compare) or
 * by their `title`. If the spec changes so the names no longer match, loading fails.
 */
interface OverlappingOneOf {
  responses: ReadonlyArray<readonly [operationId: string, statuses: readonly number[]]>;
  /** JSON pointer inside the response schema ('' = the schema itself). */
  at: string;
  /** The `if` schema that selects `select`; a body that does not match it must match `otherwise`. */
  when: JsonObject;
  select: BranchName;
  otherwise: BranchName;
  why: string;
}
type BranchName = { component: string } | { title: string };

/** `oneOf`s that are fine as written; listed so that a new `oneOf` in the spec is noticed. */
interface ExclusiveOneOf {
  responses: ReadonlyArray<readonly [operationId: string, statuses: readonly number[]]>;
  at: string;
  why: string;
}

const FAILED_IMMEDIATE_STATUSES = [400, 401, 403, 404, 500] as const;
const FHIR_FAILURE_STATUSES = [500, 503, 504] as const;

/**
 * The spec's defects and how each is handled: the one place where this helper departs from a
 * literal reading of the spec. Every departure is checked against the spec when it loads.
 *
 * 1. Overlapping `oneOf`s ({@link OverlappingOneOf}). Found by validating the spec's own example
 *    bodies and by checking each branch's minimal body against the other branches:
 *    - `getResultPage` 200: `oneOf [Query Result {data (required), parameters}, Non Query Result
 *      {parameters}]`. Neither branch has `additionalProperties: false`, so a `{data, parameters}`
 *      body matches both. A body with `data` must be a Query Result, any other a Non Query Result.
 *    - `createImmediateQuery` 400/401/403/404/500: `oneOf [Error, ExecutionFailedImmediateQuery]`.
 *      `Error` has no required property and matches any object. A body with `id` or `status` is a
 *      failed query and must match `ExecutionFailedImmediateQuery`, any other must match `Error`.
 *    - `getFhirQuery` 200: `oneOf [FhirResource, FhirBundle]`, both just `{type: object}`, so
 *      every body matches both. Selected by `resourceType: "Bundle"`.
 *    - `getFhirQuery` / `postFhirSearch` 500/503/504: `oneOf [OperationOutcome, Error]`, both match
 *      any object. A body with `resourceType` is an OperationOutcome, any other an `Error`.
 *    The brief also suspected `createAsyncQuery` 201; in this spec it is a one-branch `oneOf`
 *    (AsyncQueryInitialised), which cannot overlap. See defect 2 for its discriminator.
 *
 * 2. `discriminator` that only annotates. `getQuery` 200 and `getQueryStatusBatch` 200
 *    (`results[].query`) are the AsyncQuery *base* schema (no `oneOf`) with a
 *    `discriminator.mapping` from `status` to `AsyncQuery…` subtypes. JSON Schema ignores the
 *    discriminator, so the literal schema accepts `{status: "successful"}` without `result`. Each
 *    discriminator reached from a response is translated into plain JSON Schema: `status` must be a
 *    mapping key (createAsyncQuery 201 maps only `initialising`) and the body must match the mapped
 *    `#/components/schemas/AsyncQuery…`. The copies inside `components` stay annotations: every
 *    mapped target embeds the base (with its discriminator) through `allOf`, so translating those
 *    would make each target require itself.
 *
 * 3. Non-standard keywords and formats. `example` (OpenAPI's singular form) and `discriminator` are
 *    registered as annotation keywords. Formats: `uuid` and `date-time` come from ajv-formats;
 *    `base64` is checked with a strict RFC 4648 regex (padding required); `httpStatus` must be an
 *    integer 100–599; `milli-seconds`, `httpStatusPhrase`, `version`, `string` and
 *    `base64 (output)` accept anything of their type. `base64 (output)` is on output parameter
 *    values, whose own example (`"66"`) is not base64.
 *
 * 4. FHIR examples in Swagger 2 shape. The FHIR schemas' `example`s are wrapped in
 *    `{"application/json": …}`. {@link listResponseExamples} unwraps them. The schemas are
 *    `{type: object}`, so validation itself is unaffected.
 *
 * 5. A response with no body. `cancelRegisteredQuery` 204 declares no content; the body must be
 *    absent (`undefined`, or `''` as read from the wire).
 *
 * 6. Untyped objects. The `statusTiming` phases (`initialising`, `queued`, `executing`,
 *    `downloading`, `uploading`: `{startTime, endTime}`) have `properties`/`required` but no
 *    `type`, and JSON Schema applies those only to objects, so `initialising: "x"` would pass.
 *    Any schema with `properties` and no `type` gets `type: object`. ajv's `strictTypes` stays on,
 *    so a new untyped keyword in the spec fails compilation instead of being silently loose.
 *
 * 7. `required` names a property declared in a sibling `allOf` member (AsyncQuery's base requires
 *    `status`, the subtype declares it). That is valid JSON Schema, so ajv's `strictRequired` is off.
 */
const SPEC_DEFECTS: { overlappingOneOfs: readonly OverlappingOneOf[]; exclusiveOneOfs: readonly ExclusiveOneOf[] } = {
  overlappingOneOfs: [
    {
      responses: [['getResultPage', [200]]],
      at: '',
      when: { type: 'object', required: ['data'] },
      select: { title: 'Query Result' },
      otherwise: { title: 'Non Query Result' },
      why: 'Non Query Result {parameters} matches every Query Result body too.',
    },
    {
      responses: [['createImmediateQuery', FAILED_IMMEDIATE_STATUSES]],
      at: '',
      // `id` or `status` rather than both: an Error body has neither, and a failed query missing
      // one of them must be reported as a broken failed query, not pass as an Error.
      when: { type: 'object', anyOf: [{ required: ['id'] }, { required: ['status'] }] },
      select: { component: 'ExecutionFailedImmediateQuery' },
      otherwise: { component: 'Error' },
      why: 'Error has no required property, so it matches every ExecutionFailedImmediateQuery body.',
    },
    {
      responses: [['getFhirQuery', [200]]],
      at: '',
      when: { type: 'object', required: ['resourceType'], properties: { resourceType: { const: 'Bundle' } } },
      select: { component: 'FhirBundle' },
      otherwise: { component: 'FhirResource' },
      why: 'FhirResource and FhirBundle are both {type: object}.',
    },
    {
      responses: [
        ['getFhirQuery', FHIR_FAILURE_STATUSES],
        ['postFhirSearch', FHIR_FAILURE_STATUSES],
      ],
      at: '',
      when: { type: 'object', required: ['resourceType'] },
      select: { component: 'OperationOutcome' },
      otherwise: { component: 'Error' },
      why: 'OperationOutcome is {type: object} and Error has no required property; both match any object.',
    },
  ],
  exclusiveOneOfs: [
    {
      responses: [['createImmediateQuery', [200]]],
      at: '/allOf/1/properties/result',
      why: 'QueryResult requires rows+data, NonQueryResult requires rowsAffected; a correct body has one set.',
    },
    {
      responses: [
        ['createAsyncQuery', [201]],
        ['postFhirSearch', [200]],
      ],
      at: '',
      why: 'A single branch cannot overlap.',
    },
  ],
};

function pointerGet(root: JsonObject, pointer: string, where: string): JsonObject {
  let node: Json = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = Array.isArray(node) ? (node[Number(key)] ?? null) : isObject(node) ? (node[key] ?? null) : null;
  }
  if (!isObject(node)) throw new Error(`openapi helper: nothing at ${where}${pointer}`);
  return node;
}

function responsesOf(
  list: ReadonlyArray<readonly [string, readonly number[]]>,
  responses: Map<string, ResponseEntry>,
): ResponseEntry[] {
  return list.flatMap(([operationId, statuses]) =>
    statuses.map((status) => {
      const entry = responses.get(keyOf(operationId, status));
      if (!entry?.schema)
        throw new Error(`openapi helper: defect list names ${operationId} ${status}, which has no schema`);
      return entry;
    }),
  );
}

function findBranch(branches: Json[], name: BranchName, components: JsonObject, where: string): number {
  const schemas = child(components, 'schemas', '#/components');
  const matches = branches.flatMap((branch, i) => {
    const hit =
      'component' in name
        ? isDeepStrictEqual(branch, schemas[name.component])
        : isObject(branch) && branch['title'] === name.title;
    return hit ? [i] : [];
  });
  if (matches.length !== 1 || matches[0] === undefined) {
    throw new Error(
      `openapi helper: ${where} has ${matches.length} branches named ${JSON.stringify(name)}, expected 1`,
    );
  }
  return matches[0];
}

/** A component branch is referenced by name (it is a verified copy), so errors can name it; a titled one stays inline. */
function branchSchema(branches: Json[], index: number, name: BranchName): Json {
  return 'component' in name ? { $ref: componentRef(name.component) } : (branches[index] ?? null);
}

function applyDefectPatches(responses: Map<string, ResponseEntry>, components: JsonObject): void {
  const handled = new Set<JsonObject>();

  // Defect 1: overlapping oneOf → if/then/else on the branch the body belongs to.
  for (const patch of SPEC_DEFECTS.overlappingOneOfs) {
    for (const entry of responsesOf(patch.responses, responses)) {
      const where = `${entry.operationId} ${entry.status}`;
      const node = pointerGet(entry.schema as JsonObject, patch.at, where);
      const branches = node['oneOf'];
      if (!Array.isArray(branches) || branches.length !== 2)
        throw new Error(`openapi helper: ${where}${patch.at} is not a two-branch oneOf`);
      const select = findBranch(branches, patch.select, components, where);
      const otherwise = findBranch(branches, patch.otherwise, components, where);
      if (select === otherwise) throw new Error(`openapi helper: ${where} select and otherwise are the same branch`);
      delete node['oneOf'];
      Object.assign(node, {
        if: patch.when,
        then: branchSchema(branches, select, patch.select),
        else: branchSchema(branches, otherwise, patch.otherwise),
      });
      handled.add(node);
    }
  }
  for (const ok of SPEC_DEFECTS.exclusiveOneOfs) {
    for (const entry of responsesOf(ok.responses, responses)) {
      const node = pointerGet(entry.schema as JsonObject, ok.at, `${entry.operationId} ${entry.status}`);
      if (!Array.isArray(node['oneOf']))
        throw new Error(`openapi helper: ${entry.operationId} ${entry.status}${ok.at} is not a oneOf`);
      handled.add(node);
    }
  }
  // Defect 6, everywhere a schema can be reached from (responses and the discriminator targets).
  walk(child(components, 'schemas', '#/components'), addImpliedObjectType);
  for (const entry of responses.values()) {
    if (!entry.schema) continue;
    walk(entry.schema, (node, pointer) => {
      addImpliedObjectType(node);
      if (node['oneOf'] !== undefined && !handled.has(node)) {
        throw new Error(
          `openapi helper: unclassified oneOf at ${entry.operationId} ${entry.status}${pointer}; add it to SPEC_DEFECTS`,
        );
      }
      // Defect 2: discriminators reached from a response become real constraints.
      if (node['discriminator'] !== undefined)
        translateDiscriminator(node, `${entry.operationId} ${entry.status}${pointer}`);
    });
  }
}

function defName(operationId: string, status: number): string {
  return `${operationId}.${status}`;
}

/** Where `#/components/schemas/<name>` lives in the ajv document. */
function componentRef(name: string): string {
  return `#/$defs/${name}`;
}

/** Defect 6: `properties` without `type` only constrain objects, so a string would pass. */
function addImpliedObjectType(node: JsonObject): void {
  if (node['properties'] !== undefined && node['type'] === undefined) node['type'] = 'object';
}

/** Visits every object in a schema (depth first, parents before children) with its JSON pointer. */
function walk(node: Json, visit: (node: JsonObject, pointer: string) => void, pointer = ''): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => walk(item, visit, `${pointer}/${i}`));
  } else if (isObject(node)) {
    visit(node, pointer);
    for (const [key, value] of Object.entries(node)) {
      // Annotation and literal values are data, not schemas.
      if (key === 'example' || key === 'examples' || key === 'enum' || key === 'const' || key === 'default') continue;
      walk(value, visit, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    }
  }
}

function translateDiscriminator(node: JsonObject, where: string): void {
  const discriminator = node['discriminator'];
  const mapping = isObject(discriminator) ? discriminator['mapping'] : undefined;
  const property = isObject(discriminator) ? discriminator['propertyName'] : undefined;
  if (typeof property !== 'string' || !isObject(mapping) || Object.keys(mapping).length === 0) {
    throw new Error(`openapi helper: discriminator at ${where} needs propertyName and a mapping`);
  }
  const byTarget = new Map<string, string[]>();
  for (const [value, target] of Object.entries(mapping)) {
    const prefix = '#/components/schemas/';
    if (typeof target !== 'string' || !target.startsWith(prefix))
      throw new Error(`openapi helper: bad mapping target at ${where}`);
    const ref = componentRef(target.slice(prefix.length));
    byTarget.set(ref, [...(byTarget.get(ref) ?? []), value]);
  }
  const rules: Json[] = [
    { type: 'object', required: [property], properties: { [property]: { enum: Object.keys(mapping) } } },
    ...[...byTarget].map(([target, values]): Json => ({
      if: { type: 'object', required: [property], properties: { [property]: { enum: values } } },
      then: { $ref: target },
    })),
  ];
  const allOf = node['allOf'];
  node['allOf'] = Array.isArray(allOf) ? [...allOf, ...rules] : rules;
  delete node['discriminator'];
}

// ---------------------------------------------------------------------------------------------
// ajv
// ---------------------------------------------------------------------------------------------

/** Strict RFC 4648 base64: alphabet `A–Z a–z 0–9 + /`, length a multiple of 4, `=` padding only at the end. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

let ajvInstance: Ajv2020 | undefined;
/** Keyed by the serialised response schema: the spec's 112 response schemas are 18 distinct ones. */
const compiledBySchema = new Map<string, ValidateFunction>();
/** Keyed by `${operationId} ${status}`. */
const compiledByResponse = new Map<string, ValidateFunction>();

function ajv(): Ajv2020 {
  if (ajvInstance) return ajvInstance;
  const { responses, components } = spec();
  // strictRequired off: defect 7. verbose: errors carry the offending value. inlineRefs off: the
  // AsyncQuery… targets are compiled once and shared (inlined, compiling everything took ~1.7× longer).
  const instance = new Ajv2020({
    strict: true,
    strictRequired: false,
    strictTypes: true,
    allErrors: true,
    verbose: true,
    inlineRefs: false,
  });
  // ajv-formats is CommonJS. Under nodenext the default import is `module.exports`; its `.default`
  // is the same plugin function, typed correctly and present at runtime, so no cast is needed.
  ajvFormats.default(instance, ['uuid', 'date-time']);
  // Defect 3: the spec's non-standard keywords and formats.
  instance.addVocabulary(['example', 'discriminator']);
  instance.addFormat('base64', BASE64);
  instance.addFormat('httpStatus', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= 100 && n <= 599,
  });
  instance.addFormat('milli-seconds', { type: 'number', validate: () => true });
  for (const name of ['httpStatusPhrase', 'version', 'string', 'base64 (output)']) instance.addFormat(name, true);

  // One document: every component schema under its own name, every response schema under
  // `operationId.status` (a dot cannot clash with a component name).
  const defs: JsonObject = { ...child(components, 'schemas', '#/components') };
  for (const entry of responses.values())
    if (entry.schema) defs[defName(entry.operationId, entry.status)] = entry.schema;
  instance.addSchema({ $id: DOC_ID, $defs: defs });
  ajvInstance = instance;
  return instance;
}

function validator(entry: ResponseEntry): ValidateFunction {
  const key = keyOf(entry.operationId, entry.status);
  const cached = compiledByResponse.get(key);
  if (cached) return cached;
  const text = JSON.stringify(entry.schema);
  let fn = compiledBySchema.get(text);
  if (!fn) {
    fn = ajv().compile({ $ref: `${DOC_ID}#/$defs/${defName(entry.operationId, entry.status)}` });
    compiledBySchema.set(text, fn);
  }
  compiledByResponse.set(key, fn);
  return fn;
}

const KEYWORDS_WITH_VALUE = new Set([
  'type',
  'enum',
  'const',
  'format',
  'pattern',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
]);

/** Name of a branch an `if` selected: the `$ref`'d component's name, or the inline branch's title. */
function branchName(schema: unknown): string | undefined {
  if (!isObject(schema)) return undefined;
  const ref = schema['$ref'];
  if (typeof ref === 'string') return ref.slice(ref.lastIndexOf('/') + 1);
  return typeof schema['title'] === 'string' ? schema['title'] : undefined;
}

/** `(body) must have required property 'id' [getQuery 200 /required]`, with the offending value where it helps. */
function describeError(entry: ResponseEntry, error: ErrorObject): string {
  const at = error.instancePath === '' ? '(body)' : error.instancePath;
  const params = error.params as Record<string, unknown>;
  let message = error.message ?? error.keyword;
  if (error.keyword === 'enum' && Array.isArray(params['allowedValues'])) {
    message += `: ${params['allowedValues'].map((v) => JSON.stringify(v)).join(', ')}`;
  } else if (error.keyword === 'const') {
    message += `: ${JSON.stringify(params['allowedValue'])}`;
  } else if (error.keyword === 'additionalProperties') {
    message += `: ${JSON.stringify(params['additionalProperty'])}`;
  } else if (error.keyword === 'if' && isObject(error.parentSchema)) {
    const name = branchName(error.parentSchema[String(params['failingKeyword'])]);
    if (name) message = `must match ${name}, the schema selected by its own fields`;
  }
  if (KEYWORDS_WITH_VALUE.has(error.keyword)) {
    const got = JSON.stringify(error.data) ?? 'undefined';
    message += ` (got ${got.length > 60 ? `${got.slice(0, 57)}...` : got})`;
  }
  return `${at} ${message} [${schemaLocation(entry, error.schemaPath)}]`;
}

/**
 * ajv reports a schema path relative to the response schema (`#/allOf/1/if`) or, after a `$ref`,
 * relative to the document, with or without its `$id`. Show `getQuery 200 /allOf/1/if` or
 * `AsyncQuerySuccessful /allOf/1/required` (a component name; the spec has no `$ref`s, so this is
 * where the discriminator or a patch led).
 */
function schemaLocation(entry: ResponseEntry, schemaPath: string): string {
  const path = schemaPath.startsWith(DOC_ID) ? schemaPath.slice(DOC_ID.length) : schemaPath;
  const def = /^#\/\$defs\/([^/]+)(.*)$/.exec(path);
  if (!def) return `${entry.operationId} ${entry.status} ${path.replace(/^#/, '')}`;
  const [, name = '', rest = ''] = def;
  // A response def (`op.status`) may be shared by identical schemas: name the one being validated.
  return name.includes('.') ? `${entry.operationId} ${entry.status} ${rest}` : `${name} ${rest}`;
}

/** ajv errors as readable lines. Patched schemas check some constraints twice; report each once. */
function describeAll(entry: ResponseEntry, errors: readonly ErrorObject[]): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const error of errors) {
    const params =
      error.keyword === 'enum'
        ? [...(error.params as { allowedValues: unknown[] }).allowedValues].map(String).sort()
        : error.params;
    const key = `${error.instancePath}|${error.keyword}|${JSON.stringify(params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push(describeError(entry, error));
  }
  return lines;
}

function entryFor(operationId: string, status: number): ResponseEntry {
  const entry = spec().responses.get(keyOf(operationId, status));
  if (!entry) {
    const op = spec().operations.find((o) => o.operationId === operationId);
    throw new Error(
      op
        ? `openapi helper: the spec declares no ${status} response for ${operationId} (it has ${op.statuses.join(', ')})`
        : `openapi helper: the spec has no operation ${JSON.stringify(operationId)}`,
    );
  }
  return entry;
}

// ---------------------------------------------------------------------------------------------
// API
// ---------------------------------------------------------------------------------------------

/**
 * Validates a response body against the spec's schema for that operationId and HTTP status
 * (with the {@link SPEC_DEFECTS} patches). Throws if the spec has no such response, so a test
 * cannot silently validate against nothing.
 */
export function validateResponse(operationId: string, status: number, body: unknown): ResponseCheck {
  const entry = entryFor(operationId, status);
  if (!entry.schema) {
    // Defect 5: no content declared, so there must be no body.
    const valid = body === undefined || body === '';
    return { valid, errors: valid ? [] : [`(body) must be empty: ${operationId} ${status} declares no content`] };
  }
  const fn = validator(entry);
  if (fn(body)) return { valid: true, errors: [] };
  return { valid: false, errors: describeAll(entry, fn.errors ?? []) };
}

/** Like {@link validateResponse}, but throws an Error listing the readable ajv errors when the body is invalid. */
export function assertValidResponse(operationId: string, status: number, body: unknown): void {
  const check = validateResponse(operationId, status, body);
  if (!check.valid) {
    throw new Error(`${operationId} ${status} response does not match the spec:\n  ${check.errors.join('\n  ')}`);
  }
}

/** Every operation in the spec with its method, path template and declared statuses, in spec order. */
export function listOperations(): SpecOperation[] {
  return spec().operations.map((op) => ({ ...op, statuses: [...op.statuses] }));
}

/**
 * The response header names the spec declares for that operation and status, as spelled in the spec
 * (e.g. getResultPage 200: `Size`, `Rows-Count`, `Rows-Range-Start`, `Rows-Range-End`). Throws if the
 * spec has no such response.
 */
export function declaredHeaders(operationId: string, status: number): string[] {
  return [...entryFor(operationId, status).headers];
}

/**
 * Every example body the spec gives for a response: the media type's `example`, each
 * `examples[name].value`, and the `example` of the response schema or of its top-level
 * `oneOf`/`anyOf` branches. FHIR examples are unwrapped from `{"application/json": …}` (defect 4).
 */
export function listResponseExamples(): ResponseExample[] {
  // Read from the unpatched file: the patches move oneOf branches around.
  const raw: unknown = JSON.parse(readFileSync(SPEC_URL, 'utf8'));
  const out: ResponseExample[] = [];
  const unwrap = (body: Json): Json =>
    isObject(body) && Object.keys(body).length === 1 && body['application/json'] !== undefined
      ? body['application/json']
      : body;
  if (!isObject(raw) || !isObject(raw['paths'])) return out;
  for (const item of Object.values(raw['paths'])) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op) || typeof op['operationId'] !== 'string' || !isObject(op['responses'])) continue;
      const operationId = op['operationId'];
      for (const [code, response] of Object.entries(op['responses'])) {
        const mediaType =
          isObject(response) && isObject(response['content']) ? response['content']['application/json'] : undefined;
        if (!isObject(mediaType)) continue;
        const status = Number(code);
        const add = (source: string, body: Json | undefined) => {
          if (body !== undefined) out.push({ operationId, status, source, body: unwrap(body) });
        };
        add('example', mediaType['example']);
        if (isObject(mediaType['examples'])) {
          for (const [name, ex] of Object.entries(mediaType['examples']))
            add(`examples/${name}`, isObject(ex) ? ex['value'] : undefined);
        }
        const schema = mediaType['schema'];
        if (isObject(schema)) {
          add('schema/example', schema['example']);
          for (const combinator of ['oneOf', 'anyOf'] as const) {
            const branches = schema[combinator];
            if (Array.isArray(branches))
              branches.forEach((b, i) =>
                add(`schema/${combinator}/${i}/example`, isObject(b) ? b['example'] : undefined),
              );
          }
        }
      }
    }
  }
  return out;
}
