import { documentedVariables } from '@cde/testing/runtime';
import { loadConfig, receiverEnvSchema } from './app.config';

const required = { CDE_RECEIVER_API_KEY: 'key-1', CDE_RECEIVER_PUBLIC_KEY_FILE: '/tmp/k.pem' };

describe(loadConfig.name, () => {
  it('defaults to the local contract', () => {
    const sut = loadConfig(required);
    expect(sut).toMatchObject({
      host: '127.0.0.1',
      port: 8090,
      environmentId: 'local',
      rateLimit: 2,
      maxBodyBytes: 20 * 1024 * 1024,
      requestLogSize: 10_000,
      db: {
        host: '127.0.0.1',
        port: 3307,
        user: 'cde_receiver',
        password: '',
        database: 'commerce_services',
      },
    });
    expect(sut.maxBatchItems.prices).toBe(500);
    expect(sut.maxBatchItems.products).toBe(100);
    expect(sut.faults).toMatchObject({ errorRate: 0, hang: false, rateLimit: null });
  });

  it('takes batch limits for all feeds and per feed', () => {
    const sut = loadConfig({
      ...required,
      CDE_RECEIVER_MAX_BATCH_ITEMS: '50, prices=1000, productattributes=7',
    });
    expect(sut.maxBatchItems.products).toBe(50);
    expect(sut.maxBatchItems.prices).toBe(1000);
    expect(sut.maxBatchItems.productAttributes).toBe(7);
  });

  it('takes the fault switches at boot as JSON', () => {
    const sut = loadConfig({
      ...required,
      CDE_RECEIVER_FAULTS: '{"errorRate":0.1,"seed":5,"rejectItems":[{"field":"sku","value":"X"}]}',
    });
    expect(sut.faults.errorRate).toBe(0.1);
    expect(sut.faults.rejectItems).toEqual([{ field: 'sku', value: 'X' }]);
    expect(sut.faultSeed).toBe(5);
  });

  it('names every bad variable in one error', () => {
    expect(() =>
      loadConfig({
        CDE_RECEIVER_MAX_BATCH_ITEMS: 'nope=3',
        CDE_RECEIVER_FAULTS: '{"errorRate":2}',
        CDE_RECEIVER_PORT: 'x',
      }),
    ).toThrow(
      /CDE_RECEIVER_API_KEY[\s\S]*CDE_RECEIVER_PUBLIC_KEY_FILE|CDE_RECEIVER_PUBLIC_KEY_FILE[\s\S]*CDE_RECEIVER_API_KEY/,
    );
    try {
      loadConfig({
        ...required,
        CDE_RECEIVER_MAX_BATCH_ITEMS: 'nope=3',
        CDE_RECEIVER_FAULTS: '{"errorRate":2}',
        CDE_RECEIVER_PORT: 'x',
      });
    } catch (error: unknown) {
      const message = (error as Error).message;
      expect(message).toContain('CDE_RECEIVER_MAX_BATCH_ITEMS');
      expect(message).toContain('CDE_RECEIVER_FAULTS');
      expect(message).toContain('CDE_RECEIVER_PORT');
    }
  });
});

describe('commerce-services configuration', () => {
  it('reads exactly the variables docs/configuration.md lists for it', () => {
    expect(Object.keys(receiverEnvSchema.shape).sort()).toEqual(documentedVariables('commerce-services'));
  });
});
