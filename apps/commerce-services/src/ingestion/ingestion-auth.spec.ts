import { exportSPKI, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import {
  apiKeyMatches,
  checkApiKey,
  checkIngestionClaims,
  importIngestionPublicKey,
  loadIngestionPublicKey,
  verifyIngestionToken,
} from './ingestion-auth';

const expected = { environmentId: 'local', apiKey: 'key-1' };

describe(apiKeyMatches.name, () => {
  it('matches the configured key only', () => {
    expect(apiKeyMatches('key-1', 'key-1')).toBe(true);
    expect(apiKeyMatches('key-2', 'key-1')).toBe(false);
    expect(apiKeyMatches('key-1-longer', 'key-1')).toBe(false);
    expect(apiKeyMatches('', 'key-1')).toBe(false);
    expect(apiKeyMatches(undefined, 'key-1')).toBe(false);
  });

  it('says whether the key is missing or wrong (401, CDE20-01)', () => {
    expect(checkApiKey(undefined, 'key-1')).toMatchObject({
      ok: false,
      status: 401,
      message: 'x-api-key is missing',
      code: 'CDE20-01',
    });
    expect(checkApiKey('nope', 'key-1')).toMatchObject({ ok: false, status: 401, error: 'invalid_api_key' });
    expect(checkApiKey('key-1', 'key-1')).toEqual({ ok: true });
  });
});

describe(checkIngestionClaims.name, () => {
  const claims = { sub: 'local', apiKey: 'key-1', iat: 1_000, exp: 1_300 };

  it('accepts a token of this environment and key, living at most 300 s', () => {
    expect(checkIngestionClaims(claims, expected)).toEqual({ ok: true });
  });

  it.each([
    ['a longer lifetime', { exp: 1_301 }, 401, 'lifetime'],
    ['another key', { apiKey: 'key-2' }, 401, 'x-api-key'],
    ['no apiKey claim', { apiKey: undefined }, 401, 'x-api-key'],
    ['no iat', { iat: undefined }, 401, 'iat'],
    ['another environment', { sub: 'prod' }, 403, 'another environment'],
  ])('refuses %s', (_name, patch, status, message) => {
    expect(checkIngestionClaims({ ...claims, ...patch }, expected)).toMatchObject({
      ok: false,
      status,
      message: expect.stringContaining(message) as unknown,
    });
  });
});

describe(verifyIngestionToken.name, () => {
  let privateKey: KeyLike;
  let publicKey: KeyLike;
  let otherPrivateKey: KeyLike;
  const now = new Date('2026-11-22T10:00:00Z');
  const nowSeconds = Math.floor(now.getTime() / 1_000);

  beforeAll(async () => {
    ({ privateKey, publicKey } = await generateKeyPair('RS256'));
    ({ privateKey: otherPrivateKey } = await generateKeyPair('RS256'));
  });

  const sign = (key: KeyLike, iat = nowSeconds, lifetime = 300, sub = 'local'): Promise<string> =>
    new SignJWT({ apiKey: 'key-1' })
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject(sub)
      .setIssuedAt(iat)
      .setExpirationTime(iat + lifetime)
      .sign(key);

  it('accepts a token signed with the merchant key', async () => {
    await expect(verifyIngestionToken(await sign(privateKey), publicKey, expected, now)).resolves.toEqual({
      ok: true,
    });
  });

  it('refuses a missing, malformed, foreign-signed or expired token (401, CDE20-02)', async () => {
    await expect(verifyIngestionToken(undefined, publicKey, expected, now)).resolves.toMatchObject({
      status: 401,
      code: 'CDE20-02',
    });
    await expect(verifyIngestionToken('not.a.jwt', publicKey, expected, now)).resolves.toMatchObject({
      status: 401,
    });
    await expect(
      verifyIngestionToken(await sign(otherPrivateKey), publicKey, expected, now),
    ).resolves.toMatchObject({
      status: 401,
      error: 'invalid_signature',
    });
    await expect(
      verifyIngestionToken(await sign(privateKey, nowSeconds - 400), publicKey, expected, now),
    ).resolves.toMatchObject({
      status: 401,
      error: 'token_expired',
    });
  });

  it('refuses a valid token of another environment with 403 (CDE20-03)', async () => {
    await expect(
      verifyIngestionToken(await sign(privateKey, nowSeconds, 300, 'prod'), publicKey, expected, now),
    ).resolves.toMatchObject({ status: 403, code: 'CDE20-03' });
  });

  it('imports an SPKI PEM and explains a bad or missing one', async () => {
    await expect(importIngestionPublicKey(await exportSPKI(publicKey), 'k.pem')).resolves.toBeDefined();
    await expect(importIngestionPublicKey('nope', 'k.pem')).rejects.toThrow(
      /k\.pem is not an RSA public key/,
    );
    await expect(loadIngestionPublicKey('/nonexistent/k.pem')).rejects.toThrow(/k\.pem cannot be read/);
  });
});
