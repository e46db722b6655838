import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { commandRefusal, refusal } from '../../src/auth/policy.js';
import type { Permission, Principal } from '../../src/auth/principal.js';
import type { HaloDataSource } from '../../src/datasources/halo-client.js';
import { AuthorizedHalo } from '../../src/request/authorized-halo.js';
import { AuthorizedLive } from '../../src/request/authorized-live.js';
import { PreparedNamedQuery } from '../../src/catalogue/prepare.js';
import type { NamedQueryEntry } from '../../src/catalogue/types.js';
import { requireGuid } from '../../src/schema/ids.js';
import { isHaloApiError } from '../../src/datasources/halo-error.js';
import type { LiveQueries } from '../../src/subscriptions/live-queries.js';

const SITE_A = '0b1b7c6e-6b2a-4e59-9d53-2c1f7b0c0a01';
const SITE_B = '0b1b7c6e-6b2a-4e59-9d53-2c1f7b0c0a02';
const QUERY = '5d0c3a10-0000-4000-8000-000000000001';
/** A catalogue entry, as src/catalogue/load.ts makes them. */
const ENTRY: NamedQueryEntry = {
  name: 'patientRecord',
  description: 'One patient.',
  type: 'PatientRecord',
  returns: 'one',
  args: [
    {
      name: 'patientId',
      type: { name: 'Int', nonNull: true },
      description: undefined,
      defaultValue: undefined,
      sqlType: 'Int',
    },
  ],
  columns: [{ name: 'patientId', type: { name: 'Int', nonNull: true }, description: undefined }],
  sql: { BestPractice: 'SELECT InternalID AS patientId FROM BPS_Patients WHERE InternalID = @patientId' },
  mode: 'immediate',
  live: undefined,
  maxAgeSeconds: undefined,
  source: { file: 'patientRecord.yaml', builtIn: false, nameLine: 1, typeLine: 3 },
  fingerprint: 'f',
};

const principal = (sites: '*' | string[], permissions: Permission[]): Principal => ({
  clientId: 'test',
  sites: sites === '*' ? '*' : new Set(sites),
  permissions: new Set(permissions),
  via: 'api-key',
});

/** A datasource that records the methods called and answers every call with `answer`. */
function fakeDataSource(answer: unknown = {}) {
  const calls: string[] = [];
  const ds = new Proxy(
    {},
    {
      get: (_t, name) =>
        name === 'readResultRows'
          ? async function* pages() {
              calls.push(String(name));
              yield answer;
            }
          : async () => {
              calls.push(String(name));
              return answer;
            },
    },
  ) as HaloDataSource;
  return { ds, calls };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => undefined,
    (e: unknown) => e,
  );
}

const code = (e: unknown) =>
  isHaloApiError(e) ? e.code : e instanceof GraphQLError ? e.extensions['code'] : undefined;

