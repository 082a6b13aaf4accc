import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { CategoryRef, ProductRef, WorkloadDb } from './workload-db';
import { skip, type ChangeOutcome, type ChangeSkip } from './workload-types';

// Timestamps are written with UTC_TIMESTAMP(): Magento keeps them in UTC whatever the session time zone.

/** Product types with a price and a quantity of their own. */
const STOCKED_TYPES = new Set(['simple', 'virtual', 'downloadable']);

function pickProduct(db: WorkloadDb, types?: ReadonlySet<string>): ProductRef | undefined {
  const candidates = types ? db.products.filter((p) => types.has(p.typeId)) : db.products;
  return candidates.length > 0 ? db.random.pick(candidates) : undefined;
}

function forgetProduct(db: WorkloadDb, entityId: number): void {
  db.products = db.products.filter((p) => p.entityId !== entityId);
  db.orderable = db.orderable.filter((p) => p.entityId !== entityId && p.parent?.entityId !== entityId);
  const k = db.created.findIndex((p) => p.entityId === entityId);
  if (k >= 0) db.created.splice(k, 1);
}

/** Admin changes a base price (store 0) by up to ±20%; the product's updated_at moves as on a product save. */
export async function changePrice(db: WorkloadDb): Promise<ChangeOutcome | ChangeSkip> {
  const price = db.productAttribute('price');
  if (!price) return skip('no price attribute');
  const product = pickProduct(db, STOCKED_TYPES);
  if (!product) return skip('no simple, virtual or downloadable product');
  const rows = await db.query<RowDataPacket[]>(
    'SELECT value FROM catalog_product_entity_decimal WHERE entity_id = ? AND attribute_id = ? AND store_id = 0 FOR UPDATE',
    [product.entityId, price.id],
  );
  const old = rows[0] && rows[0]['value'] !== null ? Number(rows[0]['value']) : db.random.money(5, 200);
  const factor = 1 + (db.random.chance(0.5) ? 1 : -1) * (db.random.int(1, 20) / 100);
  let value = Math.max(0.99, Math.round(old * factor * 100) / 100);
  if (value === old) value = Math.round((old + 1) * 100) / 100;
  await db.query(
    `INSERT INTO catalog_product_entity_decimal (attribute_id, store_id, entity_id, value) VALUES (?, 0, ?, ?)
     ON DUPLICATE KEY UPDATE value = VALUES(value)`,
    [price.id, product.entityId, value],
  );
  await db.query('UPDATE catalog_product_entity SET updated_at = UTC_TIMESTAMP() WHERE entity_id = ?', [
    product.entityId,
  ]);
  db.orderable = db.orderable.map((p) => (p.entityId === product.entityId ? { ...p, price: value } : p));
  return {
    entityIds: [product.entityId],
    tables: ['catalog_product_entity_decimal', 'catalog_product_entity'],
  };
}

/**
 * A stock update: the legacy stock item (and its stock status index row, as the on-save indexer writes it) and,
 * with MSI, a source item of the SKU (the default source mirrors the legacy item).
 */
