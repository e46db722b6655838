import { exportJWK, generateKeyPair, createLocalJWKSet, SignJWT, type JWK } from 'jose';
import { GraphQLError } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKeyStore, hashApiKey, parseClientKeys } from '../../src/auth/api-keys.js';
import { createAuthenticator, presentedCredential } from '../../src/auth/authenticate.js';
import { createJwtVerifier, looksLikeJwt, type JwtVerifier } from '../../src/auth/jwt.js';
import { openPrincipal, parsePermissions, parseSites } from '../../src/auth/principal.js';

const SITE_A = '0b1b7c6e-6b2a-4e59-9d53-2c1f7b0c0a01';
const SITE_B = '0b1b7c6e-6b2a-4e59-9d53-2c1f7b0c0a02';

const keysJson = (entries: unknown[]) => JSON.stringify(entries);

/** The message `fn` throws ('' when it does not). */
function thrownMessage(fn: () => unknown): string {
  try {
    fn();
    return '';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

describe('API keys', () => {
  it('should parse entries and keep only hashes', () => {
    const [entry] = parseClientKeys(
      keysJson([{ id: 'reporting', sha256: hashApiKey('k1'), sites: [SITE_A.toUpperCase()], permissions: ['read'] }]),
    );
    expect(entry).toMatchObject({ id: 'reporting', sha256: hashApiKey('k1') });
    expect(entry!.sites).toEqual(new Set([SITE_A]));
    expect(
      JSON.stringify(
        parseClientKeys(keysJson([{ id: 'x', sha256: hashApiKey('secret-key'), sites: ['*'], permissions: [] }])),
      ),
    ).not.toContain('secret-key');
  });

  it.each([
    ['not JSON', '{', /valid JSON/],
    ['not an array', '{}', /JSON array/],
    ['a bad id', keysJson([{ id: ' x', sha256: hashApiKey('a'), sites: ['*'], permissions: [] }]), /id must be/],
    [
      'a key instead of a hash',
      keysJson([{ id: 'x', sha256: 'plain-key', sites: ['*'], permissions: [] }]),
      /64 hex digits/,
    ],
    [
      'a non-GUID site',
      keysJson([{ id: 'x', sha256: hashApiKey('a'), sites: ['../other-site'], permissions: [] }]),
      /GUID/,
    ],
    [
      '"*" with other sites',
      keysJson([{ id: 'x', sha256: hashApiKey('a'), sites: ['*', SITE_A], permissions: [] }]),
      /alone/,
    ],
    [
      'an unknown permission',
      keysJson([{ id: 'x', sha256: hashApiKey('a'), sites: ['*'], permissions: ['admin'] }]),
      /unknown permission/,
    ],
    [
      'a duplicate id',
      keysJson([1, 2].map((n) => ({ id: 'x', sha256: hashApiKey(String(n)), sites: ['*'], permissions: [] }))),
      /duplicate id/,
    ],
    [
      'a duplicate hash',
      keysJson(['x', 'y'].map((id) => ({ id, sha256: hashApiKey('same'), sites: ['*'], permissions: [] }))),
      /twice/,
    ],
  ])('should refuse %s with a message that names no secret', (_name, json, message) => {
    const thrown = thrownMessage(() => parseClientKeys(json));
    expect(thrown).toMatch(message);
    expect(thrown).not.toContain(hashApiKey('a'));
  });

  it('should find the client of a key, and nothing for an unknown, empty or oversized one', () => {
    const store = createApiKeyStore(
      parseClientKeys(
        keysJson([
          { id: 'one', sha256: hashApiKey('key-one'), sites: ['*'], permissions: ['read'] },
          { id: 'two', sha256: hashApiKey('key-two'), sites: [SITE_B], permissions: ['read', 'writes'] },
        ]),
      ),
    );
    expect(store.lookup('key-two')).toMatchObject({ clientId: 'two', via: 'api-key' });
    expect(store.lookup('key-one')?.clientId).toBe('one');
    expect(store.lookup('key-three')).toBeUndefined();
    expect(store.lookup('')).toBeUndefined();
    expect(store.lookup('k'.repeat(10_000))).toBeUndefined();
  });
});

describe('principal parsing', () => {
  it('should accept ["*"] or GUIDs, and permissions as a list or a space-separated string', () => {
    expect(parseSites(['*'], 't')).toBe('*');
    expect(parseSites([SITE_A, SITE_B], 't')).toEqual(new Set([SITE_A, SITE_B]));
    expect(parsePermissions('read async', 't')).toEqual(new Set(['read', 'async']));
    expect(() => parseSites('*', 't')).toThrow(/array/);
  });

  it('should give the open principal every site, and writes only when allowed', () => {
    expect(openPrincipal(false).permissions.has('writes')).toBe(false);
    expect(openPrincipal(true).permissions).toEqual(new Set(['read', 'async', 'registered', 'sql', 'writes']));
    // Raw SQL stays allowed in open (development) mode.
    expect(openPrincipal(false).permissions).toEqual(new Set(['read', 'async', 'registered', 'sql']));
    expect(openPrincipal(true).sites).toBe('*');
  });
});

describe('credentials', () => {
  const h = (init: Record<string, string>) => new Headers(init);
  it.each([
    [{}, 'none'],
    [{ authorization: 'Bearer abc' }, { kind: 'bearer', value: 'abc' }],
    [{ authorization: 'bearer   abc ' }, { kind: 'bearer', value: 'abc' }],
    [{ 'x-api-key': 'abc' }, { kind: 'api-key', value: 'abc' }],
    [
      { authorization: 'Bearer abc', 'x-api-key': 'abc' },
      { kind: 'bearer', value: 'abc' },
    ],
    [{ authorization: 'Bearer abc', 'x-api-key': 'other' }, 'invalid'],
    [{ authorization: 'Basic YTpi' }, 'invalid'],
    [{ authorization: 'Bearer a b' }, 'invalid'],
    [{ 'x-api-key': '' }, 'invalid'],
    [{ 'x-api-key': 'a, b' }, 'invalid'],
  ])('should read %j as %j', (headers, expected) => {
    expect(presentedCredential(h(headers))).toEqual(expected);
  });
});

describe('JWT', () => {
  const issuer = 'https://idp.example';
  const audience = 'halo-graphql';
  let privateKey: CryptoKey;
  let otherKey: CryptoKey;
  let verify: JwtVerifier;
  let publicJwk: JWK;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    otherKey = (await generateKeyPair('ES256')).privateKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' };
    verify = createJwtVerifier({ issuer, audience, keys: createLocalJWKSet({ keys: [publicJwk] }) });
  });

  const sign = (
    claims: Record<string, unknown>,
    options: { key?: CryptoKey; iss?: string; aud?: string; exp?: string | number; sub?: string | null } = {},
  ) => {
    let jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuedAt()
      .setIssuer(options.iss ?? issuer)
      .setAudience(options.aud ?? audience);
    if (options.sub !== null) jwt = jwt.setSubject(options.sub ?? 'svc-reports');
    if (options.exp !== undefined) jwt = jwt.setExpirationTime(options.exp);
    else jwt = jwt.setExpirationTime('5m');
    return jwt.sign(options.key ?? privateKey);
  };

  it('should turn a valid token into a principal with its sites and permissions', async () => {
    const token = await sign({ sites: [SITE_A], permissions: 'read registered sql openid' });
    expect(looksLikeJwt(token)).toBe(true);
    const p = await verify(token);
    expect(p).toMatchObject({ clientId: 'svc-reports', via: 'jwt' });
    expect(p!.sites).toEqual(new Set([SITE_A]));
    expect(p!.permissions).toEqual(new Set(['read', 'registered', 'sql']));
  });

  it('should give a token without a sites claim no site', async () => {
    expect((await verify(await sign({ permissions: ['read'] })))!.sites).toEqual(new Set());
  });

  it.each([
    ['expired', { exp: Math.floor(Date.now() / 1000) - 3600 }],
    ['from another issuer', { iss: 'https://evil.example' }],
    ['for another audience', { aud: 'someone-else' }],
    ['without a subject', { sub: null }],
    ['with an unsafe subject', { sub: 'a b\nc' }],
  ])('should refuse a token %s', async (_name, options) => {
    expect(await verify(await sign({ sites: ['*'], permissions: ['read'] }, options))).toBeUndefined();
  });

  it('should refuse a token signed by another key, an alg=none token and an HS256 token keyed with the public key', async () => {
    expect(await verify(await sign({ sites: ['*'] }, { key: otherKey }))).toBeUndefined();
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const exp = Math.floor(Date.now() / 1000) + 300;
    expect(
      await verify(`${b64({ alg: 'none' })}.${b64({ iss: issuer, aud: audience, sub: 'x', exp, sites: ['*'] })}.`),
    ).toBeUndefined();
    const hs = await new SignJWT({ sites: ['*'] })
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject('x')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(JSON.stringify(publicJwk)));
    expect(await verify(hs)).toBeUndefined();
  });

  it('should refuse a token whose sites claim is malformed', async () => {
    expect(await verify(await sign({ sites: ['../x'] }))).toBeUndefined();
  });

  it('should refuse a JWKS URL that is not https', () => {
    expect(() => createJwtVerifier({ issuer, audience, jwksUrl: 'http://idp.example/jwks' })).toThrow(/https/);
    expect(() => createJwtVerifier({ issuer, audience })).toThrow(/JWT_JWKS_URL/);
  });

  it('should authenticate with either an API key or a JWT when both are configured', async () => {
    const auth = createAuthenticator({
      keys: parseClientKeys(
        keysJson([{ id: 'k', sha256: hashApiKey('the-key'), sites: ['*'], permissions: ['read'] }]),
      ),
      jwt: { issuer, audience, keys: createLocalJWKSet({ keys: [publicJwk] }) },
    });
    expect(auth.mode).toBe('enforced');
    expect((await auth.authenticate(new Headers({ 'x-api-key': 'the-key' }))).clientId).toBe('k');
    expect(
      (await auth.authenticate(new Headers({ authorization: `Bearer ${await sign({ sites: ['*'] })}` }))).clientId,
    ).toBe('svc-reports');
  });
});

