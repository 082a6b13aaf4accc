import { connectCommerceDbAsShop, loadRuntimeConfig, scratchDatabaseName } from '@cde/testing/runtime';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { createCommerceSchema } from '../commerce-schema';
import { generateCommerceData } from '../generator/generate-commerce-data';
import { PROFILES } from '../generator/profiles';
import { loadMagentoDump } from '../load-magento-dump';
import { magentoDumpPath, type MagentoDumpVersion } from '../magento-dumps';
import { CHANGE_KINDS, runChangeWorkload, type ChangeRecord } from './change-workload';

const RATE = 50;
const CHANGES = 60;

interface Target {
  readonly label: string;
  readonly database: string;
  readonly msi: boolean;
  readonly prepare: (admin: Connection, database: string) => Promise<void>;
}

const generated = async (admin: Connection, database: string): Promise<void> => {
  await createCommerceSchema(admin, database);
  await generateCommerceData(admin, { profile: PROFILES.small, seed: 11 });
};

const dump =
  (version: MagentoDumpVersion) =>
  async (_admin: Connection, database: string): Promise<void> => {
    const { commerceDb } = loadRuntimeConfig();
    await loadMagentoDump(magentoDumpPath(version), {
      host: commerceDb.host,
      port: commerceDb.port,
      user: 'root',
      database,
    });
  };

const TARGETS: readonly Target[] = [
  {
    label: 'a generated small database',
    database: scratchDatabaseName('workload_gen'),
    msi: true,
    prepare: generated,
  },
  {
    label: 'the 2.4.8 dump',
    database: scratchDatabaseName('workload_d248'),
    msi: false,
    prepare: dump('2.4.8'),
  },
  {
    label: 'the 2.4.5-p1 dump',
    database: scratchDatabaseName('workload_d245'),
    msi: false,
    prepare: dump('2.4.5-p1'),
  },
];

