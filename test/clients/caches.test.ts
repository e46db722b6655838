/**
 * The two client caches people use, in their default configuration, against the real server:
 * Apollo Client's InMemoryCache and urql's graphcache key objects by `__typename` + `id`. Two
 * practices' patient 452 (North and East share FHIR ids) must stay two objects, and so must every
 * other type with an id. Each suite also runs a cache keyed the way ids used to be (by FHIR id), to
 * show that the check would catch a merge.
 */
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { Client, fetchExchange } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApolloClient } from '../../examples/clients/apollo.js';
import { createUrqlClient } from '../../examples/clients/urql.js';
import { BackupSite, EastSite, OnlineSite } from '../../simulator/src/fixtures.js';
import { useApp } from '../helpers/app.js';
import { directSql } from '../helpers/halo.js';
import {
  CachedImmediate,
  CachedPatient,
  CachedRegistered,
  CachedSite,
  CachedStatus,
  CachedSubmit,
} from './documents.js';

// graphql-ws uses the WebSocket global of browsers (and of Node 22); Node 20 has none.
Object.assign(globalThis, { WebSocket });

const ctx = useApp({ listen: true });
const NORTH = OnlineSite.id;
const EAST = EastSite.id;
let families: Record<string, string>;

beforeAll(async () => {
  // graphcache warns (in development) about the FHIR value types that have no id: expected here.
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  const surname = async (siteId: string) =>
    String((await directSql(ctx, siteId, 'SELECT SURNAME FROM PATIENTS WHERE INTERNALID = 452'))[0]!['SURNAME']);
  families = { [NORTH]: await surname(NORTH), [EAST]: await surname(EAST) };
  expect(families[NORTH]).not.toBe(families[EAST]);
});
afterAll(() => {
  vi.restoreAllMocks();
});

/** The normalized cache: entity key → stored fields. */
const entries = (client: ApolloClient) => client.cache.extract() as Record<string, Record<string, unknown>>;

describe('Apollo Client, default InMemoryCache', () => {
  it("should keep North's and East's patient 452 as two objects", async () => {
    const client = createApolloClient(ctx.url);
    for (const siteId of [NORTH, EAST]) await client.query({ query: CachedPatient, variables: { siteId, id: '452' } });
    for (const siteId of [NORTH, EAST]) {
      const cached = client.readQuery({ query: CachedPatient, variables: { siteId, id: '452' } });
      expect(cached?.patient).toMatchObject({ siteId, fhirId: '452', name: [{ family: families[siteId] }] });
    }
    expect(Object.keys(entries(client)).filter((k) => k.startsWith('Patient:'))).toHaveLength(2);
    client.stop();
  });

  it('would merge them if patients were keyed by their FHIR id (the check catches it)', async () => {
    const client = new ApolloClient({
      link: new HttpLink({ uri: `${ctx.url}/graphql` }),
      cache: new InMemoryCache({ typePolicies: { Patient: { keyFields: ['fhirId'] } } }),
    });
    for (const siteId of [NORTH, EAST]) await client.query({ query: CachedPatient, variables: { siteId, id: '452' } });
    const north = client.readQuery({ query: CachedPatient, variables: { siteId: NORTH, id: '452' } });
    expect(north?.patient?.name?.[0]?.family).toBe(families[EAST]);
    client.stop();
  });

  it('should keep every object with an id apart: sites, SQL queries, registered queries, patients', async () => {
    const client = createApolloClient(ctx.url);
    const ids = new Set<string>();
    for (const id of [NORTH, BackupSite.id, EAST]) {
      const { data } = await client.query({ query: CachedSite, variables: { id } });
      ids.add(`Site:${data!.site!.id}`);
    }
    for (const siteId of [NORTH, EAST]) {
      const sql = 'SELECT Surname FROM BPS_Patients WHERE InternalID = 452';
      const run = await client.mutate({ mutation: CachedImmediate, variables: { input: { siteId, sql } } });
      ids.add(`SqlQuery:${run.data!.runImmediateQuery.id}`);
      const registered = await client.mutate({
        mutation: CachedRegistered,
        variables: { input: { siteId, name: 'count', sql, frequencySeconds: 60, durationSeconds: 600 } },
      });
      ids.add(`RegisteredQuery:${registered.data!.createRegisteredQuery.id}`);
      const { data } = await client.query({ query: CachedPatient, variables: { siteId, id: '452' } });
      ids.add(`Patient:${data!.patient!.id}`);
    }
    const cache = entries(client);
    expect(new Set(Object.keys(cache).filter((k) => !k.startsWith('ROOT_')))).toEqual(ids);
    expect(ids.size).toBe(9);
    // Each SQL query kept its own site's answer.
    const queries = Object.entries(cache).filter(([k]) => k.startsWith('SqlQuery:'));
    expect(queries.map(([, q]) => [q['siteId'], q['rows']])).toEqual([
      [NORTH, [{ Surname: families[NORTH] }]],
      [EAST, [{ Surname: families[EAST] }]],
    ]);
    client.stop();
  });

  it('should deliver a subscription over graphql-ws into the same cache entry', async () => {
    const client = createApolloClient(ctx.url);
    const { data } = await client.mutate({
      mutation: CachedSubmit,
      variables: { input: { siteId: NORTH, sql: 'SELECT TOP 2 InternalID FROM BPS_Patients' } },
    });
    const queryId = data!.submitAsyncQuery.id;
    const statuses: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const subscription = client.subscribe({ query: CachedStatus, variables: { siteId: NORTH, queryId } }).subscribe({
        next: (r) => {
          if (r.error) return reject(r.error);
          statuses.push(r.data!.queryStatusChanged.status);
          if (statuses.length === 1) void ctx.advance(10_000);
          if (r.data!.queryStatusChanged.isTerminal) {
            subscription.unsubscribe();
            resolve();
          }
        },
        error: reject,
      });
    });
    expect(statuses[0]).toBe('INITIALISING');
    expect(statuses.at(-1)).toBe('SUCCESSFUL');
    expect(entries(client)[`SqlQuery:${queryId}`]).toMatchObject({ status: 'SUCCESSFUL', siteId: NORTH });
    client.stop();
  });
});

