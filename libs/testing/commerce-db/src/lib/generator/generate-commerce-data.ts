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
  const seed = options.seed ?? 20261122;
  const random = new SeededRandom(seed);
  const writer = new BulkWriter(connection);
  await connection.query('SET SESSION foreign_key_checks = 0, unique_checks = 0');
  try {
    const ctx: GenerationContext = {
      connection,
      writer,
      random,
      profile: options.profile,
      attributes: await AttributeRegistry.load(connection),
      now: options.now ?? new Date('2026-11-01T00:00:00Z'),
      log: options.log ?? (() => undefined),
    };
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
