import { z } from 'zod';

const schema = z.object({
  CDE_KAFKA_BROKERS: z.string().min(1).default('127.0.0.1:9092'),
  USER: z.string().default('unknown'),
});

export interface CliConfig {
  readonly kafkaBrokers: string[];
  readonly user: string;
}

/** The only place the CLI reads its environment. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): CliConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(`invalid environment: ${z.prettifyError(parsed.error)}`);
  return {
    kafkaBrokers: parsed.data.CDE_KAFKA_BROKERS.split(',').map((b) => b.trim()),
    user: parsed.data.USER,
  };
}
