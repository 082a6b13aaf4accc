import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';
import { IngestionSigner } from './ingestion-signer';

describe(IngestionSigner.name, () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

  it('signs an RS256 JWT with sub, apiKey, iat and exp = iat + 300 s', async () => {
    const now = Date.parse('2026-05-01T10:00:00Z');
    const sut = await IngestionSigner.fromPkcs8(pem, {
      environmentId: 'env-1',
      apiKey: 'key-1',
      now: () => now,
    });
    const token = await sut.token();
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256' });
    const { payload } = await jwtVerify(token, await importSPKI(publicPem, 'RS256'), {
      currentDate: new Date(now),
      subject: 'env-1',
    });
    expect(payload).toEqual({ sub: 'env-1', apiKey: 'key-1', iat: now / 1000, exp: now / 1000 + 300 });
  });

  it('reuses the token until a minute before it expires, then signs a new one', async () => {
    let now = Date.parse('2026-05-01T10:00:00Z');
    const sut = await IngestionSigner.fromPkcs8(pem, { environmentId: 'e', apiKey: 'k', now: () => now });
    const first = await sut.token();
    now += 239_000;
    expect(await sut.token()).toBe(first);
    now += 1_000;
    const second = await sut.token();
    expect(second).not.toBe(first);
    expect(decodeJwt(second).iat).toBe(now / 1000);
  });

  it('caps the lifetime at the protocol maximum', async () => {
    const sut = await IngestionSigner.fromPkcs8(pem, {
      environmentId: 'e',
      apiKey: 'k',
      lifetimeSeconds: 3600,
    });
    const claims = decodeJwt(await sut.token());
    expect(claims.exp! - claims.iat!).toBe(300);
  });

  it('refuses a key that is not PKCS#8 RSA', async () => {
    await expect(
      IngestionSigner.fromPkcs8('not a key', { environmentId: 'e', apiKey: 'k' }),
    ).rejects.toThrow();
  });
});
