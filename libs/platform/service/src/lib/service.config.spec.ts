import { SERVICE_NAMES } from '@cde/contracts';
import { z } from 'zod';
import { DEFAULT_METRICS_PORTS, parseEnv, serviceConfigFrom, serviceEnvSchema } from './service.config';

describe(serviceConfigFrom.name, () => {
  const schema = serviceEnvSchema({ partitionsConsumedConcurrently: 3 });

  it('defaults every common part: brokers, the service as its group, one metrics port per service', () => {
    expect(serviceConfigFrom('exporter', schema.parse({}))).toEqual({
      service: 'exporter',
      kafka: {
        brokers: ['127.0.0.1:9092'],
        security: { protocol: 'PLAINTEXT' },
        ensureTopics: true,
        consumerGroup: 'exporter',
        partitionsConsumedConcurrently: 3,
        // A whole record batch of the 4 MiB the topics take, fetched per partition.
        maxBytesPerPartition: 4_194_304,
        maxMessageBytes: 4_194_304,
      },
      log: { level: 'info', extendedLog: false },
      metrics: { host: '127.0.0.1', port: 9464 },
      // Tracing is off unless an OTLP endpoint is set.
      tracing: { tracesUrl: undefined, serviceName: undefined, sampleRatio: 1 },
    });
    // Side by side under `./dev up`: no two services share a default port.
    const ports = [...SERVICE_NAMES, 'exporter' as const].map((s) => DEFAULT_METRICS_PORTS[s]);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('reads the same names for every service', () => {
    const env = schema.parse({
      CDE_KAFKA_BROKERS: 'a:9092, b:9092',
      CDE_KAFKA_CONSUMER_GROUP: 'scopes-feed-blue',
      CDE_KAFKA_ENSURE_TOPICS: '0',
      CDE_KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY: '8',
      CDE_KAFKA_MAX_MESSAGE_BYTES: '1048576',
      CDE_KAFKA_MAX_BYTES_PER_PARTITION: '2097152',
      CDE_LOG_LEVEL: 'debug',
      EXPORTER_EXTENDED_LOG: '1',
      CDE_METRICS_HOST: '0.0.0.0',
      CDE_METRICS_PORT: '0',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'scopes-blue',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
    });
    expect(serviceConfigFrom('scopes-feed', env)).toEqual({
      service: 'scopes-feed',
      kafka: {
        brokers: ['a:9092', 'b:9092'],
        security: { protocol: 'PLAINTEXT' },
        ensureTopics: false,
        consumerGroup: 'scopes-feed-blue',
        partitionsConsumedConcurrently: 8,
        maxBytesPerPartition: 2_097_152,
        maxMessageBytes: 1_048_576,
      },
      log: { level: 'debug', extendedLog: true },
      metrics: { host: '0.0.0.0', port: 0 },
      tracing: {
        tracesUrl: 'http://collector:4318/v1/traces',
        serviceName: 'scopes-blue',
        sampleRatio: 0.25,
      },
    });
  });

  it('refuses a fetch per partition smaller than the message limit, which would stall a partition', () => {
    const env = schema.parse({ CDE_KAFKA_MAX_BYTES_PER_PARTITION: '1048576' });
    expect(() => serviceConfigFrom('exporter', env)).toThrow(
      /CDE_KAFKA_MAX_BYTES_PER_PARTITION \(1048576\) is under CDE_KAFKA_MAX_MESSAGE_BYTES \(4194304\)/,
    );
    expect(() => schema.parse({ CDE_KAFKA_MAX_MESSAGE_BYTES: '65536' })).toThrow();
  });

  it('takes the traces URL as it is, and refuses a protocol it does not speak', () => {
    const env = schema.parse({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/otlp',
    });
    expect(serviceConfigFrom('exporter', env).tracing.tracesUrl).toBe('https://traces.example/otlp');
    expect(() => parseEnv('exporter', schema, { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(
      /OTEL_EXPORTER_OTLP_PROTOCOL/,
    );
  });
});

describe(parseEnv.name, () => {
  it('names every problem in one error', () => {
    const schema = serviceEnvSchema({ partitionsConsumedConcurrently: 1 }).extend({ CDE_X: z.string() });
    expect(() =>
      parseEnv('exporter', schema, { CDE_KAFKA_CONSUMER_GROUP: 'a b', CDE_METRICS_PORT: '70000' }),
    ).toThrow(
      /invalid exporter configuration:[\s\S]*CDE_KAFKA_CONSUMER_GROUP[\s\S]*CDE_METRICS_PORT[\s\S]*CDE_X/,
    );
  });
});
