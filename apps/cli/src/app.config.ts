import {
  kafkaClientEnvSchema,
  kafkaConnectionConfigFrom,
  type KafkaConnectionConfig,
} from '@cde/platform/kafka';
import { parseEnv } from '@cde/platform/service';
import { z } from 'zod';

/** Everything the CLI reads: how to reach Kafka, and who asks (in `requestedBy`). */
export const cliEnvSchema = kafkaClientEnvSchema.extend({
  USER: z.string().default('unknown'),
});

export interface CliConfig {
  readonly kafka: KafkaConnectionConfig;
  readonly user: string;
}

/** The only place the CLI reads its environment. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): CliConfig {
  const e = parseEnv('cde CLI', cliEnvSchema, env);
  return { kafka: kafkaConnectionConfigFrom(e), user: e.USER };
}
