import { BatchHeldBackError } from '@cde/platform/kafka';
import { FeedMetrics } from './feed-metrics';
import {
  CommerceGrantError,
  CommerceSchemaError,
  commerceReadErrorOf,
  missingGrantOf,
  schemaMismatchOf,
  tablesOf,
} from './schema-error';
import { mustLogSchemaError, SCHEMA_ERROR_LOG_INTERVAL_MS, SchemaErrorWatch } from './schema-error-watch';
import { mysqlError, recordingLogger } from './testing/in-memory-feed';
import { isTransientError } from './transient-error';

const GROUPS_SQL =
  "SELECT group_id, website_id, code FROM `store_group` WHERE website_id IN ('1', '2') ORDER BY group_id";

describe(schemaMismatchOf.name, () => {
  it('reads an unknown column with the column and the tables of the statement', () => {
    const error = mysqlError('ER_BAD_FIELD_ERROR', 1054, "Unknown column 'code' in 'field list'", GROUPS_SQL);
    expect(schemaMismatchOf(error)).toEqual({
      kind: 'missing-column',
      code: 'ER_BAD_FIELD_ERROR',
      errno: 1054,
      detail: "Unknown column 'code' in 'field list'",
      object: 'code',
      tables: ['store_group'],
    });
  });

  it.each([
    [
      'a missing table',
      'ER_NO_SUCH_TABLE',
      1146,
      "Table 'magento.store_group' doesn't exist",
      'missing-table',
    ],
    ['an unknown table', 'ER_BAD_TABLE_ERROR', 1051, "Unknown table 'sg'", 'missing-table'],
    [
      'an unknown table in a clause',
      'ER_UNKNOWN_TABLE',
      1109,
      "Unknown table 'sg' in order clause",
      'missing-table',
    ],
    [
      'an ambiguous column',
      'ER_NON_UNIQ_ERROR',
      1052,
      "Column 'code' in field list is ambiguous",
      'ambiguous-column',
    ],
    [
      'an invalid view',
      'ER_VIEW_INVALID',
      1356,
      "View 'magento.v' references invalid table(s) or column(s) or function(s) or definer/invoker of view lack rights to use them",
      'invalid-view',
    ],
  ])('counts %s as a schema error', (_what, code, errno, text, kind) => {
    expect(schemaMismatchOf(mysqlError(code, errno, text))).toMatchObject({
      kind,
      code,
      errno,
      detail: text,
    });
  });

  it('finds it wrapped (a TypeORM driverError, a cause) and by errno alone', () => {
    const driverError = mysqlError('ER_NO_SUCH_TABLE', 1146, "Table 'magento.store' doesn't exist");
    expect(schemaMismatchOf({ name: 'QueryFailedError', driverError })?.object).toBe('magento.store');
    expect(schemaMismatchOf(new Error('read failed', { cause: driverError }))?.kind).toBe('missing-table');
    expect(schemaMismatchOf({ errno: 1054, message: "Unknown column 'x' in 'where clause'" })).toMatchObject({
      code: 'ER_BAD_FIELD_ERROR',
      object: 'x',
    });
  });

  it.each([
    ['bad data', new TypeError("Cannot read properties of null (reading 'length')")],
    ['a lost connection', { code: 'PROTOCOL_CONNECTION_LOST', fatal: true }],
    ['a deadlock', { code: 'ER_LOCK_DEADLOCK', errno: 1213 }],
    ['sql_mode only_full_group_by', { code: 'ER_WRONG_FIELD_WITH_GROUP', errno: 1055 }],
    ['a missing grant (its own error)', { code: 'ER_TABLEACCESS_DENIED_ERROR', errno: 1142 }],
    ['a missing column grant', { code: 'ER_COLUMNACCESS_DENIED_ERROR', errno: 1143 }],
    ['a code that names another error than its errno', { code: 'ER_SOMETHING', errno: 1054 }],
    ['a string', "Unknown column 'x'"],
    ['null', null],
  ])('does not count %s as a schema error', (_what, error) => {
    expect(schemaMismatchOf(error)).toBeUndefined();
  });

  it('is not a transient error: that one is retried too, but says nothing to fix', () => {
    expect(isTransientError(mysqlError('ER_BAD_FIELD_ERROR', 1054, "Unknown column 'code'"))).toBe(false);
  });
});

