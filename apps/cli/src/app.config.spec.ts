import { documentedVariables } from '@cde/testing/runtime';
import { cliEnvSchema, loadConfig } from './app.config';
import { ordersLinkEnvSchema } from './orders-link';

describe(loadConfig.name, () => {
  it('reads the brokers, how to reach them and who asks', () => {
    expect(loadConfig({ CDE_KAFKA_BROKERS: 'a:9092,b:9092', USER: 'ops' })).toEqual({
      kafka: { brokers: ['a:9092', 'b:9092'], security: { protocol: 'PLAINTEXT' }, ensureTopics: true },
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

  it('reads exactly the variables docs/configuration.md lists for it', () => {
    expect(
      [...new Set([...Object.keys(cliEnvSchema.shape), ...Object.keys(ordersLinkEnvSchema.shape)])].sort(),
    ).toEqual(documentedVariables('cli'));
  });
});
