import { FEED_NAMES } from '@cde/contracts';
import { documentedVariables } from '@cde/testing/runtime';
import { exporterEnvSchema, loadConfig } from './app.config';

describe(loadConfig.name, () => {
  const required = {
    CDE_EXPORT_ENVIRONMENT_ID: 'env-1',
    CDE_EXPORT_API_KEY: 'key',
    CDE_EXPORT_PRIVATE_KEY_FILE: '/run/secrets/private.pem',
  };

  it("defaults to every feed, the original's batch sizes and Adobe's 2 requests/s", () => {
    const sut = loadConfig(required);
    expect(sut.feeds).toEqual(FEED_NAMES);
    expect(sut.batchSizes).toMatchObject({ products: 100, prices: 500 });
    expect(sut).toMatchObject({
      kafka: {
        consumerGroup: 'exporter',
        partitionsConsumedConcurrently: 4,
        maxBytesPerPartition: 4_194_304,
        maxMessageBytes: 4_194_304,
      },
      topicPrefix: '',
      lingerMs: 200,
      retry: { maxAttempts: 5, jitter: 'full' },
      rate: { maxRps: 2, maxConcurrency: 2, headroom: 0.05 },
      receiver: { baseUrl: 'http://127.0.0.1:8090', requestTimeoutMs: 30_000 },
      metrics: { host: '127.0.0.1', port: 9464 },
      log: { level: 'info', extendedLog: false },
    });
  });

  it('reads the feed subset, batch sizes and redaction rules', () => {
    const sut = loadConfig({
      ...required,
      CDE_FEEDS: 'prices, PRODUCTS',
      CDE_EXPORT_BATCH_SIZES: 'prices=400',
      CDE_EXPORT_REDACT_FIELDS: 'products:description,products:media.url',
      CDE_KAFKA_CONSUMER_GROUP: 'exporter-prices',
    });
    expect(sut.feeds).toEqual(['prices', 'products']);
    expect(sut.batchSizes).toEqual({ prices: 400, products: 100 });
    expect(sut.redaction).toEqual({ products: [['description'], ['media', 'url']] });
    expect(sut.kafka.consumerGroup).toBe('exporter-prices');
  });

  it('names every problem in one error', () => {
    let message = '';
    try {
      loadConfig({
        CDE_EXPORT_API_KEY: 'key',
        CDE_FEEDS: 'products,nope',
        CDE_EXPORT_BATCH_SIZES: 'prices=0',
        CDE_EXPORT_REDACT_FIELDS: 'description',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    for (const problem of [
      'CDE_EXPORT_ENVIRONMENT_ID',
      'CDE_EXPORT_PRIVATE_KEY_FILE',
      'unknown feeds: nope',
      '"prices=0"',
      '"description" is not',
    ]) {
      expect(message).toContain(problem);
    }
  });

  it('refuses a call budget that could outlast the handler timeout', () => {
    expect(() =>
      loadConfig({
        ...required,
        CDE_EXPORT_CALL_BUDGET_MS: '240000',
        CDE_EXPORT_REQUEST_TIMEOUT_MS: '60000',
      }),
    ).toThrow(/handler timeout/);
  });
});

describe('exporter configuration', () => {
  it('reads exactly the variables docs/configuration.md lists for it', () => {
    expect(Object.keys(exporterEnvSchema.shape).sort()).toEqual(documentedVariables('exporter'));
  });
});
