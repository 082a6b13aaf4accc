import type { ServerResponse } from 'node:http';
import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { verifyPassword } from '@cde/admin-api';
import { AdminCode } from '@cde/contracts';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AdminConfig } from '../app.config';
import { ADMIN_CONFIG, LOGGER } from '../app.tokens';
import { ApiError } from '@cde/platform/http';
import { newSignIn, OidcClient } from './oidc';
import { cookieValue, SessionCodec } from './session';
import { SessionGuard, type SignedInRequest } from './session.guard';

const credentials = z.object({ user: z.string().min(1).max(64), password: z.string().min(1).max(1024) });
const OIDC_COOKIE = 'cde_admin_oidc';

/** Sign-in (local credential or OIDC), sign-out, and the current session with its CSRF token. */
@Controller()
export class AuthController {
  constructor(
    @Inject(ADMIN_CONFIG) private readonly config: AdminConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SessionCodec) private readonly sessions: SessionCodec,
    @Inject(OidcClient) private readonly oidc: OidcClient | null,
  ) {}

  @Get('auth/methods')
  methods(): { local: boolean; oidc: boolean } {
    return { local: this.config.localUser !== null, oidc: this.oidc !== null };
  }

  @Post('auth/login')
  @HttpCode(204)
  async login(@Body() body: unknown, @Res({ passthrough: true }) res: ServerResponse): Promise<void> {
    const parsed = credentials.safeParse(body);
    const local = this.config.localUser;
    // The hash is checked even for an unknown user, so timing does not tell which part was wrong.
    const ok =
      parsed.success &&
      local !== null &&
      (await verifyPassword(parsed.data.password, local.passwordHash)) &&
      parsed.data.user === local.name;
    if (!ok || !parsed.success) {
      this.logger.warn({ operation: 'sign-in', code: AdminCode.SignInFailed }, 'sign-in refused');
      throw new ApiError(401, 'sign_in_failed', 'wrong user or password', AdminCode.SignInFailed);
    }
    const { cookie } = await this.sessions.issue(parsed.data.user, 'local');
    res.setHeader('set-cookie', cookie);
    this.logger.info({ operation: 'sign-in', user: parsed.data.user }, 'Complete');
  }

  @Post('auth/logout')
  @HttpCode(204)
  logout(@Res({ passthrough: true }) res: ServerResponse): void {
    res.setHeader('set-cookie', this.sessions.cleared());
  }

  @Get('auth/oidc/login')
  async oidcLogin(@Res() res: ServerResponse): Promise<void> {
    if (!this.oidc) throw new ApiError(404, 'not_found', 'OIDC sign-in is not configured');
    const signIn = newSignIn();
    const location = await this.oidc.authorizationUrl(signIn);
    const pending = Buffer.from(JSON.stringify(signIn)).toString('base64url');
    res.setHeader('set-cookie', [
      // Lax: the identity provider's redirect back is a top-level navigation from another site.
      `${OIDC_COOKIE}=${pending}; Path=/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=600${this.config.secureCookies ? '; Secure' : ''}`,
    ]);
    res.writeHead(302, { location }).end();
  }

  @Get('auth/oidc/callback')
  async oidcCallback(
    @Query('code') code: string | undefined,
    @Query('state') state: string | undefined,
    @Req() req: SignedInRequest,
    @Res() res: ServerResponse,
  ): Promise<void> {
    if (!this.oidc) throw new ApiError(404, 'not_found', 'OIDC sign-in is not configured');
    let pending: { state?: string; nonce?: string; verifier?: string } = {};
    try {
      pending = JSON.parse(
        Buffer.from(cookieValue(req.headers.cookie, OIDC_COOKIE) ?? '', 'base64url').toString('utf8'),
      ) as typeof pending;
    } catch {
      // No or broken pending sign-in: refused below.
    }
    if (!code || !state || state !== pending.state || !pending.nonce || !pending.verifier)
      throw new ApiError(
        401,
        'sign_in_failed',
        'no sign-in of this browser is waiting',
        AdminCode.SignInFailed,
      );
    let user: string;
    try {
      ({ user } = await this.oidc.complete(code, { nonce: pending.nonce, verifier: pending.verifier }));
    } catch (error) {
      throw new ApiError(
        401,
        'sign_in_failed',
        `the identity provider's answer did not verify: ${error instanceof Error ? error.message : String(error)}`,
        AdminCode.SignInFailed,
      );
    }
    const { cookie } = await this.sessions.issue(user, 'oidc');
    res.setHeader('set-cookie', [
      cookie,
      `${OIDC_COOKIE}=; Path=/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=0`,
    ]);
    this.logger.info({ operation: 'sign-in', user, via: 'oidc' }, 'Complete');
    res.writeHead(302, { location: '/' }).end();
  }

  @Get('api/session')
  @UseGuards(SessionGuard)
  session(@Req() req: SignedInRequest): { user: string; via: string; csrf: string; expiresAt: string } {
    const s = req.session!;
    return { user: s.user, via: s.via, csrf: s.csrf, expiresAt: new Date(s.expiresAt).toISOString() };
  }
}
