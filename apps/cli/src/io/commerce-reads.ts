import type { FeedName } from '@cde/contracts';
import type { FeedStateDbConfig } from '@cde/platform/feed-state';
import { createConnection, type Connection } from 'mysql2/promise';
import { within } from './bounded';

/**
 * The original's "Source Records" per feed, counted in the Commerce DB: items the feed should hold (products:
 * product × store view of its websites, as the original's status module counts them). Feeds without a query here
 * show no count.
 */
const SOURCE_COUNTS: Partial<Record<FeedName, string>> = {
  products: `SELECT COUNT(*) AS n FROM catalog_product_entity e
               JOIN catalog_product_website w ON w.product_id = e.entity_id
               JOIN store s ON s.website_id = w.website_id AND s.store_id <> 0`,
  categories: `SELECT COUNT(*) AS n FROM catalog_category_entity c
                 JOIN store_group g ON c.path = CONCAT('1/', g.root_category_id) OR c.path LIKE CONCAT('1/', g.root_category_id, '/%')
                 JOIN store s ON s.group_id = g.group_id AND s.store_id <> 0`,
  variants: `SELECT COUNT(*) AS n FROM catalog_product_super_link`,
  scopesWebsite: `SELECT COUNT(*) AS n FROM store_website WHERE website_id <> 0`,
  scopesCustomerGroup: `SELECT COUNT(*) AS n FROM customer_group`,
  orders: `SELECT COUNT(*) AS n FROM sales_order`,
};

/** Read-only questions to the Commerce DB, as its reader user. */
export class CommerceReads {
  private constructor(private readonly connection: Connection) {}

  static async open(config: FeedStateDbConfig): Promise<CommerceReads> {
    const connection = await within(
      15_000,
      `the Commerce DB (${config.host}:${config.port}/${config.database})`,
      createConnection({ ...config, connectTimeout: 10_000, dateStrings: true }),
    );
    return new CommerceReads(connection);
  }

  async sourceRecords(feed: FeedName): Promise<number | null> {
    const sql = SOURCE_COUNTS[feed];
    if (!sql) return null;
    try {
      const [rows] = await this.connection.query(sql);
      return Number((rows as { n: number | string }[])[0]?.n ?? 0);
    } catch {
      return null;
    }
  }

  async variables(): Promise<Record<string, string>> {
    const [rows] = await this.connection.query(
      `SHOW GLOBAL VARIABLES WHERE Variable_name IN ('log_bin', 'binlog_format', 'binlog_row_image', 'binlog_expire_logs_seconds', 'expire_logs_days')`,
    );
    return Object.fromEntries(
      (rows as { Variable_name: string; Value: string }[]).map((r) => [
        r.Variable_name.toLowerCase(),
        r.Value,
      ]),
    );
  }

  /** `SHOW GRANTS FOR` a user (needs rights on mysql.*; null when refused). */
  async grantsOf(user: string): Promise<string[] | null> {
    try {
      const [rows] = await this.connection.query(`SHOW GRANTS FOR ${user}`);
      return (rows as Record<string, string>[]).map((r) => Object.values(r)[0] ?? '');
    } catch {
      return null;
    }
  }

  async currentGrants(): Promise<{ user: string; grants: string[] }> {
    const [[who]] = (await this.connection.query('SELECT CURRENT_USER() AS u')) as unknown as [
      [{ u: string }],
    ];
    const [rows] = await this.connection.query('SHOW GRANTS');
    return { user: who.u, grants: (rows as Record<string, string>[]).map((r) => Object.values(r)[0] ?? '') };
  }

  /** The database's clock minus ours, corrected for half the round trip. */
  async clockSkewMs(): Promise<number> {
    const before = Date.now();
    const [[row]] = (await this.connection.query('SELECT UNIX_TIMESTAMP(NOW(3)) * 1000 AS t')) as unknown as [
      [{ t: string | number }],
    ];
    const after = Date.now();
    return Number(row.t) - (before + after) / 2;
  }

  async close(): Promise<void> {
    await this.connection.end().catch(() => undefined);
  }
}
