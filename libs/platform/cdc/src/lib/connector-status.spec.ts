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
