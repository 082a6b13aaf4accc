import type { Connection } from 'mysql2/promise';
import { AttributeRegistry } from './attribute-registry';
import { BulkWriter } from './bulk-writer';
import { generateCatalog } from './generate-catalog';
import { generateSales } from './generate-sales';
import { generateScopes } from './generate-scopes';
import type { GenerationContext } from './generation-context';
import type { GeneratorProfile } from './profiles';
import { SeededRandom } from './seeded-random';

export interface GenerateOptions {
  readonly profile: GeneratorProfile;
  /** Same seed (and now) → same database. */
  readonly seed?: number;
  readonly now?: Date;
  readonly log?: (line: string) => void;
}

/** The generator's fixed "now" by default: dates are spread before it, so runs are repeatable. */
export const DEFAULT_GENERATION_NOW = new Date('2026-11-01T00:00:00Z');
export const DEFAULT_GENERATION_SEED = 20261122;

/** The context every part of the generator works with, for a profile and seed (tests build parts on it). */
export async function createGenerationContext(
  connection: Connection,
  options: GenerateOptions,
): Promise<GenerationContext> {
  return {
    connection,
    writer: new BulkWriter(connection),
    random: new SeededRandom(options.seed ?? DEFAULT_GENERATION_SEED),
    profile: options.profile,
    attributes: await AttributeRegistry.load(connection),
    now: options.now ?? DEFAULT_GENERATION_NOW,
    log: options.log ?? (() => undefined),
  };
}

export interface GenerationReport {
  readonly profile: string;
  readonly seed: number;
  readonly elapsedMs: number;
  readonly rowsWritten: number;
}

/**
 * Fills a Commerce database that holds the schema and a fresh install's rows (see `createCommerceSchema`) with
 * a catalog, customers and orders of the given profile. Deterministic for a seed. Writes with multi-row INSERTs
 * with foreign-key and unique checks off for the session (the generator keeps referential integrity itself).
 */
export async function generateCommerceData(
  connection: Connection,
  options: GenerateOptions,
): Promise<GenerationReport> {
  const started = Date.now();
  const seed = options.seed ?? DEFAULT_GENERATION_SEED;
  await connection.query('SET SESSION foreign_key_checks = 0, unique_checks = 0');
  const ctx = await createGenerationContext(connection, { ...options, seed });
  const { random, writer } = ctx;
  try {
    const scopes = await generateScopes({ ...ctx, random: random.fork(1) });
    const catalog = await generateCatalog({ ...ctx, random: random.fork(2) }, scopes);
    await writer.flush();
    await generateSales({ ...ctx, random: random.fork(3) }, scopes, catalog);
    await writer.flush();
  } finally {
    await connection.query('SET SESSION foreign_key_checks = 1, unique_checks = 1');
  }
  return {
    profile: options.profile.name,
    seed,
    elapsedMs: Date.now() - started,
    rowsWritten: writer.rowsWritten,
  };
}
