import { SignJWT } from 'jose';
import { cookieValue, SESSION_COOKIE, SessionCodec } from './session';

const key = new TextEncoder().encode('k'.repeat(48));
const header = (cookie: string) => cookie.split(';')[0];

describe(SessionCodec.name, () => {
  const codec = new SessionCodec(key, 3600, false);

  it('issues an HttpOnly SameSite=Strict cookie that reads back as the session', async () => {
    const { cookie, session } = await codec.issue('admin', 'local');
    expect(cookie).toMatch(
      new RegExp(
        `^${SESSION_COOKIE}=[\\w-]+\\.[\\w-]+\\.[\\w-]+; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600$`,
      ),
    );
    expect(await codec.read(`other=1; ${header(cookie)}`)).toEqual(session);
    expect(session.csrf).toHaveLength(24);
  });

  it('marks cookies Secure behind TLS', async () => {
    expect((await new SessionCodec(key, 60, true).issue('a', 'oidc')).cookie).toMatch(/; Secure$/);
  });

  it('refuses a forged, altered, foreign-keyed, expired or missing session', async () => {
    const { cookie } = await codec.issue('admin', 'local', new Date('2026-01-01T00:00:00Z'));
    const token = cookieValue(header(cookie), SESSION_COOKIE)!;
    const [h, p, s] = token.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ sub: 'root', csrf: 'x', via: 'local', aud: 'cde-admin', exp: 9e9 })).toString('base64url')}.${s}`;
    const foreign = await new SignJWT({ csrf: 'x', via: 'local' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('admin')
      .setAudience('cde-admin')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('z'.repeat(48)));
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`;
    for (const value of [tampered, foreign, none, 'garbage', ''])
      expect(await codec.read(`${SESSION_COOKIE}=${value}`, new Date('2026-01-01T00:10:00Z'))).toBeNull();
    expect(await codec.read(header(cookie), new Date('2026-01-01T02:00:00Z'))).toBeNull();
    expect(await codec.read(header(cookie), new Date('2026-01-01T00:10:00Z'))).not.toBeNull();
    expect(await codec.read(undefined)).toBeNull();
  });

  it('clears the cookie on sign-out', () => {
    expect(codec.cleared()).toBe(`${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
  });
});
