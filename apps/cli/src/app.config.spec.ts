import { documentedVariables } from '@cde/testing/runtime';
import { cliEnvSchema, loadConfig } from './app.config';
import { ordersLinkEnvSchema } from './orders-link';

describe(loadConfig.name, () => {
  it('reads the brokers, the databases, the receiver and Connect, and who asks', () => {
    const config = loadConfig({
      CDE_KAFKA_BROKERS: 'a:9092,b:9092',
      USER: 'ops',
      CDE_FEED_DB_PORT: '3308',
      CDE_EXPORT_API_KEY: 'k',
      CDE_CONNECT_URL: 'http://connect:8083',
    });
    expect(config).toMatchObject({
      kafka: { brokers: ['a:9092', 'b:9092'], security: { protocol: 'PLAINTEXT' }, ensureTopics: true },
      feedDb: { port: 3308, database: 'data_export', user: 'cde_feed' },
      commerceDb: { port: 3307, database: 'magento', user: 'cde_reader' },
      receiver: { baseUrl: 'http://127.0.0.1:8090', apiKey: 'k', environmentId: '', maxRps: 2 },
      connect: { url: 'http://connect:8083', connector: 'commerce-connector' },
      user: 'ops',
    });
    expect(
      loadConfig({
        CDE_KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
        CDE_KAFKA_SASL_USERNAME: 'cde-operator',
        CDE_KAFKA_SASL_PASSWORD: 'secret',
      }).kafka.security,
    ).toEqual({
      protocol: 'SASL_PLAINTEXT',
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'cde-operator', password: 'secret' },
    });
  });

  it('refuses a receiver URL that is not http(s)', () => {
    expect(() => loadConfig({ CDE_EXPORT_BASE_URL: 'ftp://x' })).toThrow(/CDE_EXPORT_BASE_URL/);
  });

  it('reads exactly the variables docs/configuration.md lists for it', () => {
    expect(
      [...new Set([...Object.keys(cliEnvSchema.shape), ...Object.keys(ordersLinkEnvSchema.shape)])].sort(),
    ).toEqual(documentedVariables('cli'));
  });
});
