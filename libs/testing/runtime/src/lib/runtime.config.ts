import { z } from 'zod';

/**
 * Where the local runtime's parts are, as `./dev` exports them (DESIGN.md §4). Defaults are the local contract,
 * so a test also runs from an editor against a runtime started with `./dev up`.
 */
const schema = z.object({
  CDE_KAFKA_BROKERS: z.string().default('127.0.0.1:9092'),
  CDE_CONNECT_URL: z.url().default('http://127.0.0.1:8083'),
  CDE_COMMERCE_DB_HOST: z.string().default('127.0.0.1'),
  CDE_COMMERCE_DB_PORT: z.coerce.number().int().positive().default(3307),
  CDE_COMMERCE_DB_NAME: z.string().default('magento'),
});

export interface RuntimeConfig {
  readonly kafkaBrokers: readonly string[];
  readonly connectUrl: string;
  readonly commerceDb: { readonly host: string; readonly port: number; readonly database: string };
}

export function loadRuntimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid local runtime environment: ${z.prettifyError(parsed.error)}`);
  }
  const c = parsed.data;
  for (const host of [
    c.CDE_COMMERCE_DB_HOST,
    ...c.CDE_KAFKA_BROKERS.split(',').map((b) => b.split(':')[0]),
  ]) {
    // Tests talk to loopback only.
    if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
      throw new Error(`tests only talk to loopback addresses, got ${host}`);
    }
  }
  return {
    kafkaBrokers: c.CDE_KAFKA_BROKERS.split(','),
    connectUrl: c.CDE_CONNECT_URL,
    commerceDb: {
      host: c.CDE_COMMERCE_DB_HOST,
      port: c.CDE_COMMERCE_DB_PORT,
      database: c.CDE_COMMERCE_DB_NAME,
    },
  };
}
