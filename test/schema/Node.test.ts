/**
 * Identity: Patient.id is unique across sites (two practices' patient 452 are two ids), Patient.fhirId
 * is the FHIR id, and node(id:) reads any Node by its id with the permissions of its own root field.
 */
import { isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { EastSite, OnlineSite } from '../../simulator/src/fixtures.js';
import { graphql } from '../gql/index.js';
import { useApp } from '../helpers/app.js';
import { execute } from '../helpers/execute.js';
import { CLIENTS, clientKeyEntries, codes, gql } from '../security/harness.js';

const PatientIdentity = graphql(`
  query PatientIdentity($siteId: ID!, $id: ID!) {
    patient(siteId: $siteId, id: $id) {
      id
      fhirId
      siteId
      name {
        family
        given
      }
    }
  }
`);

const NodeById = graphql(`
  query NodeById($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Patient {
        fhirId
        siteId
      }
    }
  }
`);

const PatientsById = graphql(`
  query PatientsById($siteId: ID!, $ids: [String!]) {
    patients(siteId: $siteId, search: { _id: $ids }, first: 10) {
      edges {
        node {
          id
          fhirId
        }
      }
    }
  }
`);

async function sqlName(ctx: ReturnType<typeof useApp>, siteId: string, internalId: number): Promise<string> {
  const res = await ctx.call('POST', '/_sim/sql', {
    body: { siteId, sql: `SELECT SURNAME FROM PATIENTS WHERE INTERNALID = ${internalId}` },
  });
  return (res.body.rows as Array<{ SURNAME: string }>)[0]!.SURNAME;
}

describe('Patient identity', () => {
  const ctx = useApp();

  it('should give patient 452 of North and of East two ids, the same fhirId, and each its own record', async () => {
    const north = await execute(ctx.app, PatientIdentity, { siteId: OnlineSite.id, id: '452' });
    const east = await execute(ctx.app, PatientIdentity, { siteId: EastSite.id, id: '452' });
    expect(north.errors).toBeUndefined();
    expect(east.errors).toBeUndefined();
    const n = north.data!.patient!;
    const e = east.data!.patient!;
    expect([n.fhirId, e.fhirId]).toEqual(['452', '452']);
    expect(n.id).not.toBe(e.id);
    expect([n.siteId, e.siteId]).toEqual([OnlineSite.id, EastSite.id]);
    // Two people: each site's database says who its 452 is.
    expect(n.name?.[0]?.family).toBe(await sqlName(ctx, OnlineSite.id, 452));
    expect(e.name?.[0]?.family).toBe(await sqlName(ctx, EastSite.id, 452));
    expect(n.name?.[0]?.family).not.toBe(e.name?.[0]?.family);
  });

  it('should read a patient by its id or its FHIR id, and refuse an id of another site', async () => {
    const byFhir = await execute(ctx.app, PatientIdentity, { siteId: EastSite.id, id: '452' });
    const id = byFhir.data!.patient!.id;
    const byId = await execute(ctx.app, PatientIdentity, { siteId: EastSite.id, id });
    expect(byId).toEqual(byFhir);

    await ctx.clearRequests();
    const wrongSite = await execute(ctx.app, PatientIdentity, { siteId: OnlineSite.id, id });
    expect(wrongSite.data).toEqual({ patient: null });
    expect(wrongSite.errors).toEqual([
      expect.objectContaining({
        message: "id is a patient of another site: pass that patient's siteId with it.",
        extensions: { code: 'BAD_USER_INPUT', argument: 'id' },
      }),
    ]);
    expect(await ctx.upstreamCalls()).toEqual([]);
  });

  it('should read any patient again with node(id:)', async () => {
    const read = await execute(ctx.app, PatientIdentity, { siteId: EastSite.id, id: '17' });
    const id = read.data!.patient!.id;
    const node = await execute(ctx.app, NodeById, { id });
    expect(node).toEqual({ data: { node: { __typename: 'Patient', id, fhirId: '17', siteId: EastSite.id } } });
  });

  it('should refuse node ids this API did not issue, FHIR ids included, without calling Halo', async () => {
    await ctx.clearRequests();
    for (const id of ['452', 'pt_AAAA', `xx_${'A'.repeat(30)}`, OnlineSite.id]) {
      const res = await execute(ctx.app, NodeById, { id });
      expect(res.data, id).toEqual({ node: null });
      expect(res.errors?.[0]?.extensions, id).toEqual({ code: 'BAD_USER_INPUT', argument: 'id' });
    }
    expect(await ctx.upstreamCalls()).toEqual([]);
  });

  it('should answer NOT_FOUND from node(id:) for a patient that no longer exists', async () => {
    const id = (await execute(ctx.app, PatientIdentity, { siteId: EastSite.id, id: '499' })).data!.patient!.id;
    await ctx.call('POST', '/_sim/sql', {
      body: { siteId: EastSite.id, sql: 'DELETE FROM PATIENTS WHERE INTERNALID = 499' },
    });
    const res = await execute(ctx.app, NodeById, { id });
    expect(res.data).toEqual({ node: null });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    ctx.sim.reset();
  });

  it('should search by Patient.id in search._id (commas OR them), refusing another site’s ids by position', async () => {
    const [a, b] = await Promise.all(
      ['7', '452'].map(
        async (id) => (await execute(ctx.app, PatientIdentity, { siteId: OnlineSite.id, id })).data!.patient!.id,
      ),
    );
    const found = await execute(ctx.app, PatientsById, { siteId: OnlineSite.id, ids: [`${a},${b}`] });
    expect(found.errors).toBeUndefined();
    expect(found.data!.patients.edges.map((e) => e.node)).toEqual([
      { id: a, fhirId: '7' },
      { id: b, fhirId: '452' },
    ]);
    const mixed = await execute(ctx.app, PatientsById, { siteId: OnlineSite.id, ids: [`${a},11`] });
    expect(mixed.data!.patients.edges.map((e) => e.node.fhirId)).toEqual(['7', '11']);

    const east = (await execute(ctx.app, PatientIdentity, { siteId: EastSite.id, id: '7' })).data!.patient!.id;
    const refused = await execute(ctx.app, PatientsById, { siteId: OnlineSite.id, ids: ['3', east] });
    expect(refused.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'search._id[1]' });
  });
});

