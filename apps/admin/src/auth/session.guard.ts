import type { IncomingMessage } from 'node:http';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AdminCode } from '@cde/contracts';
import { ApiError } from '@cde/platform/http';
import { CSRF_HEADER, SessionCodec, type Session } from './session';

/** The request with the session the guard verified. */
export type SignedInRequest = IncomingMessage & { session?: Session };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every `/api` route: a valid session cookie (else 401), and on state-changing methods the session's CSRF token
 * in `x-cde-csrf` (else 403). SameSite=Strict already keeps other sites' requests cookie-less; the token also
 * stops a same-site page or a form that is not ours.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(@Inject(SessionCodec) private readonly sessions: SessionCodec) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<SignedInRequest>();
    const session = await this.sessions.read(req.headers.cookie);
    if (!session) throw new ApiError(401, 'unauthorized', 'sign in first', AdminCode.Unauthorized);
    if (!SAFE_METHODS.has(req.method ?? 'GET') && req.headers[CSRF_HEADER] !== session.csrf)
      throw new ApiError(403, 'csrf', `missing or wrong ${CSRF_HEADER} header`, AdminCode.CsrfRejected);
    req.session = session;
    return true;
  }
}
