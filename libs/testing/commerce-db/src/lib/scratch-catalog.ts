import { CommerceDb } from '@cde/platform/commerce-db';
import { connectCommerceDbAsShop, loadRuntimeConfig, scratchDatabaseName } from '@cde/testing/runtime';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { createCommerceSchema } from './commerce-schema';
import { generateCommerceData } from './generator/generate-commerce-data';
import { PROFILES, type ProfileName } from './generator/profiles';
import { loadMagentoDump } from './load-magento-dump';
import { magentoDumpPath, type MagentoDumpVersion } from './magento-dumps';

/** A real Magento dump, or our schema filled by the generator with a profile. */
export type ScratchCatalogSource = { readonly dump: MagentoDumpVersion } | { readonly profile: ProfileName };

/** A Commerce database of its own for one test file: read it as the services do, write it as the shop does. */
export interface ScratchCatalog {
  readonly database: string;
  /** Read access the way feed services have it (pooled, READ COMMITTED, read only). */
  readonly db: CommerceDb;
  /** The shop's connection (root) to the same database, for oracle queries and changes. */
  readonly shop: Connection;
  drop(): Promise<void>;
}

/** Creates a scratch Commerce database from a dump or a generator profile (seeded, so always the same rows). */
export async function openScratchCatalog(
  source: ScratchCatalogSource,
  purpose: string,
): Promise<ScratchCatalog> {
  const { commerceDb } = loadRuntimeConfig();
  const database = scratchDatabaseName(purpose);
  if ('dump' in source) {
    await loadMagentoDump(magentoDumpPath(source.dump), {
      host: commerceDb.host,
      port: commerceDb.port,
      user: 'root',
      database,
    });
  } else {
    const admin = await connectCommerceDbAsShop({ database: null, multipleStatements: true });
    try {
      await createCommerceSchema(admin, database);
    } finally {
      await admin.end();
    }
  }
  const shop = await connectCommerceDbAsShop({ database, multipleStatements: true });
  if ('profile' in source) await generateCommerceData(shop, { profile: PROFILES[source.profile] });
  const db = CommerceDb.connect({
    host: commerceDb.host,
    port: commerceDb.port,
    user: 'root',
    password: '',
    database,
    poolSize: 4,
  });
  return {
    database,
    db,
    shop,
    async drop() {
      await db.close();
      await shop.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await shop.end();
    },
  };
}

/** The rows of a query on the scratch catalog through the shop's connection, for test oracles. */
export async function shopRows(
  catalog: ScratchCatalog,
  sql: string,
  params: unknown[] = [],
): Promise<RowDataPacket[]> {
  const [result] = await catalog.shop.query<RowDataPacket[]>(sql, params);
  return result;
}

/** Attribute ids by code of one entity type (catalog_product, catalog_category), as the catalog holds them. */
export async function attributeIdsByCode(
  catalog: ScratchCatalog,
  entityType: string,
): Promise<Record<string, number>> {
  const found = await shopRows(
    catalog,
    `SELECT a.attribute_code, a.attribute_id FROM eav_attribute a JOIN eav_entity_type t USING (entity_type_id)
      WHERE t.entity_type_code = ?`,
    [entityType],
  );
  return Object.fromEntries(found.map((r) => [String(r['attribute_code']), Number(r['attribute_id'])]));
}