export async function changeStock(db: WorkloadDb): Promise<ChangeOutcome | ChangeSkip> {
  if (!db.has('cataloginventory_stock_item')) return skip('no cataloginventory_stock_item table');
  const product = pickProduct(db, STOCKED_TYPES);
  if (!product) return skip('no simple, virtual or downloadable product');
  const qty = db.random.chance(0.15) ? 0 : db.random.int(1, 500);
  const inStock = qty > 0 ? 1 : 0;
  const tables: string[] = [];
  const entityIds: (number | string)[] = [product.entityId];
  let source = db.defaultSourceCode;
  if (db.hasMsi) {
    const sources = await db.query<RowDataPacket[]>(
      'SELECT source_code FROM inventory_source_item WHERE sku = ? ORDER BY source_code LIMIT 10',
      [product.sku],
    );
    if (sources.length > 1 && db.random.chance(0.3)) source = String(db.random.pick(sources)['source_code']);
  }
  if (source === db.defaultSourceCode) {
    await db.query(
      `INSERT INTO cataloginventory_stock_item (product_id, stock_id, qty, is_in_stock, website_id) VALUES (?, 1, ?, ?, 0)
       ON DUPLICATE KEY UPDATE qty = VALUES(qty), is_in_stock = VALUES(is_in_stock)`,
      [product.entityId, qty, inStock],
    );
    tables.push('cataloginventory_stock_item');
    if (db.has('cataloginventory_stock_status')) {
      const r = await db.query<ResultSetHeader>(
        'UPDATE cataloginventory_stock_status SET qty = ?, stock_status = ? WHERE product_id = ? AND stock_id = 1',
        [qty, inStock, product.entityId],
      );
      if (r.affectedRows > 0) tables.push('cataloginventory_stock_status');
    }
  }
  if (source !== null) {
    await db.query(
      `INSERT INTO inventory_source_item (source_code, sku, quantity, status) VALUES (?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE quantity = VALUES(quantity), status = VALUES(status)`,
      [source, product.sku, qty, inStock],
    );
    tables.push('inventory_source_item');
    entityIds.push(product.sku);
  }
  return { entityIds, tables };
}

/** A translator renames a product in one store view (inserts or updates the store_id > 0 name row). */
export async function changeStoreViewName(db: WorkloadDb, seq: number): Promise<ChangeOutcome | ChangeSkip> {
  const name = db.productAttribute('name');
  if (!name) return skip('no name attribute');
  if (db.stores.length === 0) return skip('no store view');
  const product = pickProduct(db);
  if (!product) return skip('no product');
  const store = db.random.pick(db.stores);
  const rows = await db.query<RowDataPacket[]>(
    'SELECT value FROM catalog_product_entity_varchar WHERE entity_id = ? AND attribute_id = ? AND store_id = 0',
    [product.entityId, name.id],
  );
  const base = rows[0] && rows[0]['value'] !== null ? String(rows[0]['value']) : product.sku;
  const suffix = ` (${store.code} #${seq})`;
  await db.query(
    `INSERT INTO catalog_product_entity_varchar (attribute_id, store_id, entity_id, value) VALUES (?, ?, ?, ?)
     ON DUPLICATE KEY UPDATE value = VALUES(value)`,
    [name.id, store.id, product.entityId, base.slice(0, 255 - suffix.length) + suffix],
  );
  return { entityIds: [product.entityId], tables: ['catalog_product_entity_varchar'], storeId: store.id };
}

/** Moves a product to another category, or (less often) re-parents a category with its subtree. */
export async function moveCategory(db: WorkloadDb): Promise<ChangeOutcome | ChangeSkip> {
  if (db.random.chance(0.3)) {
    const moved = await reparentCategory(db);
    if (moved) return moved;
  }
  return moveProductBetweenCategories(db);
}

async function moveProductBetweenCategories(db: WorkloadDb): Promise<ChangeOutcome | ChangeSkip> {
  const targets = db.categories.filter((c) => c.level >= 2);
  if (targets.length === 0) return skip('no category below a root category');
  const product = pickProduct(db);
  if (!product) return skip('no product');
  const current = await db.query<RowDataPacket[]>(
    'SELECT category_id FROM catalog_category_product WHERE product_id = ? ORDER BY category_id LIMIT 50 FOR UPDATE',
    [product.entityId],
  );
  const inCategories = new Set(current.map((r) => Number(r['category_id'])));
  const free = targets.filter((c) => !inCategories.has(c.id));
  if (free.length === 0) return skip('the product is already in every category');
  const to = db.random.pick(free);
  if (current.length > 0) {
    const from = Number(db.random.pick(current)['category_id']);
    await db.query('DELETE FROM catalog_category_product WHERE category_id = ? AND product_id = ?', [
      from,
      product.entityId,
    ]);
  }
  await db.query(
    'INSERT INTO catalog_category_product (category_id, product_id, position) VALUES (?, ?, 0)',
    [to.id, product.entityId],
  );
  return { entityIds: [product.entityId], tables: ['catalog_category_product'] };
}

