import { beforeEach, describe, expect, it } from 'vitest';
import {
  BackupSite,
  D4wSite,
  OfflineSite,
  OnlineSite,
  UnreachableSite,
  ZedmedSite,
  stableUuid,
} from '../src/fixtures.js';
import { useSimulator } from './helpers.js';

const ctx = useSimulator();
beforeEach(() => ctx.sim.reset());

describe('authentication', () => {
  it('should answer 401 in the API Management shape when the key is missing', async () => {
    const res = await ctx.call('GET', `/integrator/sites/${OnlineSite.id}`, { key: null });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      statusCode: 401,
      message:
        'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
    });
  });

  it('should answer 401 when the key is wrong, including for the control API', async () => {
    const res = await ctx.call('GET', `/integrator/sites/${OnlineSite.id}`, { key: 'not-the-key' });
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/invalid subscription key/);
    expect((await ctx.call('POST', '/_sim/reset', { key: 'nope' })).status).toBe(401);
  });

  it('should serve /health without a key', async () => {
    const res = await ctx.call('GET', '/health', { key: null });
    expect(res).toMatchObject({ status: 200, body: { status: 'ok' } });
  });
});

describe('routing and bad input', () => {
  it('should answer unknown routes and wrong methods with 404 in the API Management shape', async () => {
    expect(await ctx.call('GET', '/integrator/nothing-here')).toMatchObject({
      status: 404,
      body: { statusCode: 404, message: 'Resource not found' },
    });
    expect((await ctx.call('PUT', `/integrator/sites/${OnlineSite.id}`)).status).toBe(404);
    expect((await ctx.call('GET', '/elsewhere')).status).toBe(404);
  });

  it('should reject a site id that is not a GUID with 400 in the Halo envelope', async () => {
    const res = await ctx.call('GET', '/integrator/sites/not-a-guid');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: { status: 400, statusText: 'Bad Request', message: 'Halo GUID must be a valid GUID.' },
    });
  });

  it('should never let an encoded path segment reach another route', async () => {
    const res = await ctx.call('GET', `/integrator/sites/x%2F..%2F${OnlineSite.id}`);
    expect(res.status).toBe(400);
  });

  it('should answer 404 for an unknown site', async () => {
    const res = await ctx.call('GET', `/integrator/sites/${stableUuid('nobody')}`);
    expect(res).toMatchObject({ status: 404, body: { error: { status: 404, message: 'Site not found.' } } });
  });

  it('should answer malformed JSON, wrong types and huge bodies with clean errors and keep serving', async () => {
    const path = `/integrator/sites/${OnlineSite.id}/queries/immediate`;
    const malformed = await ctx.call('POST', path, {
      rawBody: '{"command": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed).toMatchObject({
      status: 400,
      body: { error: { message: 'The request body is not valid JSON.' } },
    });
    expect((await ctx.call('POST', path, { body: [] })).status).toBe(400);
    expect((await ctx.call('POST', path, { body: { command: { text: 42 } } })).body.error.message).toBe(
      'command.text is required.',
    );
    expect(
      (await ctx.call('POST', path, { body: { command: { text: 'SELECT 1', executionMode: 'write' } } })).status,
    ).toBe(400);
    expect(
      (
        await ctx.call('POST', path, {
          body: { command: { text: 'SELECT 1', parameters: [{ name: '@a', value: 5 }] } },
        })
      ).status,
    ).toBe(400);
    expect(
      (await ctx.call('POST', path, { body: { command: { text: 'SELECT 1' }, maxTimeInQueue: 60001 } })).body.error
        .message,
    ).toBe('maxTimeInQueue must be an integer between 0 and 60000.');
    expect((await ctx.call('POST', path, { body: { command: { text: 'SELECT 1' }, maxTimeInQueue: -1 } })).status).toBe(
      400,
    );
    expect((await ctx.call('POST', path, { body: { command: { text: 'SELECT 1' }, catalogue: 'Nope' } })).status).toBe(
      400,
    );
    const huge = await ctx.call('POST', path, { rawBody: `{"command":{"text":"${'x'.repeat(5 * 1024 * 1024)}"}}` });
    expect(huge).toMatchObject({ status: 413, body: { statusCode: 413 } });
    expect((await ctx.call('GET', '/health', { key: null })).status).toBe(200);
  });
});