describe('urql, default graphcache', () => {
  it("should keep North's and East's patient 452 as two objects", async () => {
    const client = createUrqlClient(ctx.url);
    for (const siteId of [NORTH, EAST]) {
      const r = await client.query(CachedPatient, { siteId, id: '452' }).toPromise();
      expect(r.error).toBeUndefined();
    }
    for (const siteId of [NORTH, EAST]) {
      const cached = client.readQuery(CachedPatient, { siteId, id: '452' }, { requestPolicy: 'cache-only' });
      expect(cached?.data?.patient).toMatchObject({ siteId, fhirId: '452', name: [{ family: families[siteId] }] });
    }
  });

  it('would merge them if patients were keyed by their FHIR id (the check catches it)', async () => {
    const client = new Client({
      url: `${ctx.url}/graphql`,
      preferGetMethod: false,
      exchanges: [cacheExchange({ keys: { Patient: (p) => String(p['fhirId']) } }), fetchExchange],
    });
    for (const siteId of [NORTH, EAST]) await client.query(CachedPatient, { siteId, id: '452' }).toPromise();
    const north = client.readQuery(CachedPatient, { siteId: NORTH, id: '452' }, { requestPolicy: 'cache-only' });
    expect(north?.data?.patient?.name?.[0]?.family).toBe(families[EAST]);
  });

  it('should send operations as POST and subscriptions over graphql-ws', async () => {
    const client = createUrqlClient(ctx.url);
    const submitted = await client
      .mutation(CachedSubmit, { input: { siteId: EAST, sql: 'SELECT TOP 2 InternalID FROM BPS_Patients' } })
      .toPromise();
    const queryId = submitted.data!.submitAsyncQuery.id;
    const statuses: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const { unsubscribe } = client.subscription(CachedStatus, { siteId: EAST, queryId }).subscribe((r) => {
        if (r.error) return reject(r.error);
        statuses.push(r.data!.queryStatusChanged.status);
        if (statuses.length === 1) void ctx.advance(10_000);
        if (r.data!.queryStatusChanged.isTerminal) {
          unsubscribe();
          resolve();
        }
      });
    });
    expect([statuses[0], statuses.at(-1)]).toEqual(['INITIALISING', 'SUCCESSFUL']);
  });

  it("should fail with urql's default GET for queries: hence preferGetMethod: false", async () => {
    const client = new Client({ url: `${ctx.url}/graphql`, exchanges: [fetchExchange] });
    const r = await client.query(CachedSite, { id: NORTH }).toPromise();
    expect(r.error?.response?.status).toBe(405);
    expect(r.error?.graphQLErrors.map((e) => e.message)).toEqual(['Send GraphQL operations with POST.']);
  });
});
