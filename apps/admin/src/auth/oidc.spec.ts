import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { newSignIn, verifyIdToken } from './oidc';

// RSA key generation and verification are slow on a loaded 2-core machine.
jest.setTimeout(60_000);

describe(verifyIdToken.name, () => {
  const issuer = 'https://id.example.com/realms/ops';
  const expected = { issuer, clientId: 'cde-admin', nonce: 'n-1' };
  let keys: ReturnType<typeof createLocalJWKSet>;
  let sign: (
    claims: Record<string, unknown>,
    options?: { issuer?: string; audience?: string; exp?: string },
  ) => Promise<string>;

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
    keys = createLocalJWKSet({ keys: [jwk] });
    sign = (claims, options = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(options.issuer ?? issuer)
        .setAudience(options.audience ?? 'cde-admin')
        .setSubject('u-42')
        .setIssuedAt()
        .setExpirationTime(options.exp ?? '5m')
        .sign(privateKey);
  });

  it('names the user by e-mail, then preferred user name, then subject', async () => {
    expect(
      await verifyIdToken(await sign({ nonce: 'n-1', email: 'ops@example.com' }), keys, expected),
    ).toEqual({
      user: 'ops@example.com',
    });
    expect(
      await verifyIdToken(await sign({ nonce: 'n-1', preferred_username: 'ops' }), keys, expected),
    ).toEqual({
      user: 'ops',
    });
    expect(await verifyIdToken(await sign({ nonce: 'n-1' }), keys, expected)).toEqual({ user: 'u-42' });
  });

  it.each([
    ['another issuer', { nonce: 'n-1' }, { issuer: 'https://evil.example.com' }, /iss/],
    ['another audience', { nonce: 'n-1' }, { audience: 'other' }, /aud/],
    ['another sign-in', { nonce: 'n-2' }, {}, /nonce/],
    ['an expired token', { nonce: 'n-1' }, { exp: '-1m' }, /exp/],
  ])('refuses %s', async (_case, claims, options, message) => {
    await expect(verifyIdToken(await sign(claims, options), keys, expected)).rejects.toThrow(message);
  });

  it('refuses a token signed by a key outside the JWKS', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ nonce: 'n-1' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience('cde-admin')
      .setExpirationTime('5m')
      .sign(privateKey);
    await expect(verifyIdToken(token, keys, expected)).rejects.toThrow(/signature/);
  });
});

describe(newSignIn.name, () => {
  it('makes a fresh state, nonce and PKCE pair', () => {
    const a = newSignIn();
    const b = newSignIn();
    expect(a.state).not.toBe(b.state);
    expect(a.challenge).toMatch(/^[\w-]{43}$/);
  });
});
