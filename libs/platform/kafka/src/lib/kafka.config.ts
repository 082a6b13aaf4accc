import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_MAX_MESSAGE_BYTES, MAX_MAX_MESSAGE_BYTES, MIN_MAX_MESSAGE_BYTES } from './message-limits';

/** Kafka's own names for how a client talks to the brokers (`security.protocol`). */
export const KAFKA_SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
export type KafkaSecurityProtocol = (typeof KAFKA_SECURITY_PROTOCOLS)[number];

/** SASL mechanisms a client can use; SCRAM-SHA-512 is what Strimzi's KafkaUser `scram-sha-512` gives. */
export const KAFKA_SASL_MECHANISMS = ['SCRAM-SHA-512', 'SCRAM-SHA-256', 'PLAIN'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

const flag = z.enum(['0', '1', 'false', 'true']).transform((v) => v === '1' || v === 'true');

/**
 * `CDE_KAFKA_*` every Kafka client of ours reads (services, the CLI): where the brokers are, how to reach them
 * (TLS, SASL/SCRAM, mTLS), and whether the service may create its topics.
 */
export const kafkaClientEnvSchema = z.object({
  /** `host:port` list, comma separated. */
  CDE_KAFKA_BROKERS: z
    .string()
    .min(1)
    .default('127.0.0.1:9092')
    .transform((s) => s.split(',').map((b) => b.trim())),
  CDE_KAFKA_SECURITY_PROTOCOL: z.enum(KAFKA_SECURITY_PROTOCOLS).default('PLAINTEXT'),
  CDE_KAFKA_SASL_MECHANISM: z.enum(KAFKA_SASL_MECHANISMS).default('SCRAM-SHA-512'),
  CDE_KAFKA_SASL_USERNAME: z.string().default(''),
  CDE_KAFKA_SASL_PASSWORD: z.string().default(''),
  /** PEM of the CA the brokers' certificates are checked against (Strimzi: the cluster CA's `ca.crt`); unset: the system's. */
  CDE_KAFKA_SSL_CA_FILE: z.string().default(''),
  /** mTLS: the client's PEM certificate and key (Strimzi: a `tls` KafkaUser's `user.crt` and `user.key`). */
  CDE_KAFKA_SSL_CERT_FILE: z.string().default(''),
  CDE_KAFKA_SSL_KEY_FILE: z.string().default(''),
  /**
   * `1`: a service creates the topics it uses when they are missing (the local runtime); `0`: it only checks they
   * exist and reports config drift (production, where KafkaTopic resources declare them).
   */
  CDE_KAFKA_ENSURE_TOPICS: flag.default(true),
  /**
   * The largest record batch our topics take (their `max.message.bytes`); the publisher stays under it and the
   * consumers fetch at least as much per partition (ADR 0018).
   */
  CDE_KAFKA_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(MIN_MAX_MESSAGE_BYTES)
    .max(MAX_MAX_MESSAGE_BYTES)
    .default(DEFAULT_MAX_MESSAGE_BYTES),
});

export type KafkaClientEnv = z.infer<typeof kafkaClientEnvSchema>;

/** How a client authenticates and encrypts, ready for the client: file contents read once, at boot. */
export interface KafkaSecurity {
  readonly protocol: KafkaSecurityProtocol;
  /** TLS, when the protocol is SSL or SASL_SSL: the CA (else the system's) and, for mTLS, the client's cert and key. */
  readonly tls?: { readonly ca?: string; readonly cert?: string; readonly key?: string };
  readonly sasl?: {
    readonly mechanism: KafkaSaslMechanism;
    readonly username: string;
    readonly password: string;
  };
}

/** Where and how a client connects: what `createKafka` needs beside its name and logger. */
export interface KafkaConnectionConfig {
  readonly brokers: readonly string[];
  readonly security: KafkaSecurity;
  /** Create missing topics (true) or only check them (false). */
  readonly ensureTopics: boolean;
  /** `CDE_KAFKA_MAX_MESSAGE_BYTES`: the topics' `max.message.bytes`, see `messageLimitsOf`. */
  readonly maxMessageBytes: number;
}

/** What is wrong with a combination of the security variables, one line each (empty: nothing). */
export function kafkaSecurityProblems(env: KafkaClientEnv): string[] {
  const problems: string[] = [];
  const protocol = env.CDE_KAFKA_SECURITY_PROTOCOL;
  const sasl = protocol.startsWith('SASL_');
  const tls = protocol.endsWith('SSL');
  if (sasl && (env.CDE_KAFKA_SASL_USERNAME === '' || env.CDE_KAFKA_SASL_PASSWORD === '')) {
    problems.push(`CDE_KAFKA_SASL_USERNAME and CDE_KAFKA_SASL_PASSWORD are required with ${protocol}`);
  }
  if (!sasl && (env.CDE_KAFKA_SASL_USERNAME !== '' || env.CDE_KAFKA_SASL_PASSWORD !== '')) {
    problems.push(
      `CDE_KAFKA_SASL_* are set but ${protocol} does not use SASL (SASL_SSL or SASL_PLAINTEXT does)`,
    );
  }
  if ((env.CDE_KAFKA_SSL_CERT_FILE === '') !== (env.CDE_KAFKA_SSL_KEY_FILE === '')) {
    problems.push('CDE_KAFKA_SSL_CERT_FILE and CDE_KAFKA_SSL_KEY_FILE go together (mTLS)');
  }
  const tlsFiles = [env.CDE_KAFKA_SSL_CA_FILE, env.CDE_KAFKA_SSL_CERT_FILE, env.CDE_KAFKA_SSL_KEY_FILE];
  if (!tls && tlsFiles.some((f) => f !== '')) {
    problems.push(`CDE_KAFKA_SSL_* files are set but ${protocol} does not use TLS (SSL or SASL_SSL does)`);
  }
  return problems;
}

/**
 * The connection settings of a client, with the PEM files read: a missing file or a contradiction fails here, at
 * boot, with one error naming every problem.
 */
export function kafkaConnectionConfigFrom(
  env: KafkaClientEnv,
  readFile: (file: string) => string = (file) => readFileSync(file, 'utf8'),
): KafkaConnectionConfig {
  const problems = kafkaSecurityProblems(env);
  const read = (variable: string, file: string): string | undefined => {
    if (file === '') return undefined;
    try {
      return readFile(file);
    } catch (error) {
      problems.push(
        `${variable}: cannot read ${file} (${error instanceof Error ? error.message : String(error)})`,
      );
      return undefined;
    }
  };
  const protocol = env.CDE_KAFKA_SECURITY_PROTOCOL;
  const tls = protocol.endsWith('SSL')
    ? {
        ca: read('CDE_KAFKA_SSL_CA_FILE', env.CDE_KAFKA_SSL_CA_FILE),
        cert: read('CDE_KAFKA_SSL_CERT_FILE', env.CDE_KAFKA_SSL_CERT_FILE),
        key: read('CDE_KAFKA_SSL_KEY_FILE', env.CDE_KAFKA_SSL_KEY_FILE),
      }
    : undefined;
  if (problems.length > 0) {
    throw new Error(`invalid Kafka connection settings:\n${problems.map((p) => `✖ ${p}`).join('\n')}`);
  }
  return {
    brokers: env.CDE_KAFKA_BROKERS,
    security: {
      protocol,
      ...(tls ? { tls } : {}),
      ...(protocol.startsWith('SASL_')
        ? {
            sasl: {
              mechanism: env.CDE_KAFKA_SASL_MECHANISM,
              username: env.CDE_KAFKA_SASL_USERNAME,
              password: env.CDE_KAFKA_SASL_PASSWORD,
            },
          }
        : {}),
    },
    ensureTopics: env.CDE_KAFKA_ENSURE_TOPICS,
    maxMessageBytes: env.CDE_KAFKA_MAX_MESSAGE_BYTES,
  };
}

export interface KafkaConsumerDefaults {
  /** Partitions one process works on at once: what suits the service's handlers. */
  readonly partitionsConsumedConcurrently: number;
}

/** The `CDE_KAFKA_*` variables of a service that consumes (every feed service and the exporter). */
export function kafkaConsumerEnvSchema(defaults: KafkaConsumerDefaults) {
  return kafkaClientEnvSchema.extend({
    /** Defaults to the service name: one consumer group per deployable. */
    CDE_KAFKA_CONSUMER_GROUP: z
      .string()
      .regex(/^[A-Za-z0-9._-]+$/)
      .optional(),
    CDE_KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY: z.coerce
      .number()
      .int()
      .min(1)
      .max(64)
      .default(defaults.partitionsConsumedConcurrently),
    /**
     * Bounds what one handler call takes from a partition. Unset: CDE_KAFKA_MAX_MESSAGE_BYTES; never less, or a
     * record batch as large as the topics allow could not be fetched whole and its partition would stall.
     */
    CDE_KAFKA_MAX_BYTES_PER_PARTITION: z.coerce
      .number()
      .int()
      .min(16 * 1024)
      .max(MAX_MAX_MESSAGE_BYTES)
      .optional(),
  });
}

export type KafkaConsumerEnv = z.infer<ReturnType<typeof kafkaConsumerEnvSchema>>;

/** How a service connects and consumes: the transport's settings from the environment. */
export interface KafkaConsumerConfig extends KafkaConnectionConfig {
  readonly consumerGroup: string;
  readonly partitionsConsumedConcurrently: number;
  readonly maxBytesPerPartition: number;
}

export function kafkaConsumerConfigFrom(
  env: KafkaConsumerEnv,
  service: string,
  readFile?: (file: string) => string,
): KafkaConsumerConfig {
  const perPartition = env.CDE_KAFKA_MAX_BYTES_PER_PARTITION ?? env.CDE_KAFKA_MAX_MESSAGE_BYTES;
  if (perPartition < env.CDE_KAFKA_MAX_MESSAGE_BYTES) {
    throw new Error(
      `invalid Kafka consumer settings:\n✖ CDE_KAFKA_MAX_BYTES_PER_PARTITION (${perPartition}) is under ` +
        `CDE_KAFKA_MAX_MESSAGE_BYTES (${env.CDE_KAFKA_MAX_MESSAGE_BYTES}): a record batch as large as the topics ` +
        'take could not be fetched whole, and its partition would stall',
    );
  }
  return {
    ...kafkaConnectionConfigFrom(env, readFile),
    consumerGroup: env.CDE_KAFKA_CONSUMER_GROUP ?? service,
    partitionsConsumedConcurrently: env.CDE_KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY,
    maxBytesPerPartition: perPartition,
  };
}
