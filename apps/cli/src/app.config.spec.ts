import { documentedVariables } from '@cde/testing/runtime';
import { cliEnvSchema, loadConfig } from './app.config';

describe(loadConfig.name, () => {
  it('reads the brokers and who asks', () => {
    expect(loadConfig({ CDE_KAFKA_BROKERS: 'a:9092,b:9092', USER: 'ops' })).toEqual({
      kafkaBrokers: ['a:9092', 'b:9092'],
      user: 'ops',
    });
    expect(loadConfig({})).toEqual({ kafkaBrokers: ['127.0.0.1:9092'], user: 'unknown' });
  });

  it('reads exactly the variables docs/configuration.md lists for it', () => {
    expect(Object.keys(cliEnvSchema.shape).sort()).toEqual(documentedVariables('cli'));
  });
});
