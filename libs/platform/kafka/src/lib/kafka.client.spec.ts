import { KafkaTransportCode } from '@cde/contracts';
import { logLevel } from 'kafkajs';
import pino from 'pino';
import { Writable } from 'node:stream';
import { createKafka, kafkaLogLevelOf, pinoLogCreator } from './kafka.client';

function capturingLogger(level: pino.Level): { logger: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done): void {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level }, stream), lines };
}

describe(pinoLogCreator.name, () => {
  it('logs broker answers kafkajs retries by itself as warnings, other connection errors as errors', async () => {
    const { logger, lines } = capturingLogger('info');
    const log = pinoLogCreator(logger)(logLevel.INFO);
    const connectionError = (error: string) =>
      log({
        namespace: 'Connection',
        level: logLevel.ERROR,
        label: 'ERROR',
        log: { timestamp: 't', message: 'Response Metadata(key: 3, version: 6)', error },
      });
    connectionError('This server is not the leader for that topic-partition');
    connectionError('Topic creation errors');
    connectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((l) => [l['level'], l['retriable']])).toEqual([
      [40, true],
      [40, true],
      [50, undefined],
    ]);
  });

  it('gives the broker refusing SASL credentials its code', async () => {
    const { logger, lines } = capturingLogger('info');
    const log = pinoLogCreator(logger)(logLevel.INFO);
    log({
      namespace: 'SaslAuthenticator-SCRAM-SHA-512',
      level: logLevel.ERROR,
      label: 'ERROR',
      log: { timestamp: 't', message: 'SASL SCRAM SHA512 authentication failed: invalid credentials' },
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toEqual([
      expect.objectContaining({ level: 50, code: KafkaTransportCode.AuthenticationFailed }),
    ]);
  });

  it('writes kafkajs entries as pino records with kafkajs fields', async () => {
    const { logger, lines } = capturingLogger('info');
    const log = pinoLogCreator(logger)(logLevel.INFO);
    log({
      namespace: 'Consumer',
      level: logLevel.ERROR,
      label: 'ERROR',
      log: {
        timestamp: '2026-11-22T10:00:00.000Z',
        message: 'Crash: KafkaJSError',
        groupId: 'products-feed',
      },
    });
    log({
      namespace: 'Runner',
      level: logLevel.DEBUG,
      label: 'DEBUG',
      log: { timestamp: 't', message: 'dropped' },
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      msg: 'Crash: KafkaJSError',
      component: 'kafkajs',
      namespace: 'Consumer',
      groupId: 'products-feed',
    });
    expect(lines[0]).not.toHaveProperty('timestamp');
  });
});

describe(kafkaLogLevelOf.name, () => {
  it.each([
    ['debug', logLevel.DEBUG],
    ['info', logLevel.INFO],
    ['warn', logLevel.WARN],
    ['error', logLevel.ERROR],
    ['silent', logLevel.NOTHING],
  ] as const)('maps pino %s', (level, expected) => {
    expect(kafkaLogLevelOf(pino({ level }))).toBe(expected);
  });
});

describe(createKafka.name, () => {
  it('builds a client without connecting', () => {
    const { logger } = capturingLogger('warn');
    const kafka = createKafka({ brokers: ['127.0.0.1:9092'], clientId: 'products-feed', logger });
    expect(typeof kafka.consumer).toBe('function');
  });
});
