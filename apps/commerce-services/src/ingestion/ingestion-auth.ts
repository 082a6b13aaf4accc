import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { INGESTION_JWT_MAX_LIFETIME_SECONDS, ReceiverCode } from '@cde/contracts';
import { errors, importSPKI, jwtVerify, type JWTPayload, type KeyLike } from 'jose';

export type AuthFailure = {
  readonly ok: false;
  readonly status: 401 | 403;
  readonly error: string;
  readonly message: string;
  readonly code: ReceiverCode;
};

export type AuthResult = { readonly ok: true } | AuthFailure;

const OK: AuthResult = { ok: true };

/** Constant-time comparison (of digests, so the lengths match), so the key cannot be guessed byte by byte. */
export function apiKeyMatches(presented: string | undefined, configured: string): boolean {
  if (presented === undefined || presented === '') return false;
  const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(configured));
}

export function checkApiKey(presented: string | undefined, configured: string): AuthResult {
  if (apiKeyMatches(presented, configured)) return OK;
  return {
    ok: false,
    status: 401,
    error: 'invalid_api_key',
    message: presented ? 'x-api-key is not valid' : 'x-api-key is missing',
    code: ReceiverCode.ApiKey,
  };
}

/** The right key refused as a wrong one would be (the `refuseKey` fault switch: a revoked key). */
export const REFUSED_API_KEY: AuthFailure = {
  ok: false,
  status: 401,
  error: 'invalid_api_key',
  message: 'x-api-key refused by the refuseKey fault switch',
  code: ReceiverCode.ApiKey,
};

export interface ExpectedClaims {
  readonly environmentId: string;
  /** The key of this request: a token signed for another key is refused. */
  readonly apiKey: string;
}

const invalidToken = (message: string): AuthFailure => ({
  ok: false,
  status: 401,
  error: 'invalid_signature',
  message,
  code: ReceiverCode.Signature,
});

/**
 * Checks the claims of a token whose signature and expiry jose has verified: `sub` is the environment (a valid
 * token of another environment is 403), `apiKey` is the request's key, and the lifetime is at most 300 s.
 */
export function checkIngestionClaims(payload: JWTPayload, expected: ExpectedClaims): AuthResult {
  const { sub, iat, exp } = payload;
  const apiKey = payload['apiKey'];
  if (typeof iat !== 'number' || typeof exp !== 'number') return invalidToken('token lacks iat or exp');
  if (exp - iat > INGESTION_JWT_MAX_LIFETIME_SECONDS)
    return invalidToken(`token lifetime exceeds ${INGESTION_JWT_MAX_LIFETIME_SECONDS} s`);
  if (typeof apiKey !== 'string' || !apiKeyMatches(apiKey, expected.apiKey))
    return invalidToken('token was not issued for this x-api-key');
  if (sub !== expected.environmentId)
    return {
      ok: false,
      status: 403,
      error: 'wrong_environment',
      message: 'token is for another environment',
      code: ReceiverCode.Environment,
    };
  return OK;
}

/** Verifies `x-gw-signature`: an RS256 JWT signed with the merchant's private key, then its claims. */
export async function verifyIngestionToken(
  token: string | undefined,
  key: KeyLike,
  expected: ExpectedClaims,
  now: Date,
): Promise<AuthResult> {
  if (token === undefined || token === '') return invalidToken('x-gw-signature is missing');
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['RS256'],
      currentDate: now,
      requiredClaims: ['sub', 'iat', 'exp'],
    });
    return checkIngestionClaims(payload, expected);
  } catch (error: unknown) {
    if (error instanceof errors.JWTExpired) {
      return { ...invalidToken('token has expired'), error: 'token_expired' };
    }
    if (error instanceof errors.JOSEError) return invalidToken(`token is not valid (${error.code})`);
    throw error;
  }
}

/** Reads the public key file once at boot; a missing or bad file stops the start with a readable error. */
export async function loadIngestionPublicKey(file: string): Promise<KeyLike> {
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch (error: unknown) {
    throw new Error(
      `CDE_RECEIVER_PUBLIC_KEY_FILE ${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return importIngestionPublicKey(pem, file);
}

export async function importIngestionPublicKey(pem: string, file: string): Promise<KeyLike> {
  try {
    return await importSPKI(pem, 'RS256');
  } catch (error: unknown) {
    throw new Error(
      `CDE_RECEIVER_PUBLIC_KEY_FILE ${file} is not an RSA public key in PEM (SPKI): ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}