describe('refusal', () => {
  it('should answer SITE_NOT_FOUND for a site the client may not see, FORBIDDEN for a missing permission', () => {
    const p = principal([SITE_A], ['read']);
    expect(refusal(p, 'readResultPage', SITE_A.toUpperCase())).toBeUndefined();
    expect(code(refusal(p, 'getQuery', SITE_B))).toBe('SITE_NOT_FOUND');
    expect(code(refusal(p, 'getRegisteredQuery', SITE_A))).toBe('FORBIDDEN');
    expect(code(refusal(p, 'getQuery', 'x/../other-site'))).toBe('SITE_NOT_FOUND');
    // Ids are checked as input before any policy is asked.
    expect(requireGuid(SITE_A.toUpperCase(), 'siteId')).toBe(SITE_A);
    expect(() => requireGuid('x/../other-site', 'siteId')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
  });
});

describe('FORBIDDEN names what is missing', () => {
  const refused = (p: Principal, operation: Parameters<typeof refusal>[1], siteId?: string) => {
    const e = refusal(p, operation, siteId);
    if (!(e instanceof GraphQLError)) throw new Error('expected a GraphQL error');
    return { message: e.message, extensions: e.extensions };
  };

  it('should name the one permission an operation needs', () => {
    expect(refused(principal('*', ['read']), 'createAsyncQuery', SITE_A)).toEqual({
      message: 'This client needs the async permission for this.',
      extensions: { code: 'FORBIDDEN', permission: 'async' },
    });
    expect(refused(principal('*', ['read']), 'registeredResults', SITE_A).extensions).toEqual({
      code: 'FORBIDDEN',
      permission: 'registered',
    });
  });

  it('should name the first of several that would do, and list them all', () => {
    expect(refused(principal('*', ['registered']), 'getQuery', SITE_A)).toEqual({
      message: 'This client needs the read or async permission for this.',
      extensions: { code: 'FORBIDDEN', permission: 'read', anyOf: ['read', 'async'] },
    });
    expect(refused(principal('*', []), 'getSites').extensions).toEqual({
      code: 'FORBIDDEN',
      permission: 'read',
      anyOf: ['read', 'async', 'registered', 'sql'],
    });
  });

  it('should say what pairing lacks: the writes permission, then every site', () => {
    expect(refused(principal('*', ['read']), 'integratorPairSite').extensions).toEqual({
      code: 'FORBIDDEN',
      permission: 'writes',
    });
    expect(refused(principal([SITE_A], ['read', 'writes']), 'integratorPairSite')).toEqual({
      message: 'Pairing needs a client with every site (sites: ["*"]).',
      extensions: { code: 'FORBIDDEN', reason: 'ALL_SITES_REQUIRED' },
    });
  });
});

describe('commandRefusal', () => {
  const reader = principal('*', ['read', 'sql']);
  const writer = principal('*', ['read', 'sql', 'writes']);

  it('should refuse any SQL the client writes without the sql permission (FORBIDDEN naming it), before the guard', () => {
    const readOnly = principal('*', ['read', 'async', 'registered', 'writes']);
    for (const command of [
      { text: 'SELECT 1', executionMode: 'reader' },
      { text: 'SELECT 1; DROP TABLE x', executionMode: 'scalar' },
      { text: 'UPDATE x SET a = 1', executionMode: 'nonQuery' },
      { text: 'BP_AddAppointment', type: 'storedProcedure' },
    ] as const) {
      const refused = commandRefusal(readOnly, command) as GraphQLError | undefined;
      expect(refused?.extensions).toEqual({ code: 'FORBIDDEN', permission: 'sql' });
      expect(refused?.message).toMatch(/sql permission/);
    }
  });

  it('should let READER and SCALAR SELECTs through and refuse writes with BAD_USER_INPUT naming the rule, not the SQL', () => {
    expect(commandRefusal(reader, { text: 'SELECT 1', executionMode: 'reader' })).toBeUndefined();
    expect(commandRefusal(reader, { text: 'SELECT 1', executionMode: 'scalar' })).toBeUndefined();
    const refused = commandRefusal(writer, {
      text: "DELETE FROM Patients WHERE Surname = 'Canary'",
      executionMode: 'reader',
    }) as GraphQLError | undefined;
    expect(refused?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SQL_GUARD_WRITE', argument: 'sql' });
    expect(refused?.message).not.toMatch(/Canary|DELETE FROM/);
  });

  it('should require writes for NON_QUERY and stored procedures (WRITES_DISABLED), and not guard them', () => {
    expect(code(commandRefusal(reader, { text: 'UPDATE x SET a = 1', executionMode: 'nonQuery' }))).toBe(
      'WRITES_DISABLED',
    );
    expect(code(commandRefusal(reader, { text: 'BP_AddAppointment', type: 'storedProcedure' }))).toBe(
      'WRITES_DISABLED',
    );
    expect(commandRefusal(writer, { text: 'UPDATE x SET a = 1', executionMode: 'nonQuery' })).toBeUndefined();
    expect(commandRefusal(writer, { text: 'BP_AddAppointment', type: 'storedProcedure' })).toBeUndefined();
  });
});

describe('AuthorizedHalo', () => {
  it('should refuse a call on an invisible site without calling upstream, exactly as an unknown site', async () => {
    const { ds, calls } = fakeDataSource();
    const scoped = new AuthorizedHalo(ds, principal([SITE_A], ['read', 'async', 'registered']));
    for (const call of [
      () => scoped.getSite(SITE_B),
      () => scoped.getQuery(SITE_B, QUERY),
      () => scoped.getFhirQuery(SITE_B, 'Patient/1'),
      () =>
        scoped.createImmediateQuery(SITE_B, {
          command: { text: 'SELECT 1', executionMode: 'reader', type: 'text' },
        } as never),
      () => scoped.getRegisteredQueries(SITE_B),
    ]) {
      const e = await rejection(call());
      expect(isHaloApiError(e) && e.code).toBe('SITE_NOT_FOUND');
    }
    const pages = scoped.readResultRows(SITE_B, QUERY);
    expect(code(await rejection(pages.next()))).toBe('SITE_NOT_FOUND');
    expect(calls).toEqual([]);
    await scoped.getSite(SITE_A.toUpperCase());
    expect(calls).toEqual(['getSite']);
  });

  it('should check the permission of each operation', async () => {
    const { ds, calls } = fakeDataSource();
    const readOnly = new AuthorizedHalo(ds, principal('*', ['read', 'sql']));
    expect(code(await rejection(readOnly.createAsyncQuery(SITE_A, { command: { text: 'SELECT 1' } } as never)))).toBe(
      'FORBIDDEN',
    );
    expect(code(await rejection(readOnly.getRegisteredQuery(SITE_A, QUERY)))).toBe('FORBIDDEN');
    expect(
      code(
        await rejection(
          readOnly.integratorPairSite({ practiceManagementSiteId: '1', practiceManagementName: 'Zedmed' }),
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      code(
        await rejection(
          readOnly.createImmediateQuery(SITE_A, {
            command: { text: 'UPDATE x SET a = 1', executionMode: 'nonQuery' },
          } as never),
        ),
      ),
    ).toBe('WRITES_DISABLED');
    expect(
      code(
        await rejection(
          readOnly.createImmediateQuery(SITE_A, { command: { text: 'SELECT 1; DROP TABLE x' } } as never),
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    const registeredOnly = new AuthorizedHalo(ds, principal('*', ['registered', 'sql']));
    expect(
      code(
        await rejection(
          registeredOnly.createRegisteredQuery(SITE_A, {
            registerCommand: { command: { text: 'EXEC sp_who', executionMode: 'reader', type: 'text' } },
          } as never),
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(calls).toEqual([]);
    await readOnly.createImmediateQuery(SITE_A, { command: { text: 'SELECT 1' } } as never);
    await registeredOnly.getRegisteredQuery(SITE_A, QUERY);
    expect(calls).toEqual(['createImmediateQuery', 'getRegisteredQuery']);
  });

  it('should run named queries with read alone, and raw SQL only with sql as well', async () => {
    const { ds, calls } = fakeDataSource({ kind: 'successful', rows: [], columns: [] });
    const readOnly = new AuthorizedHalo(ds, principal([SITE_A], ['read']));
    const prepared = PreparedNamedQuery.create(ENTRY, SITE_A, 'BestPractice', { patientId: 5 })!;
    expect(prepared.command).toEqual({
      text: ENTRY.sql.BestPractice,
      executionMode: 'reader',
      type: 'text',
      parameters: [{ name: '@patientId', direction: 'input', type: 'Int', value: '5' }],
    });
    await readOnly.runNamedQuery(prepared);
    await readOnly.submitNamedQuery(prepared);
    expect(calls).toEqual(['createImmediateQuery', 'createAsyncQuery']);
    const refused = await rejection(readOnly.createImmediateQuery(SITE_A, { command: { text: 'SELECT 1' } } as never));
    expect((refused as GraphQLError).extensions).toEqual({ code: 'FORBIDDEN', permission: 'sql' });
    const notRead = new AuthorizedHalo(ds, principal('*', ['async', 'registered', 'sql']));
    expect(((await rejection(notRead.runNamedQuery(prepared))) as GraphQLError).extensions).toEqual({
      code: 'FORBIDDEN',
      permission: 'read',
    });
    const elsewhere = PreparedNamedQuery.create(ENTRY, SITE_B, 'BestPractice', { patientId: 5 })!;
    expect(code(await rejection(readOnly.runNamedQuery(elsewhere)))).toBe('SITE_NOT_FOUND');
    expect(calls).toHaveLength(2);
  });

  it('should keep only visible sites in getSites', async () => {
    const { ds } = fakeDataSource({ sites: [{ id: SITE_A.toUpperCase() }, { id: SITE_B }, {}] });
    expect(
      (
        await new AuthorizedHalo(ds, principal([SITE_A], ['read'])).getSites({
          practiceManagementSiteId: '1',
          practiceManagementName: 'Zedmed',
        })
      ).sites,
    ).toEqual([{ id: SITE_A.toUpperCase() }]);
    expect(
      (
        await new AuthorizedHalo(ds, principal('*', ['read'])).getSites({
          practiceManagementSiteId: '1',
          practiceManagementName: 'Zedmed',
        })
      ).sites,
    ).toHaveLength(3);
  });
});

describe('AuthorizedLive', () => {
  it('should start a watch only for a visible site with the right permission', async () => {
    const started: string[] = [];
    const live = {
      queryStatus: async (siteId: string) => {
        started.push(`status:${siteId}`);
        return (async function* none() {})();
      },
      registeredResults: async (siteId: string) => {
        started.push(`registered:${siteId}`);
        return (async function* none() {})();
      },
      sharedRegisteredResults: async (spec: { siteId: string }) => {
        started.push(`shared:${spec.siteId}`);
        return (async function* none() {})();
      },
      stats: () => ({}),
    } as unknown as LiveQueries;
    const scoped = new AuthorizedLive(live, principal([SITE_A], ['read']));
    expect(code(await rejection(scoped.queryStatus(SITE_B, QUERY)))).toBe('SITE_NOT_FOUND');
    expect(code(await rejection(scoped.registeredResults(SITE_A, QUERY)))).toBe('FORBIDDEN');
    await scoped.queryStatus(SITE_A, QUERY);
    const shared = (siteId: string) => ({ siteId, key: 'k', request: {} as never });
    expect(code(await rejection(scoped.sharedRegisteredResults(shared(SITE_B))))).toBe('SITE_NOT_FOUND');
    await scoped.sharedRegisteredResults(shared(SITE_A));
    const asyncOnly = new AuthorizedLive(live, principal('*', ['async', 'registered', 'sql']));
    expect(code(await rejection(asyncOnly.sharedRegisteredResults(shared(SITE_A))))).toBe('FORBIDDEN');
    expect(started).toEqual([`status:${SITE_A}`, `shared:${SITE_A}`]);
    expect(scoped.stats()).toEqual({});
  });
});