/**
 * Magento's category move (Category\Tree::move → ResourceModel\Category::changeParent): new parent_id, path,
 * level and position, descendants' paths and levels rewritten, children_count of old and new ancestors adjusted.
 * URL rewrites are not regenerated. Returns undefined when no category can move.
 */
async function reparentCategory(db: WorkloadDb): Promise<ChangeOutcome | undefined> {
  const movable = db.categories.filter((c) => c.level >= 2);
  if (movable.length === 0) return undefined;
  const category = db.random.pick(movable);
  const root = category.path.split('/').slice(0, 2).join('/');
  const parents = db.categories.filter(
    (p) =>
      p.id !== category.id &&
      p.id !== category.parentId &&
      (p.path === root || p.path.startsWith(`${root}/`)) &&
      !p.path.startsWith(`${category.path}/`),
  );
  if (parents.length === 0) return undefined;
  const parent = db.random.pick(parents);
  // Re-read both rows under lock: the in-memory paths may be stale.
  const locked = await db.query<RowDataPacket[]>(
    'SELECT entity_id, path, level, parent_id FROM catalog_category_entity WHERE entity_id IN (?, ?) FOR UPDATE',
    [category.id, parent.id],
  );
  const c = locked.find((r) => Number(r['entity_id']) === category.id);
  const p = locked.find((r) => Number(r['entity_id']) === parent.id);
  if (!c || !p) return undefined;
  const oldPath = String(c['path']);
  const parentPath = String(p['path']);
  if (
    parentPath === oldPath ||
    parentPath.startsWith(`${oldPath}/`) ||
    Number(c['parent_id']) === parent.id
  ) {
    return undefined;
  }
  const newPath = `${parentPath}/${category.id}`;
  const newLevel = Number(p['level']) + 1;
  const delta = newLevel - Number(c['level']);
  const descendants = await db.query<RowDataPacket[]>(
    'SELECT entity_id FROM catalog_category_entity WHERE path LIKE ? ORDER BY entity_id LIMIT 10000',
    [`${oldPath}/%`],
  );
  const moved = descendants.length + 1;
  const oldAncestors = oldPath.split('/').slice(0, -1).map(Number);
  const newAncestors = parentPath.split('/').map(Number);
  const position = await db.query<RowDataPacket[]>(
    'SELECT COALESCE(MAX(position), 0) + 1 AS p FROM catalog_category_entity WHERE parent_id = ?',
    [parent.id],
  );
  await db.query(
    'UPDATE catalog_category_entity SET children_count = children_count - ? WHERE entity_id IN (?)',
    [moved, oldAncestors],
  );
  await db.query(
    'UPDATE catalog_category_entity SET children_count = children_count + ? WHERE entity_id IN (?)',
    [moved, newAncestors],
  );
  await db.query(
    'UPDATE catalog_category_entity SET parent_id = ?, path = ?, level = ?, position = ? WHERE entity_id = ?',
    [parent.id, newPath, newLevel, Number(position[0]?.['p'] ?? 1), category.id],
  );
  if (descendants.length > 0) {
    await db.query(
      'UPDATE catalog_category_entity SET path = CONCAT(?, SUBSTRING(path, ?)), level = level + ? WHERE path LIKE ?',
      [newPath, oldPath.length + 1, delta, `${oldPath}/%`],
    );
  }
  db.categories = db.categories.map((x): CategoryRef => {
    if (x.id === category.id) return { id: x.id, parentId: parent.id, path: newPath, level: newLevel };
    if (x.path.startsWith(`${oldPath}/`)) {
      return { ...x, path: newPath + x.path.slice(oldPath.length), level: x.level + delta };
    }
    return x;
  });
  return {
    entityIds: [category.id, ...descendants.map((r) => Number(r['entity_id']))],
    tables: ['catalog_category_entity'],
  };
}

