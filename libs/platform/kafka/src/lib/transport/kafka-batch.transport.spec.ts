import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pino from 'pino';
import { createKafka } from '../kafka.client';
import { KAFKA_BATCH_TRANSPORT } from '../on-kafka-batch.decorator';
import { toOutcome } from './batch-handling';
import { KafkaBatchTransport } from './kafka-batch.transport';
import { rebalanceTimeoutOf, validateSettings } from './transport-settings';

const logger = pino({ level: 'silent' });
const kafka = createKafka({ brokers: ['127.0.0.1:9092'], clientId: 'unit', logger });

const sane = {
  sessionTimeoutMs: 30_000,
  heartbeatIntervalMs: 3_000,
  handlerTimeoutMs: 300_000,
  stallTimeoutMs: 600_000,
  shutdownTimeoutMs: 25_000,
  partitionsConsumedConcurrently: 1,
  maxBytesPerPartition: 4_194_304,
  maxMessageBytes: 4_194_304,
  retryBackoff: { baseDelayMs: 500, maxDelayMs: 30_000, jitter: 0.2 },
};

describe(KafkaBatchTransport.name, () => {
  it('registers its handlers under its own transport id', () => {
    const sut = new KafkaBatchTransport({ kafka, service: 'products-feed', logger });
    expect(sut.transportId).toBe(KAFKA_BATCH_TRANSPORT);
  });

  it('refuses options it cannot honour, with the CDE11-12 code', () => {
    expect(
      () => new KafkaBatchTransport({ kafka, service: 'exporter', logger, heartbeatIntervalMs: 20_000 }),
    ).toThrow(/CDE11-12 .*heartbeatIntervalMs must be at most a third of sessionTimeoutMs/);
  });

  it('refuses to start without an @OnKafkaBatch handler, before touching Kafka', async () => {
    @Module({})
    class EmptyModule {}
    const sut = new KafkaBatchTransport({ kafka, service: 'exporter', logger });
    const app = await NestFactory.createMicroservice(EmptyModule, {
      strategy: sut,
      logger: false,
      abortOnError: false,
    });
    await expect(app.listen()).rejects.toThrow(/CDE11-12 no @OnKafkaBatch handler/);
    await app.close();
  });

  it('cannot be unwrapped before it listens', () => {
    const sut = new KafkaBatchTransport({ kafka, service: 'exporter', logger });
    expect(() => sut.unwrap()).toThrow(/not listening/);
    expect(() => sut.on()).toThrow(/no client events/);
  });
});

describe(validateSettings.name, () => {
  it('accepts the defaults', () => {
    expect(validateSettings(sane)).toEqual([]);
  });

  it('names every problem', () => {
    expect(
      validateSettings({
        ...sane,
        partitionsConsumedConcurrently: 0,
        handlerTimeoutMs: 1.5,
        stallTimeoutMs: 1,
        retryBackoff: { baseDelayMs: 10, maxDelayMs: 5 },
      }),
    ).toEqual([
      'handlerTimeoutMs must be a positive integer, got 1.5',
      'partitionsConsumedConcurrently must be a positive integer, got 0',
      'stallTimeoutMs must exceed handlerTimeoutMs',
      'retryBackoff.baseDelayMs must not exceed retryBackoff.maxDelayMs',
    ]);
  });
});

describe(toOutcome.name, () => {
  it('reads nothing as no poison', () => {
    expect(toOutcome(undefined)).toBeUndefined();
    expect(toOutcome(null)).toBeUndefined();
    expect(toOutcome({})).toEqual({});
  });

  it('reads the poison list', () => {
    const poison = [{ offset: '3', code: 'CDE10-07', reason: 'row does not match' }];
    expect(toOutcome({ poison })).toEqual({ poison });
  });

  it('rejects what is not an outcome, so the batch is retried rather than committed', () => {
    expect(() => toOutcome(42)).toThrow(TypeError);
    expect(() => toOutcome({ poison: [{ offset: 3 }] })).toThrow(/offset, code, reason/);
  });
});

describe(rebalanceTimeoutOf.name, () => {
  it('gives a rebalance the longest handler call plus 30 s, so batches are not redone concurrently', () => {
    expect(rebalanceTimeoutOf({ handlerTimeoutMs: 240_000 })).toBe(270_000);
  });
});