describe(runChangeWorkload.name, () => {
  let admin: Connection;

  beforeAll(async () => {
    admin = await connectCommerceDbAsShop({ database: null, multipleStatements: true });
  });

  afterAll(async () => {
    for (const t of TARGETS) await admin.query(`DROP DATABASE IF EXISTS \`${t.database}\``);
    await admin.end();
  });

  describe.each(TARGETS)('on $label', (target) => {
    let db: Connection;
    let records: ChangeRecord[];
    let moves: ChangeRecord[];
    const seen: ChangeRecord[] = [];
    const log: string[] = [];
    let startedAt = 0;
    let changelogBefore: number | undefined;

    const rows = async (sql: string, values: unknown[] = []): Promise<RowDataPacket[]> =>
      (await db.query<RowDataPacket[]>(sql, values))[0];
    const count = async (sql: string, values: unknown[] = []): Promise<number> =>
      Number((await rows(sql, values))[0]!['n']);
    const changelog = async (): Promise<number | undefined> => {
      const [t] = await rows(
        "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'catalog_product_price_cl'",
      );
      return Number(t!['n']) > 0 ? count('SELECT COUNT(*) AS n FROM catalog_product_price_cl') : undefined;
    };

    beforeAll(async () => {
      await target.prepare(admin, target.database);
      db = await connectCommerceDbAsShop({ database: target.database });
      changelogBefore = await changelog();
      startedAt = Date.now();
      records = await runChangeWorkload(db, {
        ratePerSecond: RATE,
        maxChanges: CHANGES,
        maxDurationMs: 60_000,
        seed: 5,
        onChange: (r) => seen.push(r),
        log: (line) => log.push(line),
      });
      // A second, category-only run, so both kinds of move happen whatever the first run drew.
      moves = await runChangeWorkload(db, {
        ratePerSecond: 200,
        maxChanges: 20,
        maxDurationMs: 30_000,
        seed: 6,
        mix: Object.fromEntries(CHANGE_KINDS.map((k) => [k, k === 'category-move' ? 1 : 0])),
        log: (line) => log.push(line),
      });
    });

    afterAll(async () => {
      await db.end();
    });

    const ofKind = (kind: ChangeRecord['kind']): ChangeRecord[] => records.filter((r) => r.kind === kind);
    const deletedLater = (r: ChangeRecord, id: number | string): boolean =>
      records.some((d) => d.kind === 'delete-product' && d.seq > r.seq && d.entityIds.includes(id));

    it('commits the requested number of changes, every kind at least once', () => {
      expect(records).toHaveLength(CHANGES);
      expect([...new Set(records.map((r) => r.kind))].sort()).toEqual([...CHANGE_KINDS].sort());
      expect(seen).toEqual(records);
      for (const r of records) {
        expect(r.entityIds.length).toBeGreaterThan(0);
        expect(r.tables.length).toBeGreaterThan(0);
      }
    });

    it('numbers changes in commit order and never goes faster than the requested rate', () => {
      expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));
      const times = records.map((r) => r.committedAt.getTime());
      for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThanOrEqual(times[i - 1]!);
      expect(times[0]!).toBeGreaterThanOrEqual(startedAt);
      const interval = 1000 / RATE;
      // Starts are spaced by the interval, so k+1 commits span at least (k-1) intervals, wherever they fall.
      const k = 10;
      for (let i = 0; i + k < times.length; i++)
        expect(times[i + k]! - times[i]!).toBeGreaterThanOrEqual((k - 1) * interval);
      const observedRate = (records.length - 1) / ((times.at(-1)! - startedAt) / 1000);
      expect(observedRate).toBeLessThanOrEqual(RATE);
    });

    it('writes the stock of the sources too when MSI is there, the legacy stock item otherwise', () => {
      const stockTables = new Set(ofKind('stock').flatMap((r) => r.tables));
      expect(stockTables.has('inventory_source_item')).toBe(target.msi);
      expect(stockTables.has('cataloginventory_stock_item')).toBe(true);
      expect(new Set(ofKind('new-order').flatMap((r) => r.tables)).has('inventory_reservation')).toBe(
        target.msi,
      );
    });

    it('leaves the renamed store-view values, new products and orders in the database, deleted products gone', async () => {
      const nameId = Number(
        (
          await rows(
            `SELECT a.attribute_id FROM eav_attribute a JOIN eav_entity_type t USING (entity_type_id)
              WHERE t.entity_type_code = 'catalog_product' AND a.attribute_code = 'name'`,
          )
        )[0]!['attribute_id'],
      );
      const renames = ofKind('store-view-name').filter((r) => !deletedLater(r, r.entityIds[0]!));
      expect(renames.length).toBeGreaterThan(0);
      const lastRename = renames.at(-1)!;
      const [renamed] = await rows(
        'SELECT value FROM catalog_product_entity_varchar WHERE entity_id = ? AND attribute_id = ? AND store_id = ?',
        [lastRename.entityIds[0], nameId, lastRename.storeId],
      );
      expect(lastRename.storeId).toBeGreaterThan(0);
      expect(String(renamed!['value'])).toMatch(new RegExp(`#${lastRename.seq}\\)$`));

      for (const r of ofKind('delete-product')) {
        const id = r.entityIds[0]!;
        expect(
          await count('SELECT COUNT(*) AS n FROM catalog_product_entity WHERE entity_id = ?', [id]),
        ).toBe(0);
        expect(
          await count('SELECT COUNT(*) AS n FROM catalog_product_entity_varchar WHERE entity_id = ?', [id]),
        ).toBe(0);
        expect(
          await count('SELECT COUNT(*) AS n FROM catalog_product_website WHERE product_id = ?', [id]),
        ).toBe(0);
        expect(
          await count(
            "SELECT COUNT(*) AS n FROM url_rewrite WHERE entity_type = 'product' AND entity_id = ?",
            [id],
          ),
        ).toBe(0);
      }

      for (const r of ofKind('new-product').filter((p) => !deletedLater(p, p.entityIds[0]!))) {
        const id = r.entityIds[0]!;
        expect(
          await count(
            'SELECT COUNT(*) AS n FROM catalog_product_entity_varchar WHERE entity_id = ? AND attribute_id = ?',
            [id, nameId],
          ),
        ).toBe(1);
        expect(
          await count('SELECT COUNT(*) AS n FROM catalog_product_website WHERE product_id = ?', [id]),
        ).toBeGreaterThan(0);
        expect(
          await count('SELECT COUNT(*) AS n FROM cataloginventory_stock_item WHERE product_id = ?', [id]),
        ).toBe(1);
      }

      for (const r of ofKind('new-order')) {
        const [order] = await rows('SELECT increment_id, store_id FROM sales_order WHERE entity_id = ?', [
          r.entityIds[0],
        ]);
        expect(order).toBeDefined();
        expect(order!['store_id']).toBe(r.storeId);
        expect(
          await count('SELECT COUNT(*) AS n FROM sales_order_item WHERE order_id = ?', [r.entityIds[0]]),
        ).toBeGreaterThan(0);
        expect(
          await count('SELECT COUNT(*) AS n FROM sales_order_address WHERE parent_id = ?', [r.entityIds[0]]),
        ).toBeGreaterThan(0);
        expect(
          await count('SELECT COUNT(*) AS n FROM sales_order_payment WHERE parent_id = ?', [r.entityIds[0]]),
        ).toBe(1);
        const sequence = `sequence_order_${String(r.storeId)}`;
        const value = Number(String(order!['increment_id']).slice(-9));
        expect(
          await count(`SELECT COUNT(*) AS n FROM \`${sequence}\` WHERE sequence_value = ?`, [value]),
        ).toBe(1);
      }
    });

    it('invoices and ships orders with their totals and quantities updated', async () => {
      for (const r of ofKind('invoice')) {
        const [o] = await rows(
          `SELECT o.state, o.grand_total, o.total_invoiced, o.total_paid,
                  (SELECT SUM(grand_total) FROM sales_invoice WHERE order_id = o.entity_id) AS invoiced,
                  (SELECT COUNT(*) FROM sales_order_item WHERE order_id = o.entity_id AND qty_invoiced <> qty_ordered) AS open_lines
             FROM sales_order o WHERE o.entity_id = ?`,
          [r.entityIds[0]],
        );
        const grand = String(o!['grand_total']);
        expect(o).toMatchObject({ total_invoiced: grand, total_paid: grand, invoiced: grand });
        expect(Number(o!['open_lines'])).toBe(0);
        expect(['processing', 'complete']).toContain(o!['state']);
      }
      for (const r of ofKind('shipment')) {
        const [o] = await rows(
          `SELECT o.state, o.status, (SELECT COUNT(*) FROM sales_shipment WHERE order_id = o.entity_id) AS shipments,
                  (SELECT COUNT(*) FROM sales_order_item WHERE order_id = o.entity_id AND is_virtual = 0
                      AND qty_shipped + qty_refunded + qty_canceled <> qty_ordered) AS to_ship
             FROM sales_order o WHERE o.entity_id = ?`,
          [r.entityIds[0]],
        );
        expect(o).toMatchObject({ state: 'complete', status: 'complete', to_ship: 0 });
        expect(Number(o!['shipments'])).toBeGreaterThan(0);
        expect(
          await count('SELECT COUNT(*) AS n FROM sales_shipment_track WHERE order_id = ?', [r.entityIds[0]]),
        ).toBeGreaterThan(0);
      }
    });

    it('moves products between categories and re-parents categories with their subtrees', async () => {
      expect(moves).toHaveLength(20);
      expect(moves.every((m) => m.kind === 'category-move')).toBe(true);
      const reparented = moves.filter((m) => m.tables.includes('catalog_category_entity'));
      const productMoves = moves.filter((m) => m.tables.includes('catalog_category_product'));
      expect(reparented.length).toBeGreaterThan(0);
      expect(productMoves.length).toBeGreaterThan(0);
      const last = reparented.at(-1)!;
      const [moved] = await rows('SELECT path FROM catalog_category_entity WHERE entity_id = ?', [
        last.entityIds[0],
      ]);
      // Its subtree (the other ids of the record) now lives below its new path.
      for (const id of last.entityIds.slice(1)) {
        const [d] = await rows('SELECT path FROM catalog_category_entity WHERE entity_id = ?', [id]);
        expect(String(d!['path']).startsWith(`${String(moved!['path'])}/`)).toBe(true);
      }
    });

    it('keeps the category tree consistent (paths, levels, children counts)', async () => {
      expect(
        await count(
          `SELECT COUNT(*) AS n FROM catalog_category_entity c JOIN catalog_category_entity p ON p.entity_id = c.parent_id
            WHERE c.path <> CONCAT(p.path, '/', c.entity_id) OR c.level <> p.level + 1`,
        ),
      ).toBe(0);
      expect(
        await count(
          `SELECT COUNT(*) AS n FROM catalog_category_entity c
            WHERE c.children_count <> (SELECT COUNT(*) FROM catalog_category_entity d WHERE d.path LIKE CONCAT(c.path, '/%'))`,
        ),
      ).toBe(0);
    });

    it('fires the database’s own change triggers where it has them', async () => {
      const after = await changelog();
      if (changelogBefore === undefined) {
        expect(after).toBeUndefined();
      } else {
        expect(after!).toBeGreaterThan(changelogBefore);
      }
      expect(log.some((l) => l.includes('failed'))).toBe(false);
    });
  });
});