/** Values a new simple product gets, by attribute code (as the admin product form saves them). */
function newProductValues(name: string, urlKey: string, price: number): [string, string | number][] {
  return [
    ['name', name],
    ['url_key', urlKey],
    ['meta_title', name],
    ['options_container', 'container2'],
    ['msrp_display_actual_price_type', '0'],
    ['gift_message_available', '2'],
    ['status', 1],
    ['visibility', 4],
    ['tax_class_id', 2],
    ['price', price],
    ['weight', 1],
  ];
}

/**
 * A new simple product: entity, EAV values by attribute code, website(s), a category, legacy stock item and
 * status, the default source item with MSI, and its URL rewrite per store view.
 */
export async function createProduct(
  db: WorkloadDb,
  seq: number,
  runToken: string,
): Promise<ChangeOutcome | ChangeSkip> {
  const websites = [...new Set(db.stores.map((s) => s.websiteId))];
  if (websites.length === 0) return skip('no website with a store view');
  const { defaultSetId } = db.attributes.entityType('catalog_product');
  const sku = `wl-${runToken}-${seq}`;
  const name = `Workload Product ${runToken} ${seq}`;
  const urlKey = `workload-product-${runToken}-${seq}`;
  const price = db.random.money(5, 300);
  const qty = db.random.int(1, 500);
  const insert = await db.query<ResultSetHeader>(
    `INSERT INTO catalog_product_entity (attribute_set_id, type_id, sku, has_options, required_options, created_at, updated_at)
     VALUES (?, 'simple', ?, 0, 0, UTC_TIMESTAMP(), UTC_TIMESTAMP())`,
    [defaultSetId, sku],
  );
  const id = insert.insertId;
  const tables = new Set(['catalog_product_entity']);
  for (const [code, value] of newProductValues(name, urlKey, price)) {
    const attribute = db.productAttribute(code);
    if (!attribute || attribute.backendType === 'static') continue;
    const table = `catalog_product_entity_${attribute.backendType}`;
    await db.query(
      `INSERT INTO \`${table}\` (attribute_id, store_id, entity_id, value) VALUES (?, 0, ?, ?)`,
      [attribute.id, id, value],
    );
    tables.add(table);
  }
  const inWebsites = db.random.chance(0.7) ? websites : [db.random.pick(websites)];
  for (const w of inWebsites) {
    await db.query('INSERT INTO catalog_product_website (product_id, website_id) VALUES (?, ?)', [id, w]);
  }
  tables.add('catalog_product_website');
  const categories = db.categories.filter((c) => c.level >= 2);
  if (categories.length > 0) {
    await db.query(
      'INSERT INTO catalog_category_product (category_id, product_id, position) VALUES (?, ?, 0)',
      [db.random.pick(categories).id, id],
    );
    tables.add('catalog_category_product');
  }
  if (db.has('cataloginventory_stock_item')) {
    await db.query(
      'INSERT INTO cataloginventory_stock_item (product_id, stock_id, qty, is_in_stock, website_id) VALUES (?, 1, ?, 1, 0)',
      [id, qty],
    );
    tables.add('cataloginventory_stock_item');
  }
  if (db.has('cataloginventory_stock_status')) {
    await db.query(
      'INSERT INTO cataloginventory_stock_status (product_id, website_id, stock_id, qty, stock_status) VALUES (?, 0, 1, ?, 1)',
      [id, qty],
    );
    tables.add('cataloginventory_stock_status');
  }
  if (db.hasMsi) {
    await db.query(
      'INSERT INTO inventory_source_item (source_code, sku, quantity, status) VALUES (?, ?, ?, 1)',
      [db.defaultSourceCode, sku, qty],
    );
    tables.add('inventory_source_item');
  }
  if (db.has('url_rewrite')) {
    for (const store of db.stores.filter((s) => inWebsites.includes(s.websiteId))) {
      await db.query(
        `INSERT INTO url_rewrite (entity_type, entity_id, request_path, target_path, redirect_type, store_id, is_autogenerated)
         VALUES ('product', ?, ?, ?, 0, ?, 1)`,
        [id, `${urlKey}.html`, `catalog/product/view/id/${id}`, store.id],
      );
    }
    tables.add('url_rewrite');
  }
  const ref = { entityId: id, sku, typeId: 'simple' };
  db.products.push(ref);
  db.created.push(ref);
  db.orderable.push({ entityId: id, sku, name, typeId: 'simple', price, weight: 1, websiteIds: inWebsites });
  return { entityIds: [id], tables: [...tables] };
}

