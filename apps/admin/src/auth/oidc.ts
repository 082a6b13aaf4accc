import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { request } from 'undici';
import { z } from 'zod';
import type { OidcConfig } from '../app.config';

const discoverySchema = z.object({
  issuer: z.string(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  jwks_uri: z.url(),
});
export type OidcDiscovery = z.infer<typeof discoverySchema>;

/** Who an ID token names, for the session and the `requestedBy` of commands (`dashboard:<user>`). */
export interface OidcIdentity {
  readonly user: string;
}

/**
 * Verifies an ID token: RS/ES/PS signature by a key of the issuer's JWKS, issuer, audience = our client id,
 * expiry, and the nonce this sign-in sent (so a token for another sign-in cannot be replayed).
 */
export async function verifyIdToken(
  token: string,
  keys: JWTVerifyGetKey,
  expected: { readonly issuer: string; readonly clientId: string; readonly nonce: string },
  now: Date = new Date(),
): Promise<OidcIdentity> {
  const { payload } = await jwtVerify(token, keys, {
    issuer: expected.issuer,
    audience: expected.clientId,
    algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384'],
    currentDate: now,
  });
  if (payload['nonce'] !== expected.nonce)
    throw new Error("the ID token does not carry this sign-in's nonce");
  const user = [payload['email'], payload['preferred_username'], payload.sub].find(
    (v): v is string => typeof v === 'string' && v.length > 0,
  );
  if (!user) throw new Error('the ID token names no user');
  return { user };
}

/** A fresh state and nonce for one sign-in, and the PKCE verifier with its S256 challenge. */
export function newSignIn(): { state: string; nonce: string; verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return {
    state: randomBytes(16).toString('base64url'),
    nonce: randomBytes(16).toString('base64url'),
    verifier,
    challenge: createHash('sha256').update(verifier).digest('base64url'),
  };
}

/** The OpenID Connect authorization-code flow with PKCE, against the configured issuer. */
export class OidcClient {
  private discovery: Promise<{ meta: OidcDiscovery; keys: JWTVerifyGetKey }> | undefined;

  constructor(private readonly config: OidcConfig) {}

  private discover(): Promise<{ meta: OidcDiscovery; keys: JWTVerifyGetKey }> {
    this.discovery ??= (async () => {
      const url = `${this.config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
      const res = await request(url, { headersTimeout: 10_000, bodyTimeout: 10_000 });
      if (res.statusCode !== 200) {
        await res.body.dump();
        throw new Error(`OIDC discovery at ${url} answered ${res.statusCode}`);
      }
      const meta = discoverySchema.parse(await res.body.json());
      return { meta, keys: createRemoteJWKSet(new URL(meta.jwks_uri)) };
    })().catch((error: unknown) => {
      this.discovery = undefined;
      throw error;
    });
    return this.discovery;
  }

  async authorizationUrl(signIn: { state: string; nonce: string; challenge: string }): Promise<string> {
    const { meta } = await this.discover();
    const url = new URL(meta.authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.config.clientId,
      redirect_uri: this.config.redirectUrl,
      scope: 'openid email profile',
      state: signIn.state,
      nonce: signIn.nonce,
      code_challenge: signIn.challenge,
      code_challenge_method: 'S256',
    }).toString();
    return url.toString();
  }

  /** Exchanges the code for tokens and verifies the ID token. */
  async complete(code: string, signIn: { nonce: string; verifier: string }): Promise<OidcIdentity> {
    const { meta, keys } = await this.discover();
    const res = await request(meta.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: this.config.redirectUrl,
        client_id: this.config.clientId,
        client_secret: this.config.clientSecret,
        code_verifier: signIn.verifier,
      }).toString(),
      headersTimeout: 10_000,
      bodyTimeout: 10_000,
    });
    const body = (await res.body.json().catch(() => ({}))) as { id_token?: unknown };
    if (res.statusCode !== 200 || typeof body.id_token !== 'string')
      throw new Error(`the token endpoint answered ${res.statusCode} without an ID token`);
    return verifyIdToken(body.id_token, keys, {
      issuer: meta.issuer,
      clientId: this.config.clientId,
      nonce: signIn.nonce,
    });
  }
}