describe('authenticator', () => {
  const auth = createAuthenticator({
    keys: parseClientKeys(keysJson([{ id: 'k', sha256: hashApiKey('the-key'), sites: ['*'], permissions: ['read'] }])),
  });

  it('should answer UNAUTHENTICATED with HTTP 401 for missing, malformed and unknown credentials, all alike', async () => {
    const errors = await Promise.all(
      (
        [{}, { authorization: 'Basic x' }, { 'x-api-key': 'wrong' }, { authorization: 'Bearer wrong' }] as Array<
          Record<string, string>
        >
      ).map((h) =>
        auth.authenticate(new Headers(h)).then(
          () => undefined,
          (e: unknown) => e,
        ),
      ),
    );
    for (const e of errors) {
      expect(e).toBeInstanceOf(GraphQLError);
      expect((e as GraphQLError).extensions).toMatchObject({ code: 'UNAUTHENTICATED', http: { status: 401 } });
      expect((e as GraphQLError).message).toBe((errors[0] as GraphQLError).message);
      expect((e as GraphQLError).message).not.toContain('wrong');
    }
  });

  it('should run open, with the open principal, when nothing is configured', async () => {
    const open = createAuthenticator({}, { allowWrites: true });
    expect(open.mode).toBe('open');
    expect(await open.authenticate(new Headers())).toMatchObject({ clientId: 'anonymous', via: 'open' });
  });
});
