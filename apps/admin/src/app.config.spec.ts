import { documentedVariables } from '@cde/testing/runtime';
import { adminEnvSchema, loadConfig } from './app.config';

const files: Record<string, string> = {
  '/k/session': 'k'.repeat(48),
  '/k/short': 'short',
  '/k/hash': 'scrypt$32768$8$1$c2FsdA==$a2V5\n',
};
const readFile = (file: string): string => {
  const text = files[file];
  if (text === undefined) throw new Error('ENOENT');
  return text;
};
const base = { CDE_ADMIN_SESSION_KEY_FILE: '/k/session', CDE_ADMIN_PASSWORD_HASH_FILE: '/k/hash' };

describe(loadConfig.name, () => {
  it('reads the local sign-in and defaults to loopback port 8080', () => {
    const config = loadConfig(base, readFile);
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      localUser: { name: 'admin', passwordHash: 'scrypt$32768$8$1$c2FsdA==$a2V5' },
      oidc: null,
      receiver: null,
      exporterGroup: 'exporter',
    });
    expect(Buffer.from(config.sessionKey).toString()).toBe('k'.repeat(48));
  });

  it('takes OIDC instead of a local password', () => {
    const config = loadConfig(
      {
        CDE_ADMIN_SESSION_KEY_FILE: '/k/session',
        CDE_ADMIN_OIDC_ISSUER: 'https://id.example.com/realms/ops',
        CDE_ADMIN_OIDC_CLIENT_ID: 'cde-admin',
        CDE_ADMIN_OIDC_CLIENT_SECRET: 's',
        CDE_ADMIN_OIDC_REDIRECT_URL: 'https://admin.example.com/auth/oidc/callback',
      },
      readFile,
    );
    expect(config.localUser).toBeNull();
    expect(config.oidc?.clientId).toBe('cde-admin');
  });

  it.each([
    [{ ...base, CDE_ADMIN_SESSION_KEY_FILE: '/k/short' }, /at least 32 bytes/],
    [{ ...base, CDE_ADMIN_SESSION_KEY_FILE: '/nope' }, /cannot read \/nope/],
    [{ CDE_ADMIN_SESSION_KEY_FILE: '/k/session' }, /no way to sign in/],
    [{ ...base, CDE_ADMIN_OIDC_ISSUER: 'https://id.example.com' }, /needed together for OIDC/],
    [{ ...base, CDE_RECEIVER_URL: 'http://127.0.0.1:8090' }, /CDE_RECEIVER_URL and CDE_RECEIVER_API_KEY/],
    [{ ...base, CDE_ADMIN_PORT: 'x' }, /CDE_ADMIN_PORT/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env, readFile)).toThrow(message);
  });
});

describe('admin configuration documentation', () => {
  it('reads exactly the variables docs/configuration.md lists for it', () => {
    expect(Object.keys(adminEnvSchema.shape).sort()).toEqual(documentedVariables('admin'));
  });
});
