import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

export const SESSION_COOKIE = 'cde_admin_session';
/** Header a state-changing request carries with the session's CSRF token (the page reads it from /api/session). */
export const CSRF_HEADER = 'x-cde-csrf';
const AUDIENCE = 'cde-admin';

export interface Session {
  /** Who signed in: `admin` (local) or the OIDC subject's e-mail or name. */
  readonly user: string;
  /** `local` or `oidc`. */
  readonly via: 'local' | 'oidc';
  readonly csrf: string;
  readonly expiresAt: number;
}

/**
 * Sessions are HS256 JWTs in an HttpOnly, SameSite=Strict cookie: nothing kept server-side, so replicas share them
 * with the key alone. A forged, altered or expired cookie fails verification and the request is anonymous.
 */
export class SessionCodec {
  constructor(
    private readonly key: Uint8Array,
    private readonly ttlSeconds: number,
    private readonly secure: boolean,
  ) {}

  async issue(
    user: string,
    via: Session['via'],
    now = new Date(),
  ): Promise<{ cookie: string; session: Session }> {
    const csrf = randomBytes(18).toString('base64url');
    const issuedAt = Math.floor(now.getTime() / 1000);
    const token = await new SignJWT({ csrf, via })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.ttlSeconds)
      .sign(this.key);
    return {
      cookie: this.cookie(token, this.ttlSeconds),
      session: { user, via, csrf, expiresAt: (issuedAt + this.ttlSeconds) * 1000 },
    };
  }

  /** The session of a Cookie header, or null (none, forged, expired, malformed). */
  async read(cookieHeader: string | undefined, now = new Date()): Promise<Session | null> {
    const token = cookieValue(cookieHeader, SESSION_COOKIE);
    if (!token) return null;
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        audience: AUDIENCE,
        currentDate: now,
      });
      const { sub, csrf, via, exp } = payload;
      if (typeof sub !== 'string' || typeof csrf !== 'string' || (via !== 'local' && via !== 'oidc') || !exp)
        return null;
      return { user: sub, via, csrf, expiresAt: exp * 1000 };
    } catch {
      return null;
    }
  }

  /** A Set-Cookie value that ends the session. */
  cleared(): string {
    return this.cookie('', 0);
  }

  private cookie(value: string, maxAge: number): string {
    return [
      `${SESSION_COOKIE}=${value}`,
      'Path=/',
      'HttpOnly',
      'SameSite=Strict',
      `Max-Age=${maxAge}`,
      ...(this.secure ? ['Secure'] : []),
    ].join('; ');
  }
}

/** One cookie's value from a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