describe('getSite and getSites', () => {
  it('should return a site in the SiteForIntegrator shape', async () => {
    const res = await ctx.call('GET', `/integrator/sites/${OnlineSite.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: OnlineSite.id,
      pmsType: 'BestPractice',
      availability: 'online',
      status: 'active',
      authoritative: true,
      practiceMetadata: {
        pmsType: 'BestPractice',
        practiceName: 'Halo Clinic North',
        practiceManagementSiteId: '10001',
      },
      practiceManagementName: 'Best Practice',
      catalogue: [
        { name: 'BPSPatients', isDefault: true },
        { name: 'BPSDrugs', isDefault: false },
      ],
    });
  });

  it('should give every fixture its documented state and a stable GUID', async () => {
    const states = await Promise.all(
      [OfflineSite, UnreachableSite, ZedmedSite, D4wSite].map(
        async (s) => (await ctx.call('GET', `/integrator/sites/${s.id}`)).body,
      ),
    );
    expect(states.map((s) => [s.practiceMetadata.practiceName, s.pmsType, s.availability])).toEqual([
      ['Halo Clinic South', 'BestPractice', 'offline'],
      ['Halo Clinic West', 'BestPractice', 'unreachable'],
      ['Zedmed Family Practice', 'Zedmed', 'online'],
      ['Smile Dental', 'D4w', 'online'],
    ]);
    expect(OnlineSite.id).toBe(stableUuid('bp-north'));
  });

  it('should find both sites that share a PMS id, and none for an unknown one', async () => {
    const res = await ctx.call(
      'GET',
      '/integrator/sites?practiceManagementSiteId=10001&practiceManagementName=Best%20Practice',
    );
    expect(res.status).toBe(200);
    expect(res.body.sites.map((s: { id: string; authoritative: boolean }) => [s.id, s.authoritative])).toEqual([
      [OnlineSite.id, true],
      [BackupSite.id, false],
    ]);
    const none = await ctx.call(
      'GET',
      '/integrator/sites?practiceManagementSiteId=99999&practiceManagementName=Zedmed',
    );
    expect(none).toMatchObject({ status: 200, body: { sites: [] } });
  });

  it('should reject getSites without its required parameters', async () => {
    expect((await ctx.call('GET', '/integrator/sites?practiceManagementSiteId=10001')).status).toBe(400);
    expect(
      (await ctx.call('GET', '/integrator/sites?practiceManagementSiteId=10001&practiceManagementName=BestPractice'))
        .status,
    ).toBe(400);
  });

  it('should refuse queries on a non-authoritative site with 403', async () => {
    const res = await ctx.call('POST', `/integrator/sites/${BackupSite.id}/queries/immediate`, {
      body: { command: { text: 'SELECT 1 AS one' } },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/not the authoritative site/);
    expect((await ctx.call('GET', `/integrator/sites/${BackupSite.id}`)).status).toBe(200);
  });

  it('should follow /_sim/sites changes and hide removed sites', async () => {
    const changed = await ctx.call('POST', `/_sim/sites/${OnlineSite.id}`, { body: { availability: 'offline' } });
    expect(changed).toMatchObject({ status: 200, body: { availability: 'offline' } });
    await ctx.call('POST', `/_sim/sites/${ZedmedSite.id}`, { body: { status: 'removed' } });
    expect((await ctx.call('GET', `/integrator/sites/${ZedmedSite.id}`)).status).toBe(404);
    expect(
      (await ctx.call('POST', `/_sim/sites/${OnlineSite.id}`, { body: { availability: 'sideways' } })).status,
    ).toBe(400);
  });
});

describe('pairing', () => {
  const pair = (op: string, q: string) => ctx.call('POST', `/integrator/${op}?${q}`);

  it('should pair a Best Practice site with the pairing code and return the authoritative site', async () => {
    const res = await pair(
      'pair-site',
      'practiceManagementSiteId=10001&practiceManagementName=Best%20Practice&pairingCode=ABC123',
    );
    expect(res).toMatchObject({ status: 200, body: { id: OnlineSite.id, authoritative: true } });
    const deprecated = await pair(
      'pairSite',
      'practiceManagementSiteId=10001&practiceManagementName=Best%20Practice&pairingCode=ABC123',
    );
    expect(deprecated).toMatchObject({ status: 200, body: { id: OnlineSite.id } });
  });

  it('should need the code for Best Practice only', async () => {
    expect(
      (await pair('pair-site', 'practiceManagementSiteId=10001&practiceManagementName=Best%20Practice')).status,
    ).toBe(400);
    expect(
      (
        await pair(
          'pair-site',
          'practiceManagementSiteId=10001&practiceManagementName=Best%20Practice&pairingCode=WRONG1',
        )
      ).status,
    ).toBe(403);
    expect(await pair('pair-site', 'practiceManagementSiteId=20001&practiceManagementName=Zedmed')).toMatchObject({
      status: 200,
      body: { id: ZedmedSite.id },
    });
  });

  it('should answer 404 for an unknown practice and 400 for a bad PMS name', async () => {
    expect((await pair('pair-site', 'practiceManagementSiteId=55555&practiceManagementName=D4w')).status).toBe(404);
    expect(
      (await pair('pair-site', 'practiceManagementSiteId=30001&practiceManagementName=Dental4Windows')).status,
    ).toBe(400);
  });
});
