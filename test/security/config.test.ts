import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashApiKey } from '../../src/auth/api-keys.js';
import { readAppConfig, readSecurityConfig } from '../../src/config.js';

const KEYS = JSON.stringify([{ id: 'reports', sha256: hashApiKey('k'), sites: ['*'], permissions: ['read'] }]);
const REAL = { HALO_API_URL: 'https://api.stage.haloconnect.io', HALO_SUBSCRIPTION_KEY: 'sub-key' };

describe('security configuration', () => {
  it('should refuse to start in front of a real Halo without client auth', () => {
    expect(() => readAppConfig(REAL)).toThrow(/Client auth is required/);
    expect(readAppConfig({ ...REAL, CLIENT_KEYS: KEYS }).security.auth?.keys).toHaveLength(1);
  });

  it('should run open with the embedded simulator, with no rate limit, GraphiQL and introspection on', () => {
    const config = readAppConfig({});
    expect(config.security.auth).toEqual({});
    expect(config.security.rateLimit?.ratePerSecond).toBe(0);
    expect(config.graphiql).toBe(true);
    expect(config.security.limits?.introspection).toBe(true);
  });

  it('should turn GraphiQL and introspection off and the rate limit on in front of a real Halo', () => {
    const config = readAppConfig({ ...REAL, CLIENT_KEYS: KEYS });
    expect(config.graphiql).toBe(false);
    expect(config.security.limits?.introspection).toBe(false);
    expect(config.security.rateLimit).toEqual({ ratePerSecond: 50, burst: 100 });
    expect(readAppConfig({ ...REAL, CLIENT_KEYS: KEYS, GRAPHIQL: 'true', INTROSPECTION: 'on' }).graphiql).toBe(true);
  });

  it('should read keys from CLIENT_KEYS_FILE, and refuse both sources at once', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'keys-')), 'keys.json');
    writeFileSync(file, KEYS);
    expect(readSecurityConfig({ CLIENT_KEYS_FILE: file }, true).auth?.keys?.[0]?.id).toBe('reports');
    expect(() => readSecurityConfig({ CLIENT_KEYS_FILE: file, CLIENT_KEYS: KEYS }, true)).toThrow(/not both/);
    expect(() => readSecurityConfig({ CLIENT_KEYS_FILE: join(tmpdir(), 'missing-keys.json') }, true)).toThrow(
      /could not be read/,
    );
  });

  it('should need all three JWT settings and an https JWKS URL', () => {
    expect(() => readSecurityConfig({ JWT_ISSUER: 'https://idp' }, true)).toThrow(/needs all of/);
    expect(() =>
      readSecurityConfig({ JWT_ISSUER: 'https://idp', JWT_AUDIENCE: 'a', JWT_JWKS_URL: 'http://idp/jwks' }, true),
    ).toThrow(/https/);
    expect(
      readSecurityConfig({ JWT_ISSUER: 'https://idp', JWT_AUDIENCE: 'a', JWT_JWKS_URL: 'https://idp/jwks' }, true).auth
        ?.jwt,
    ).toMatchObject({ issuer: 'https://idp' });
  });

  it('should validate limits and CORS origins, naming the variable and never a key', () => {
    expect(() => readSecurityConfig({ MAX_DEPTH: '0' }, false)).toThrow(/MAX_DEPTH/);
    expect(() => readSecurityConfig({ RATE_LIMIT_PER_SECOND: '-1' }, false)).toThrow(/RATE_LIMIT_PER_SECOND/);
    expect(() => readSecurityConfig({ CORS_ORIGINS: 'https://app.example.org/path' }, false)).toThrow(/CORS_ORIGINS/);
    expect(readSecurityConfig({ CORS_ORIGINS: 'https://a.example, http://localhost:5173' }, false).corsOrigins).toEqual(
      ['https://a.example', 'http://localhost:5173'],
    );
    const bad = JSON.stringify([{ id: 'x', sha256: 'the-actual-secret-key', sites: ['*'], permissions: [] }]);
    expect(() => readSecurityConfig({ CLIENT_KEYS: bad }, false)).toThrow(/sha256/);
    expect(() => readSecurityConfig({ CLIENT_KEYS: bad }, false)).not.toThrow(/the-actual-secret-key/);
  });

  it('should read the log level and WebSocket limits', () => {
    const config = readAppConfig({ LOG_LEVEL: 'warn', WS_MAX_PAYLOAD_BYTES: '65536', WS_MAX_SUBSCRIPTIONS: '10' });
    expect(config.logLevel).toBe('warn');
    expect(config.ws).toEqual({ maxPayloadBytes: 65536, maxSubscriptionsPerConnection: 10 });
    expect(() => readAppConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });
});
