import { hashPassword, verifyPassword } from './password';

// scrypt is slow by design: a check costs tens of milliseconds, far more on a loaded machine.
jest.setTimeout(60_000);

describe(hashPassword.name, () => {
  it('stores a salted scrypt hash that only the password verifies', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain('correct horse');
    expect(await hashPassword('correct horse')).not.toBe(stored);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct horsf', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  }, 60_000);

  it.each(['', 'plain', 'scrypt$1$1$1$$', 'bcrypt$x$y$z$a$b', 'scrypt$99999999$8$1$AAAAAAAAAAA=$AAAA'])(
    'matches nothing with the malformed hash %j',
    async (stored) => expect(await verifyPassword('x', stored)).toBe(false),
  );
});
