import { kafkaClientEnvSchema, kafkaConnectionConfigFrom } from './kafka.config';
import { kafkaSecurityOptions } from './kafka.client';

const parse = (env: Record<string, string>) => kafkaClientEnvSchema.parse(env);
const files: Record<string, string> = { '/ca.crt': 'CA', '/user.crt': 'CERT', '/user.key': 'KEY' };
const readFile = (file: string): string => {
  const text = files[file];
  if (text === undefined) throw new Error('ENOENT');
  return text;
};

describe(kafkaConnectionConfigFrom.name, () => {
  it('defaults to plaintext on the local broker, creating missing topics', () => {
    expect(kafkaConnectionConfigFrom(parse({}))).toEqual({
      brokers: ['127.0.0.1:9092'],
      security: { protocol: 'PLAINTEXT' },
      ensureTopics: true,
      maxMessageBytes: 4_194_304,
    });
    expect(kafkaConnectionConfigFrom(parse({ CDE_KAFKA_ENSURE_TOPICS: '0' })).ensureTopics).toBe(false);
  });

  it('reads SCRAM over TLS with the cluster CA, and mTLS with a client certificate', () => {
    const scram = kafkaConnectionConfigFrom(
      parse({
        CDE_KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
        CDE_KAFKA_SASL_USERNAME: 'products-feed',
        CDE_KAFKA_SASL_PASSWORD: 'pw',
        CDE_KAFKA_SSL_CA_FILE: '/ca.crt',
      }),
      readFile,
    );
    expect(scram.security).toEqual({
      protocol: 'SASL_SSL',
      tls: { ca: 'CA', cert: undefined, key: undefined },
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'products-feed', password: 'pw' },
    });
    expect(kafkaSecurityOptions(scram.security)).toEqual({
      ssl: { ca: ['CA'] },
      sasl: { mechanism: 'scram-sha-512', username: 'products-feed', password: 'pw' },
    });

    const mtls = kafkaConnectionConfigFrom(
      parse({
        CDE_KAFKA_SECURITY_PROTOCOL: 'SSL',
        CDE_KAFKA_SSL_CA_FILE: '/ca.crt',
        CDE_KAFKA_SSL_CERT_FILE: '/user.crt',
        CDE_KAFKA_SSL_KEY_FILE: '/user.key',
      }),
      readFile,
    );
    expect(kafkaSecurityOptions(mtls.security)).toEqual({ ssl: { ca: ['CA'], cert: 'CERT', key: 'KEY' } });
    expect(
      kafkaSecurityOptions(kafkaConnectionConfigFrom(parse({ CDE_KAFKA_SECURITY_PROTOCOL: 'SSL' })).security),
    ).toEqual({
      ssl: true,
    });
    expect(kafkaSecurityOptions(undefined)).toEqual({});
  });

  it('names every contradiction and unreadable file in one error', () => {
    expect(() =>
      kafkaConnectionConfigFrom(
        parse({
          CDE_KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
          CDE_KAFKA_SSL_CA_FILE: '/missing.crt',
          CDE_KAFKA_SSL_CERT_FILE: '/user.crt',
        }),
        readFile,
      ),
    ).toThrow(
      /SASL_USERNAME and CDE_KAFKA_SASL_PASSWORD are required[\s\S]*go together[\s\S]*cannot read \/missing.crt/,
    );
    expect(() =>
      kafkaConnectionConfigFrom(
        parse({ CDE_KAFKA_SASL_USERNAME: 'x', CDE_KAFKA_SSL_CA_FILE: '/ca.crt' }),
        readFile,
      ),
    ).toThrow(/does not use SASL[\s\S]*does not use TLS/);
  });
});