/**
 * Deletes a product as the admin does: its URL rewrites and (MSI) source items go first, then the entity row,
 * whose foreign keys cascade to EAV values, websites, categories, stock items and links. Products this run
 * created go first, so long runs do not erode the catalog.
 */
export async function deleteProduct(db: WorkloadDb): Promise<ChangeOutcome | ChangeSkip> {
  const product =
    db.created.length > 0 && db.random.chance(0.5)
      ? db.random.pick(db.created)
      : pickProduct(db, STOCKED_TYPES);
  if (!product) return skip('no simple, virtual or downloadable product');
  const tables = ['catalog_product_entity'];
  if (db.has('url_rewrite')) {
    await db.query("DELETE FROM url_rewrite WHERE entity_type = 'product' AND entity_id = ?", [
      product.entityId,
    ]);
    tables.push('url_rewrite');
  }
  if (db.hasMsi) {
    await db.query('DELETE FROM inventory_source_item WHERE sku = ?', [product.sku]);
    tables.push('inventory_source_item');
  }
  const r = await db.query<ResultSetHeader>('DELETE FROM catalog_product_entity WHERE entity_id = ?', [
    product.entityId,
  ]);
  forgetProduct(db, product.entityId);
  if (r.affectedRows === 0) return skip(`product ${product.entityId} was already gone`);
  return { entityIds: db.hasMsi ? [product.entityId, product.sku] : [product.entityId], tables };
}

/** Removes a product from one of its websites (and that website's store-view URL rewrites). */
export async function unassignWebsite(db: WorkloadDb): Promise<ChangeOutcome | ChangeSkip> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const product = pickProduct(db);
    if (!product) return skip('no product');
    const rows = await db.query<RowDataPacket[]>(
      'SELECT website_id FROM catalog_product_website WHERE product_id = ? ORDER BY website_id FOR UPDATE',
      [product.entityId],
    );
    if (rows.length === 0) continue;
    const websiteId = Number(db.random.pick(rows)['website_id']);
    await db.query('DELETE FROM catalog_product_website WHERE product_id = ? AND website_id = ?', [
      product.entityId,
      websiteId,
    ]);
    const tables = ['catalog_product_website'];
    const storeIds = db.stores.filter((s) => s.websiteId === websiteId).map((s) => s.id);
    if (db.has('url_rewrite') && storeIds.length > 0) {
      await db.query(
        "DELETE FROM url_rewrite WHERE entity_type = 'product' AND entity_id = ? AND store_id IN (?)",
        [product.entityId, storeIds],
      );
      tables.push('url_rewrite');
    }
    db.orderable = db.orderable.map((p) =>
      p.entityId === product.entityId || p.parent?.entityId === product.entityId
        ? { ...p, websiteIds: p.websiteIds.filter((w) => w !== websiteId) }
        : p,
    );
    return { entityIds: [product.entityId], tables };
  }
  return skip('no sampled product is assigned to a website');
}
