import {
  binlogPositionLost,
  offsetsKey,
  offsetsStreaming,
  streamingNow,
  type ConnectorStatus,
} from './connector-status';

/** What Kafka Connect reports after Debezium found its binlog position purged (`snapshot.mode=no_data`). */
const PURGED_TRACE = [
  'org.apache.kafka.connect.errors.ConnectException: An exception occurred in the change event producer. This connector will be stopped.',
  '\tat io.debezium.pipeline.ErrorHandler.setProducerThrowable(ErrorHandler.java:67)',
  "Caused by: io.debezium.DebeziumException: The connector is trying to read binlog starting at GTIDs 0-1-42 and binlog file 'commerce-bin.000003', pos=1234, skipping 0 events plus 0 rows, but this is no longer available on the server. Reconfigure the connector to use a snapshot when needed.",
  '\tat io.debezium.connector.binlog.BinlogConnectorTask.validateBinlogConfiguration(BinlogConnectorTask.java:210)',
].join('\n');

/** What it reports on MariaDB with a GTID position: the server refuses to stream from GTIDs whose binlogs are gone. */
const MARIADB_GTID_TRACE = [
  'org.apache.kafka.connect.errors.ConnectException: An exception occurred in the change event producer. This connector will be stopped.',
  '\tat io.debezium.pipeline.ErrorHandler.setProducerThrowable(ErrorHandler.java:67)',
  'Caused by: io.debezium.DebeziumException: Could not find GTID state requested by slave in any binlog files. Probably the slave state is too old and required binlog files have been purged. Error code: 1236; SQLSTATE: HY000.',
  'Caused by: com.github.shyiko.mysql.binlog.network.ServerException: Could not find GTID state requested by slave in any binlog files. Probably the slave state is too old and required binlog files have been purged.',
].join('\n');

const running: ConnectorStatus = {
  connector: { state: 'RUNNING' },
  tasks: [{ id: 0, state: 'RUNNING' }],
};
const failed = (trace: string): ConnectorStatus => ({
  connector: { state: 'RUNNING' },
  tasks: [{ id: 0, state: 'FAILED', trace }],
});
const streamingOffsets = [
  { partition: { server: 'commerce' }, offset: { file: 'commerce-bin.000004', pos: 4 } },
];

describe(binlogPositionLost.name, () => {
  it('names the failed task, the trace’s first line and the line that says the position is gone', () => {
    expect(binlogPositionLost(failed(PURGED_TRACE))).toEqual({
      task: 0,
      firstLine: expect.stringMatching(
        /^org\.apache\.kafka\.connect\.errors\.ConnectException: An exception/,
      ) as string,
      cause: expect.stringMatching(/^Caused by: .*is no longer available on the server/) as string,
    });
  });

  it.each([
    [
      'MariaDB refusing a purged GTID position',
      MARIADB_GTID_TRACE,
      /^Caused by: io\.debezium\.DebeziumException: Could not find GTID state/,
    ],
    [
      'MySQL refusing a purged GTID position',
      "Caused by: com.github.shyiko.mysql.binlog.network.ServerException: Cannot replicate because the source purged required binary logs. Replicate the missing transactions from elsewhere, or provision a new replica from backup. Consider increasing the source's binary log expiration period. The GTID set sent by the replica is 'x:1-5', and the missing transactions are 'x:3'. The source has purged binary logs containing GTIDs that the replica requires.",
      /purged binary logs containing GTIDs/,
    ],
    [
      'a server without the file of a file position',
      'Caused by: com.github.shyiko.mysql.binlog.network.ServerException: Could not find first log file name in binary log index file',
      /Could not find first log file name/,
    ],
  ])('also when the server says so: %s', (_case, trace, cause) => {
    expect(binlogPositionLost(failed(trace))?.cause).toMatch(cause);
  });

  it.each([
    ['a running task', running],
    ['a task failed for another reason', failed('java.sql.SQLException: Access denied for user')],
    [
      'a failed task without a trace',
      { connector: { state: 'RUNNING' }, tasks: [{ id: 0, state: 'FAILED' }] },
    ],
    [
      'a paused task whose last trace said so',
      { connector: { state: 'PAUSED' }, tasks: [{ id: 0, state: 'PAUSED', trace: PURGED_TRACE }] },
    ],
  ] satisfies [string, ConnectorStatus][])('%s is not a loss', (_case, status) => {
    expect(binlogPositionLost(status)).toBeUndefined();
  });

  it('also reads a failed connector’s own trace', () => {
    expect(
      binlogPositionLost({ connector: { state: 'FAILED', trace: PURGED_TRACE }, tasks: [] }),
    ).toMatchObject({ task: 0, cause: expect.stringContaining('no longer available') as string });
  });
});

describe(streamingNow.name, () => {
  it('holds when the connector and its tasks run and the offsets are past any snapshot', () => {
    expect(streamingNow(running, streamingOffsets)).toBe(true);
  });

  it.each([
    ['the task FAILED', failed(PURGED_TRACE), streamingOffsets],
    ['the connector STOPPED', { connector: { state: 'STOPPED' }, tasks: [] }, streamingOffsets],
    ['no task yet', { connector: { state: 'RUNNING' }, tasks: [] }, streamingOffsets],
    ['the offsets deleted', running, []],
    ['a snapshot under way', running, [{ offset: { file: 'commerce-bin.000004', pos: 4, snapshot: true } }]],
    ['an offset deleted (null)', running, [{ offset: null }]],
  ] satisfies [string, ConnectorStatus, { offset: Record<string, unknown> | null }[]][])(
    'not when %s',
    (_case, status, offsets) => {
      expect(streamingNow(status, offsets)).toBe(false);
    },
  );

  it('not while the offsets are still the position that was lost', () => {
    const lost = offsetsKey(streamingOffsets);
    expect(streamingNow(running, streamingOffsets, lost)).toBe(false);
    expect(streamingNow(running, [{ offset: { file: 'commerce-bin.000007', pos: 330 } }], lost)).toBe(true);
  });
});

describe(offsetsStreaming.name, () => {
  it('needs at least one offset', () => {
    expect(offsetsStreaming([])).toBe(false);
    expect(offsetsStreaming(streamingOffsets)).toBe(true);
  });
});
