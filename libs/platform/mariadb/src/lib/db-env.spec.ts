import { z } from 'zod';
import { dbConfigFrom, dbEnvShape } from './db-env';

const NAMES = {
  host: 'X_DB_HOST',
  port: 'X_DB_PORT',
  user: 'X_DB_USER',
  password: 'X_DB_PASSWORD',
  database: 'X_DB_NAME',
} as const;
const schema = z.object(dbEnvShape(NAMES, { user: 'x_user', database: 'x_data' }));

describe('dbEnvShape and dbConfigFrom', () => {
  it('fills the defaults and reads the connection under the given names', () => {
    expect(dbConfigFrom(NAMES, schema.parse({}))).toEqual({
      host: '127.0.0.1',
      port: 3307,
      user: 'x_user',
      password: '',
      database: 'x_data',
    });
    expect(
      dbConfigFrom(
        NAMES,
        schema.parse({
          X_DB_HOST: 'db',
          X_DB_PORT: '3306',
          X_DB_USER: 'u',
          X_DB_PASSWORD: 'p',
          X_DB_NAME: 'd_1',
        }),
      ),
    ).toEqual({ host: 'db', port: 3306, user: 'u', password: 'p', database: 'd_1' });
  });

  it('rejects an empty host or user, a bad port and a database name that is not plain', () => {
    for (const env of [{ X_DB_HOST: '' }, { X_DB_USER: '' }, { X_DB_PORT: '-1' }, { X_DB_NAME: 'a-b' }])
      expect(schema.safeParse(env).success).toBe(false);
  });
});