describe(tablesOf.name, () => {
  it('names the tables after FROM and JOIN, once each, unquoted, not their aliases or subqueries', () => {
    expect(
      tablesOf(
        `SELECT e.entity_id, v.value FROM catalog_product_entity e
         LEFT JOIN \`catalog_product_entity_varchar\` v ON v.row_id = e.row_id
         JOIN magento.eav_attribute a ON a.attribute_id = v.attribute_id
         WHERE e.entity_id IN (SELECT product_id FROM catalog_product_website) AND v.store_id IN (0)
         JOIN catalog_product_entity_varchar v2 ON 1`,
      ),
    ).toEqual([
      'catalog_product_entity',
      'catalog_product_entity_varchar',
      'magento.eav_attribute',
      'catalog_product_website',
    ]);
    expect(tablesOf('SELECT 1')).toEqual([]);
  });
});

describe(missingGrantOf.name, () => {
  it.each([
    [
      "MariaDB's table text",
      mysqlError(
        'ER_TABLEACCESS_DENIED_ERROR',
        1142,
        "SELECT command denied to user 'cde_reader'@'10.0.0.7' for table `magento`.`store_group`",
        GROUPS_SQL,
      ),
      { kind: 'table', database: 'magento', object: 'store_group', tables: ['store_group'] },
    ],
    [
      "MySQL's table text",
      mysqlError(
        'ER_TABLEACCESS_DENIED_ERROR',
        1142,
        "SELECT command denied to user 'cde_reader'@'10.0.0.7' for table 'store_group'",
      ),
      { kind: 'table', object: 'store_group', tables: [] },
    ],
    [
      'a qualified name in one quote',
      {
        errno: 1142,
        message: "SELECT command denied to user 'cde_reader'@'10.0.0.7' for table 'magento.store'",
      },
      { kind: 'table', code: 'ER_TABLEACCESS_DENIED_ERROR', database: 'magento', object: 'store' },
    ],
    [
      'a column',
      mysqlError(
        'ER_COLUMNACCESS_DENIED_ERROR',
        1143,
        "SELECT command denied to user 'cde_reader'@'10.0.0.7' for column 'code' in table 'store_group'",
      ),
      { kind: 'column', object: 'store_group.code' },
    ],
  ])('reads the command, the user and what was refused from %s', (_what, error, expected) => {
    const grant = missingGrantOf(error);
    expect(grant).toMatchObject({
      command: 'SELECT',
      user: "'cde_reader'@'10.0.0.7'",
      userName: 'cde_reader',
      ...expected,
    });
    expect(schemaMismatchOf(error)).toBeUndefined();
  });

  it('reads a database refused on connect, wrapped', () => {
    const driverError = mysqlError(
      'ER_DBACCESS_DENIED_ERROR',
      1044,
      "Access denied for user 'cde_reader'@'10.0.0.7' to database 'magento'",
    );
    expect(missingGrantOf({ name: 'QueryFailedError', driverError })).toEqual({
      kind: 'database',
      code: 'ER_DBACCESS_DENIED_ERROR',
      errno: 1044,
      detail: "Access denied for user 'cde_reader'@'10.0.0.7' to database 'magento'",
      user: "'cde_reader'@'10.0.0.7'",
      userName: 'cde_reader',
      database: 'magento',
      tables: [],
    });
  });

  it.each([
    ['a wrong password', { code: 'ER_ACCESS_DENIED_ERROR', errno: 1045 }],
    ['an unknown column', mysqlError('ER_BAD_FIELD_ERROR', 1054, "Unknown column 'x'")],
    ['null', null],
  ])('does not count %s as a missing grant', (_what, error) => {
    expect(missingGrantOf(error)).toBeUndefined();
  });
});

