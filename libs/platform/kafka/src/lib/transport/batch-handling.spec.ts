import { KafkaTransportCode } from '@cde/contracts';
import type { EachBatchPayload } from 'kafkajs';
import pino from 'pino';
import { BatchHeldBackError } from '../kafka-batch';
import { BatchHandling } from './batch-handling';
import { TransportRun } from './transport-run';
import type { TransportSettings } from './transport-settings';

const settings: TransportSettings = {
  groupId: 'g',
  deadLetterTopic: 'cde.exporter.dlt',
  fromBeginning: true,
  startAtLatest: [],
  sessionTimeoutMs: 30_000,
  heartbeatIntervalMs: 3_000,
  handlerTimeoutMs: 60_000,
  stallTimeoutMs: 120_000,
  shutdownTimeoutMs: 25_000,
  partitionsConsumedConcurrently: 1,
  maxBytesPerPartition: 4_194_304,
  maxMessageBytes: 4_194_304,
  retryBackoff: { baseDelayMs: 1, maxDelayMs: 1 },
};

/** A one-message batch of a partition that stays assigned. */
function payload(): EachBatchPayload {
  return {
    batch: {
      topic: 'cde.feed.products',
      partition: 0,
      highWatermark: '1',
      messages: [
        { key: null, value: Buffer.from('{}'), headers: {}, offset: '0', timestamp: '0', attributes: 0 },
      ],
    },
    heartbeat: () => Promise.resolve(),
    isRunning: () => true,
    isStale: () => false,
  } as unknown as EachBatchPayload;
}

describe(BatchHandling.name, () => {
  const fail = jest.fn();

  function handling(heldBack: () => void): {
    sut: BatchHandling;
    codes: string[];
    records: Record<string, unknown>[];
  } {
    const records: Record<string, unknown>[] = [];
    const codes: string[] = [];
    const log = pino(
      { level: 'warn' },
      {
        write: (line: string) => {
          const record = JSON.parse(line) as Record<string, unknown>;
          records.push(record);
          codes.push(record['code'] as string);
        },
      },
    );
    return {
      sut: new BatchHandling(settings, new TransportRun(settings), log, fail, heldBack),
      codes,
      records,
    };
  }

  it('tells the watchdog the consumer is alive each time the handler holds its batch back, and retries it', async () => {
    const heldBack = jest.fn();
    const { sut, codes } = handling(heldBack);
    const handler = jest
      .fn()
      .mockRejectedValueOnce(new BatchHeldBackError('the receiver is down'))
      .mockRejectedValueOnce(new BatchHeldBackError('the receiver is down'))
      .mockResolvedValueOnce({});

    await expect(sut.untilDone(handler, payload())).resolves.toEqual(new Map());
    expect(handler).toHaveBeenCalledTimes(3);
    expect(heldBack).toHaveBeenCalledTimes(2);
    expect(codes).toEqual([KafkaTransportCode.TransientFailure, KafkaTransportCode.TransientFailure]);
  });

  it('does not take a handler that fails for another reason for a paused one', async () => {
    const heldBack = jest.fn();
    const { sut } = handling(heldBack);
    const handler = jest
      .fn()
      .mockRejectedValueOnce(new Error('database unavailable'))
      .mockResolvedValueOnce({});

    await sut.untilDone(handler, payload());
    expect(handler).toHaveBeenCalledTimes(2);
    expect(heldBack).not.toHaveBeenCalled();
    expect(fail).not.toHaveBeenCalled();
  });

  it('names an error its handler logs itself by its summary at each retry, not by its whole text', async () => {
    class ToldError extends BatchHeldBackError {
      override get summary(): string {
        return 'told as X01 for feed f';
      }
    }
    const { sut, records } = handling(jest.fn());
    const handler = jest
      .fn()
      .mockRejectedValueOnce(new ToldError('a long text with its remedy'))
      .mockRejectedValueOnce(new BatchHeldBackError('the receiver is down'))
      .mockResolvedValueOnce({});

    await sut.untilDone(handler, payload());
    expect(
      records.map((r) => [r['heldBackBy'], (r['err'] as { message?: string } | undefined)?.message]),
    ).toEqual([
      ['told as X01 for feed f', undefined],
      [undefined, 'the receiver is down'],
    ]);
    expect(JSON.stringify(records[0])).not.toContain('a long text');
  });
});
