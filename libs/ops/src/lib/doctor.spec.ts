import {
  binlogChecks,
  clockCheck,
  connectorChecks,
  grantChecks,
  lagCheck,
  readerGrantCheck,
  receiverCheck,
  topicChecks,
  worstOf,
} from './doctor';

describe('doctor checks', () => {
  it('passes a ROW/FULL binlog kept 7 days and fails a STATEMENT one with its fix', () => {
    const good = binlogChecks({
      log_bin: 'ON',
      binlog_format: 'ROW',
      binlog_row_image: 'FULL',
      binlog_expire_logs_seconds: '604800',
    });
    expect(worstOf(good)).toBe('ok');
    const bad = binlogChecks({
      log_bin: 'ON',
      binlog_format: 'STATEMENT',
      binlog_row_image: 'FULL',
      expire_logs_days: '1',
    });
    const format = bad.find((c) => c.name === 'binlog format');
    expect(format?.result).toBe('fail');
    expect(format?.fix).toContain('ROW');
    expect(bad.find((c) => c.name === 'binlog retention')?.result).toBe('warn');
  });

  it('fails a missing or failed connector and task', () => {
    expect(connectorChecks('c', null)[0]?.result).toBe('fail');
    const failed = connectorChecks('c', {
      connector: { state: 'RUNNING' },
      tasks: [{ id: 0, state: 'FAILED', trace: 'binlog purged\nat …' }],
    });
    expect(failed[1]).toMatchObject({ result: 'fail', detail: 'FAILED: binlog purged' });
  });

  it('wants feed topics compacted', () => {
    const checks = topicChecks([
      { name: 'cde.feed.products', exists: true, cleanupPolicy: 'delete' },
      { name: 'cde.commands', exists: true, cleanupPolicy: 'delete' },
      { name: 'cde.events', exists: false },
    ]);
    expect(checks.map((c) => c.result)).toEqual(['fail', 'ok', 'fail']);
  });

  it('reads lag, grants, clock skew and the receiver', () => {
    expect(lagCheck('exporter', 'Stable', 3).result).toBe('ok');
    expect(lagCheck('exporter', 'Empty', 3).result).toBe('warn');
    expect(
      grantChecks("'cde_cdc'@'%'", [
        "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'cde_cdc'@'%'",
      ]).map((c) => c.result),
    ).toEqual(['ok']);
    expect(grantChecks('root', ['GRANT ALL PRIVILEGES ON *.* TO root']).map((c) => c.result)).toEqual([
      'ok',
      'warn',
    ]);
    expect(grantChecks('u', ['GRANT SELECT ON *.* TO u'])[0]?.detail).toMatch(/missing RELOAD/);
    expect(clockCheck(120).result).toBe('ok');
    expect(clockCheck(90_000).result).toBe('fail');
    expect(receiverCheck('http://r', 200, 401).map((c) => c.result)).toEqual(['ok', 'fail']);
    expect(receiverCheck('http://r', null, null)[0]?.detail).toMatch(/no answer/);
  });
});

describe(readerGrantCheck.name, () => {
  it('wants a read-only reader', () => {
    expect(readerGrantCheck('r', ['GRANT SELECT ON `magento`.* TO r']).result).toBe('ok');
    expect(readerGrantCheck('r', ['GRANT ALL PRIVILEGES ON *.* TO r']).detail).toMatch(/ALL PRIVILEGES/);
  });
});
