import type { RowDataPacket } from 'mysql2/promise';
import type {
  GeneratedScopes,
  GeneratedStock,
  GeneratedStore,
  GenerationContext,
} from './generation-context';

const LOCALES = ['en_US', 'fr_FR', 'de_DE', 'es_ES', 'it_IT', 'nl_NL', 'pt_BR', 'sv_SE'];
const EXTRA_GROUPS = ['VIP', 'B2B Gold', 'Employees', 'Partners', 'Students', 'Resellers'];
const SEQUENCE_TYPES = ['order', 'invoice', 'creditmemo', 'shipment'] as const;

/**
 * Websites, store groups and store views on top of Magento's defaults (website 1 `base`, group 1, view 1
 * `default`): one group per website, and the views beyond one per group go to the base website as extra
 * locales. Each new view gets its sales sequences, as Magento creates them. Adds customer groups, MSI sources,
 * stocks and their sales channels.
 */
export async function generateScopes(ctx: GenerationContext): Promise<GeneratedScopes> {
  const { profile, connection } = ctx;
  if (profile.storeGroups < profile.websites || profile.storeViews < profile.storeGroups) {
    throw new Error(`profile ${profile.name}: need store views ≥ store groups ≥ websites`);
  }
  const websites: { id: number; code: string; groupIds: number[]; storeIds: number[] }[] = [
    { id: 1, code: 'base', groupIds: [1], storeIds: [1] },
  ];
  const stores: GeneratedStore[] = [{ id: 1, code: 'default', websiteId: 1, groupId: 1, locale: 'en_US' }];

  for (let w = 2; w <= profile.websites; w++) {
    const code = `website_${w}`;
    await connection.query(
      'INSERT INTO store_website (website_id, code, name, sort_order, default_group_id, is_default) VALUES (?, ?, ?, ?, ?, 0)',
      [w, code, `Website ${w}`, w, w],
    );
    await connection.query(
      'INSERT INTO store_group (group_id, website_id, name, root_category_id, default_store_id, code) VALUES (?, ?, ?, 2, ?, ?)',
      [w, w, `Store Group ${w}`, w, `store_group_${w}`],
    );
    websites.push({ id: w, code, groupIds: [w], storeIds: [] });
  }
  for (let g = profile.websites + 1; g <= profile.storeGroups; g++) {
    const website = websites[(g - 1) % websites.length]!;
    await connection.query(
      'INSERT INTO store_group (group_id, website_id, name, root_category_id, default_store_id, code) VALUES (?, ?, ?, 2, ?, ?)',
      [g, website.id, `Store Group ${g}`, g, `store_group_${g}`],
    );
    website.groupIds.push(g);
  }
  // One view per group first (view id = group id), then extra locale views on the base website.
  for (let s = 2; s <= profile.storeViews; s++) {
    const groupId = s <= profile.storeGroups ? s : 1;
    const website = websites.find((w) => w.groupIds.includes(groupId))!;
    const code =
      s <= profile.storeGroups ? `store_view_${s}` : `default_${LOCALES[s % LOCALES.length]!.slice(0, 2)}`;
    await connection.query(
      'INSERT INTO store (store_id, code, website_id, group_id, name, sort_order, is_active) VALUES (?, ?, ?, ?, ?, ?, 1)',
      [s, code, website.id, groupId, `Store View ${s}`, s],
    );
    website.storeIds.push(s);
    stores.push({ id: s, code, websiteId: website.id, groupId, locale: LOCALES[(s - 1) % LOCALES.length]! });
    await createSalesSequences(ctx, s);
  }

  const customerGroupIds = [0, 1, 2, 3];
  for (let i = 0; i < profile.extraCustomerGroups; i++) {
    const id = 4 + i;
    await connection.query(
      'INSERT INTO customer_group (customer_group_id, customer_group_code, tax_class_id) VALUES (?, ?, 3)',
      [id, EXTRA_GROUPS[i % EXTRA_GROUPS.length]! + (i >= EXTRA_GROUPS.length ? ` ${i}` : '')],
    );
    customerGroupIds.push(id);
  }

  const { sourceCodes, stocks } = await generateInventoryStructure(ctx, websites);
  return { websites, stores, customerGroupIds, sourceCodes, stocks };
}