describe(CommerceGrantError.name, () => {
  it('names the feed, the user, what was refused and the GRANT, is held back, and is summed up without the remedy', () => {
    const cause = mysqlError(
      'ER_TABLEACCESS_DENIED_ERROR',
      1142,
      "SELECT command denied to user 'cde_reader'@'10.0.0.7' for table `magento`.`store_group`",
      GROUPS_SQL,
    );
    const error = commerceReadErrorOf('scopesWebsite', cause);
    expect(error).toBeInstanceOf(CommerceGrantError);
    expect(error).toBeInstanceOf(BatchHeldBackError);
    expect(error?.code).toBe('CDE04-30');
    expect(error?.message).toBe(
      "CDE04-30 feed scopesWebsite may not read the table store_group of the Commerce DB as its database user 'cde_reader'@'10.0.0.7': " +
        "SELECT command denied to user 'cde_reader'@'10.0.0.7' for table `magento`.`store_group` " +
        "(ER_TABLEACCESS_DENIED_ERROR, reading store_group). Grant the feed's reader what it needs: " +
        "GRANT SELECT ON `magento`.* TO 'cde_reader'@'%' (connections opened before a database-level GRANT see it " +
        'once they reconnect; a table-level one at once). The sync is retried until it reads; nothing is parked or ' +
        'committed meanwhile.',
    );
    expect(error?.summary).toBe('CDE04-30 feed scopesWebsite: ER_TABLEACCESS_DENIED_ERROR store_group');
    expect(commerceReadErrorOf('scopesWebsite', error)).toBe(error);
  });

  it('says which database to grant when the text does not', () => {
    const cause = mysqlError(
      'ER_COLUMNACCESS_DENIED_ERROR',
      1143,
      "SELECT command denied to user 'r'@'h' for column 'code' in table 'store_group'",
    );
    expect(commerceReadErrorOf('scopesWebsite', cause)?.message).toContain(
      "GRANT SELECT ON <commerce database>.* TO 'r'@'%'",
    );
  });
});

describe(CommerceSchemaError.name, () => {
  it('names the feed, the database text, the tables and both fixes, and is held back (not a stalled consumer)', () => {
    const cause = mysqlError('ER_BAD_FIELD_ERROR', 1054, "Unknown column 'code' in 'field list'", GROUPS_SQL);
    const error = commerceReadErrorOf('scopesWebsite', cause);
    expect(error).toBeInstanceOf(BatchHeldBackError);
    expect(error?.code).toBe('CDE04-29');
    expect(error?.cause).toBe(cause);
    expect(error?.message).toBe(
      "CDE04-29 feed scopesWebsite cannot read the Commerce DB: Unknown column 'code' in 'field list' " +
        '(ER_BAD_FIELD_ERROR, reading store_group). The schema is not the one this version of cde reads: upgrade ' +
        'cde to a version that reads it, or restore the column code. The sync is retried until it reads; nothing ' +
        'is parked or committed meanwhile.',
    );
    expect(error?.summary).toBe('CDE04-29 feed scopesWebsite: ER_BAD_FIELD_ERROR code');
    expect(commerceReadErrorOf('scopesWebsite', error)).toBe(error);
    expect(commerceReadErrorOf('scopesWebsite', new Error('other'))).toBeUndefined();
  });
});

describe(mustLogSchemaError.name, () => {
  const interval = SCHEMA_ERROR_LOG_INTERVAL_MS;
  it('logs the first, a changed message, and the same one again only after the interval', () => {
    expect(mustLogSchemaError(undefined, 'a', 0, interval)).toBe(true);
    expect(mustLogSchemaError({ message: 'a', at: 0 }, 'a', interval - 1, interval)).toBe(false);
    expect(mustLogSchemaError({ message: 'a', at: 0 }, 'b', 1, interval)).toBe(true);
    expect(mustLogSchemaError({ message: 'a', at: 0 }, 'a', interval, interval)).toBe(true);
  });
});