describe('ids in the schema', () => {
  it('should leave no object type whose id could repeat across sites', () => {
    // Halo GUIDs are random UUIDs, unique across sites; anything else unique only within a site is a Node.
    const haloGuids = ['RegisteredQuery', 'Site', 'SqlQuery'];
    const nodes: string[] = [];
    const fhirElements: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      const id = type.getFields()['id'];
      if (!id) continue;
      if (type.getInterfaces().some((i) => i.name === 'Node')) nodes.push(type.name);
      else if (!haloGuids.includes(type.name)) {
        // A FHIR element id is unique only within its resource: kept as elementId, `id` deprecated and null.
        expect(id.deprecationReason, type.name).toMatch(/^Use elementId\./);
        expect(type.getFields()['elementId'], type.name).toBeDefined();
        fhirElements.push(type.name);
      }
    }
    expect(nodes).toEqual(['Patient']);
    expect(fhirElements).toHaveLength(17);
  });
});

describe('node(id:) permissions', () => {
  const ctx = useApp({ app: { security: { auth: { keys: clientKeyEntries() } } } });

  it("should check a Node's site and permission like its own root field", async () => {
    const read = await gql(
      ctx.app,
      '{ patient(siteId: "' + EastSite.id + '", id: "5") { id } }',
      {},
      CLIENTS.admin.key,
    );
    const id = (read.json?.data as { patient: { id: string } }).patient.id;
    const node = 'query N($id: ID!) { node(id: $id) { id } }';
    // North's reader may not see East: the same answer as an unknown site.
    expect(codes(await gql(ctx.app, node, { id }, CLIENTS.north.key))).toEqual(['SITE_NOT_FOUND']);
    expect(codes(await gql(ctx.app, node, { id }, CLIENTS.noPerms.key))).toEqual(['FORBIDDEN']);
    expect((await gql(ctx.app, node, { id }, CLIENTS.admin.key)).json?.data).toEqual({ node: { id } });
  });
});