/** `sequence_<type>_<store>` tables and their registration, with the store id as increment prefix. */
async function createSalesSequences(ctx: GenerationContext, storeId: number): Promise<void> {
  for (const type of SEQUENCE_TYPES) {
    const table = `sequence_${type}_${storeId}`;
    await ctx.connection.query(
      `CREATE TABLE IF NOT EXISTS \`${table}\` (\`sequence_value\` int(10) unsigned NOT NULL AUTO_INCREMENT,
         PRIMARY KEY (\`sequence_value\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci`,
    );
    const [meta] = await ctx.connection.query<RowDataPacket[]>(
      'INSERT INTO sales_sequence_meta (entity_type, store_id, sequence_table) VALUES (?, ?, ?) RETURNING meta_id',
      [type, storeId, table],
    );
    await ctx.connection.query(
      `INSERT INTO sales_sequence_profile (meta_id, prefix, suffix, start_value, step, max_value, warning_value, is_active)
       VALUES (?, ?, NULL, 1, 1, 4294967295, 4294966295, 1)`,
      [meta[0]!['meta_id'], String(storeId)],
    );
  }
}

/** MSI: the default source plus `source_<n>`; the default stock serves the base website, stock 2 the others. */
async function generateInventoryStructure(
  ctx: GenerationContext,
  websites: readonly { id: number; code: string }[],
): Promise<{ sourceCodes: string[]; stocks: GeneratedStock[] }> {
  const { connection, profile } = ctx;
  const sourceCodes = ['default'];
  for (let i = 2; i <= profile.sources; i++) {
    const code = `source_${i}`;
    await connection.query(
      `INSERT INTO inventory_source (source_code, name, enabled, description, latitude, longitude, country_id, postcode)
       VALUES (?, ?, 1, ?, 0, 0, 'US', ?)`,
      [code, `Warehouse ${i}`, `Warehouse ${i}`, `1000${i}`],
    );
    sourceCodes.push(code);
  }
  const stocks: GeneratedStock[] = [{ id: 1, websiteCodes: ['base'], sourceCodes: ['default'] }];
  if (profile.stocks >= 2 && websites.length > 1) {
    const others = websites.filter((w) => w.code !== 'base').map((w) => w.code);
    const stockSources = sourceCodes.length > 1 ? sourceCodes.slice(1) : ['default'];
    await connection.query('INSERT INTO inventory_stock (stock_id, name) VALUES (2, ?)', ['Regional Stock']);
    for (const code of others) {
      await connection.query(
        'INSERT INTO inventory_stock_sales_channel (type, code, stock_id) VALUES (?, ?, 2)',
        ['website', code],
      );
    }
    for (const [priority, code] of stockSources.entries()) {
      await connection.query(
        'INSERT INTO inventory_source_stock_link (stock_id, source_code, priority) VALUES (2, ?, ?)',
        [code, priority + 1],
      );
    }
    // The index of a stock other than 1 is a real table, as MSI's IndexStructure creates it.
    await connection.query(
      `CREATE TABLE IF NOT EXISTS inventory_stock_2 (sku varchar(64) NOT NULL, quantity decimal(12,4) NOT NULL DEFAULT 0.0000,
         is_salable tinyint(1) NOT NULL, PRIMARY KEY (sku), KEY index_sku_qty (sku, quantity))
         ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci`,
    );
    stocks.push({ id: 2, websiteCodes: others, sourceCodes: stockSources });
  } else {
    for (const w of websites.filter((x) => x.code !== 'base')) {
      await connection.query(
        'INSERT INTO inventory_stock_sales_channel (type, code, stock_id) VALUES (?, ?, 1)',
        ['website', w.code],
      );
      stocks[0] = { ...stocks[0]!, websiteCodes: [...stocks[0]!.websiteCodes, w.code] };
    }
  }
  ctx.log(`scopes: ${websites.length} websites, ${sourceCodes.length} sources, ${stocks.length} stocks`);
  return { sourceCodes, stocks };
}