describe(SchemaErrorWatch.name, () => {
  function watch() {
    const { logger, records } = recordingLogger();
    const clock = { now: 0 };
    const metrics = new FeedMetrics({ service: 'scopes-feed', defaultMetrics: false });
    const w = new SchemaErrorWatch(logger, metrics, { now: () => clock.now });
    const column = () =>
      commerceReadErrorOf(
        'scopesWebsite',
        mysqlError('ER_BAD_FIELD_ERROR', 1054, "Unknown column 'code' in 'field list'", GROUPS_SQL),
      )!;
    const counted = async () => (await metrics.schemaErrors.get()).values.map((v) => [v.labels, v.value]);
    return { w, records, clock, column, counted, metrics };
  }

  it('counts every failed attempt but logs once per feed and message, again after 10 minutes', async () => {
    const { w, records, clock, column, counted } = watch();
    for (let i = 0; i < 5; i++) w.failed(column(), 'partial sync');
    const table = () =>
      commerceReadErrorOf(
        'scopesWebsite',
        mysqlError('ER_NO_SUCH_TABLE', 1146, "Table 'magento.store' doesn't exist"),
      )!;
    w.failed(table(), 'partial sync');
    w.failed(table(), 'partial sync');
    clock.now = SCHEMA_ERROR_LOG_INTERVAL_MS + 1;
    w.failed(table(), 'full sync');

    expect(await counted()).toEqual([[{ feed: 'scopesWebsite' }, 8]]);
    expect(records.map((r) => [r['level'], r['code'], r['operation'], r['object']])).toEqual([
      [50, 'CDE04-29', 'partial sync', 'code'],
      [50, 'CDE04-29', 'partial sync', 'magento.store'],
      [50, 'CDE04-29', 'full sync', 'magento.store'],
    ]);
    expect(records[0]).toMatchObject({
      feed: 'scopesWebsite',
      dbError: 'ER_BAD_FIELD_ERROR',
      tables: ['store_group'],
    });
  });

  it('counts one error once, whichever handlers it passes through', async () => {
    const { w, column, counted } = watch();
    const error = column();
    w.failed(error, 'partial sync');
    w.failed(error, 'full sync');
    expect(await counted()).toEqual([[{ feed: 'scopesWebsite' }, 1]]);
  });

  it('says once that a feed reads again after a logged schema error, and nothing for a feed that never failed', () => {
    const { w, records, column } = watch();
    w.read('scopesWebsite', 'partial sync');
    w.failed(column(), 'partial sync');
    w.read('scopesWebsite', 'partial sync');
    w.read('scopesWebsite', 'partial sync');
    // The same error again within the interval: neither it nor a second recovery is news.
    w.failed(column(), 'partial sync');
    w.read('scopesWebsite', 'partial sync');
    expect(records.map((r) => [r['level'], r['msg']])).toEqual([
      [50, expect.stringMatching(/^CDE04-29 feed scopesWebsite cannot read the Commerce DB/)],
      [30, 'feed scopesWebsite reads the Commerce DB again: the syncs held back by CDE04-29 go on'],
    ]);
  });

  it('counts a missing grant on its own counter, logs it with its code and user, and names it when the feed reads again', async () => {
    const { w, records, metrics } = watch();
    const grant = () =>
      commerceReadErrorOf(
        'scopesWebsite',
        mysqlError(
          'ER_TABLEACCESS_DENIED_ERROR',
          1142,
          "SELECT command denied to user 'cde_reader'@'10.0.0.7' for table `magento`.`store`",
        ),
      )!;
    w.failed(grant(), 'partial sync');
    w.failed(grant(), 'partial sync');
    w.read('scopesWebsite', 'partial sync');
    expect((await metrics.grantErrors.get()).values.map((v) => v.value)).toEqual([2]);
    expect((await metrics.schemaErrors.get()).values).toEqual([]);
    expect(records.map((r) => [r['level'], r['code'], r['dbUser'], r['object']])).toEqual([
      [50, 'CDE04-30', "'cde_reader'@'10.0.0.7'", 'store'],
      [30, undefined, undefined, undefined],
    ]);
    expect(records[1]!['msg']).toBe(
      'feed scopesWebsite reads the Commerce DB again: the syncs held back by CDE04-30 go on',
    );
  });
});
