import type { ProductOption, ProductOptionValue } from '@cde/contracts';
import type { CommerceDb } from '@cde/platform/commerce-db';
import { openScratchCatalog, type ScratchCatalog } from '@cde/testing/commerce-db';
import type { Connection } from 'mysql2/promise';
import { partsOf } from '@cde/feed-engine';
import { readStoreViews } from '@cde/platform/magento';
import {
  assembleProductOptionFields,
  PRODUCT_OPTION_SOURCES,
  ProductOptionChanges,
  readProductOptionRows,
  type ProductRef,
} from './index';

/*
 * The option fields of every product in every store view, read and assembled, against an oracle of plain SQL
 * per field written after the original's queries (store view joins with IFNULL fallbacks), on a generated
 * catalog with store-view overrides added here and on the real 2.4.8 dump.
 */

type Row = Record<string, string | number | null>;
type Expected = Map<string, unknown[]>;

const NULL_VALUE: Omit<ProductOptionValue, 'id'> = {
  label: null,
  sortOrder: null,
  isDefault: null,
  colorHex: null,
  imageUrl: null,
  customSwatchValue: null,
  qtyMutability: null,
  qty: null,
  infoUrl: null,
  sku: null,
  price: null,
  priceType: null,
};

const b64 = (text: string): string => Buffer.from(text).toString('base64');
const num = (v: string | number | null | undefined): number | null =>
  v === null || v === undefined ? null : Number(v);
const str = (v: string | number | null | undefined): string | null =>
  v === null || v === undefined ? null : String(v);
/** Drops null members and empty value lists, as the original does for top-level records. */
const compact = <T extends object>(o: T): T =>
  Object.fromEntries(
    Object.entries(o).filter(
      ([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0),
    ),
  ) as T;

function push(map: Expected, key: string, entry: unknown): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

async function rows(shop: Connection, sql: string): Promise<Row[]> {
  const [result] = await shop.query(sql);
  return result as Row[];
}

/** The default-scope base URL: both catalogs configure it there only. */
async function baseUrl(shop: Connection): Promise<string> {
  const [r] = await rows(
    shop,
    "SELECT value FROM core_config_data WHERE path = 'web/unsecure/base_url' AND scope = 'default'",
  );
  return String(r?.['value']);
}

const STATUS = `(SELECT a.attribute_id FROM eav_attribute a JOIN eav_entity_type t ON t.entity_type_id = a.entity_type_id
  WHERE t.entity_type_code = 'catalog_product' AND a.attribute_code = ?)`;
const attr = (code: string): string => STATUS.replace('?', `'${code}'`);

/** Configurable options, after ProductOptionQuery, ProductOptionValueQuery and the children status filter. */
async function oracleConfigurable(shop: Connection, media: string): Promise<Expected> {
  const values = new Map<string, ProductOptionValue[]>();
  for (const r of await rows(
    shop,
    `SELECT DISTINCT s.code AS store, psl.parent_id, psa.attribute_id, eao.option_id, eao.sort_order,
            CASE WHEN ovs.value IS NULL THEN ovd.value ELSE ovs.value END AS label,
            CASE WHEN aos.value IS NULL THEN aod.type ELSE aos.type END AS swatch_type,
            CASE WHEN aos.value IS NULL THEN aod.value ELSE aos.value END AS swatch_value
       FROM catalog_product_super_link psl
       JOIN catalog_product_super_attribute psa ON psa.product_id = psl.parent_id
       JOIN catalog_product_entity_int cpi
         ON cpi.entity_id = psl.product_id AND cpi.store_id = 0 AND cpi.attribute_id = psa.attribute_id
       JOIN eav_attribute_option eao ON eao.option_id = cpi.value AND eao.attribute_id = psa.attribute_id
       JOIN store s ON s.store_id > 0
       JOIN catalog_product_entity_int st0
         ON st0.entity_id = psl.product_id AND st0.store_id = 0 AND st0.attribute_id = ${attr('status')}
       LEFT JOIN catalog_product_entity_int sts
         ON sts.entity_id = psl.product_id AND sts.store_id = s.store_id AND sts.attribute_id = st0.attribute_id
       LEFT JOIN eav_attribute_option_value ovd ON ovd.option_id = eao.option_id AND ovd.store_id = 0
       LEFT JOIN eav_attribute_option_value ovs ON ovs.option_id = eao.option_id AND ovs.store_id = s.store_id
       LEFT JOIN eav_attribute_option_swatch aod ON aod.option_id = eao.option_id AND aod.store_id = 0
       LEFT JOIN eav_attribute_option_swatch aos ON aos.option_id = eao.option_id AND aos.store_id = s.store_id
      WHERE IF(sts.value_id, sts.value, st0.value) != 2
      ORDER BY s.code, psl.parent_id, psa.attribute_id, eao.option_id`,
  )) {
    const type = num(r['swatch_type']);
    const list = values.get(`${r['store']}/${r['parent_id']}/${r['attribute_id']}`) ?? [];
    list.push({
      ...NULL_VALUE,
      id: b64(`configurable/${r['attribute_id']}/${r['option_id']}`),
      label: str(r['label']),
      sortOrder: num(r['sort_order']),
      colorHex: type === 1 ? str(r['swatch_value']) : null,
      imageUrl: type === 2 ? `${media}attribute/swatch${r['swatch_value'] ?? ''}` : null,
      customSwatchValue: type !== null && type > 2 ? str(r['swatch_value']) : null,
    });
    values.set(`${r['store']}/${r['parent_id']}/${r['attribute_id']}`, list);
  }
  const out: Expected = new Map();
  for (const r of await rows(
    shop,
    `SELECT s.code AS store, psa.product_id, psa.attribute_id, ea.attribute_code, psa.position, cea.additional_data,
            IF(al.value IS NULL, ea.frontend_label, al.value) AS label
       FROM catalog_product_super_attribute psa
       JOIN catalog_product_entity p ON p.entity_id = psa.product_id AND p.type_id = 'configurable'
       JOIN eav_attribute ea ON ea.attribute_id = psa.attribute_id
       JOIN catalog_eav_attribute cea ON cea.attribute_id = psa.attribute_id
       JOIN store s ON s.store_id > 0
       LEFT JOIN eav_attribute_label al ON al.attribute_id = psa.attribute_id AND al.store_id = s.store_id
      ORDER BY s.code, psa.product_id, psa.position, psa.product_super_attribute_id`,
  )) {
    push(
      out,
      `${r['store']}/${r['product_id']}`,
      compact({
        id: str(r['attribute_code']),
        label: str(r['label']),
        sortOrder: num(r['position']),
        type: 'configurable',
        swatchType: str(r['additional_data']),
        values: values.get(`${r['store']}/${r['product_id']}/${r['attribute_id']}`),
      }),
    );
  }
  return out;
}

/** Custom options after CustomOptions/CustomOptionValues: the store row exists only with a store title. */
async function oracleCustomOptions(shop: Connection): Promise<{ selectable: Expected; input: Expected }> {
  const values = new Map<string, ProductOptionValue[]>();
  for (const r of await rows(
    shop,
    `SELECT s.code AS store, v.option_id, v.option_type_id, v.sku, v.sort_order,
            IFNULL(ts.title, td.title) AS title,
            IF(ts.option_type_title_id IS NULL, pd.price, IFNULL(ps.price, pd.price)) AS price,
            IF(ts.option_type_title_id IS NULL, pd.price_type, IFNULL(ps.price_type, pd.price_type)) AS price_type
       FROM catalog_product_option_type_value v
       JOIN store s ON s.store_id > 0
       JOIN catalog_product_option_type_title td ON td.option_type_id = v.option_type_id AND td.store_id = 0
       LEFT JOIN catalog_product_option_type_title ts ON ts.option_type_id = v.option_type_id AND ts.store_id = s.store_id
       LEFT JOIN catalog_product_option_type_price pd ON pd.option_type_id = v.option_type_id AND pd.store_id = 0
       LEFT JOIN catalog_product_option_type_price ps ON ps.option_type_id = v.option_type_id AND ps.store_id = s.store_id
      ORDER BY s.code, v.option_id, v.option_type_id`,
  )) {
    const key = `${r['store']}/${r['option_id']}`;
    const list = values.get(key) ?? [];
    list.push({
      ...NULL_VALUE,
      id: b64(`custom-option/${r['option_id']}/${r['option_type_id']}`),
      label: str(r['title']),
      sortOrder: num(r['sort_order']),
      isDefault: false,
      sku: str(r['sku']),
      price: num(r['price']),
      priceType: str(r['price_type']),
    });
    values.set(key, list);
  }
  const selectable: Expected = new Map();
  const input: Expected = new Map();
  for (const r of await rows(
    shop,
    `SELECT s.code AS store, o.*, IFNULL(ts.title, td.title) AS title,
            IF(ts.option_title_id IS NULL, pd.price, IFNULL(ps.price, pd.price)) AS price
       FROM catalog_product_option o
       JOIN store s ON s.store_id > 0
       JOIN catalog_product_option_title td ON td.option_id = o.option_id AND td.store_id = 0
       LEFT JOIN catalog_product_option_title ts ON ts.option_id = o.option_id AND ts.store_id = s.store_id
       LEFT JOIN catalog_product_option_price pd ON pd.option_id = o.option_id AND pd.store_id = 0
       LEFT JOIN catalog_product_option_price ps ON ps.option_id = o.option_id AND ps.store_id = s.store_id
      ORDER BY s.code, o.product_id, o.sort_order, o.option_id`,
  )) {
    const key = `${r['store']}/${r['product_id']}`;
    if (['drop_down', 'radio', 'checkbox', 'multiple'].includes(String(r['type']))) {
      push(
        selectable,
        key,
        compact({
          id: str(r['option_id']),
          label: str(r['title']),
          sortOrder: num(r['sort_order']),
          required: Number(r['is_require']) === 1,
          renderType: str(r['type']),
          type: 'custom_option',
          values: values.get(`${r['store']}/${r['option_id']}`),
        }),
      );
    } else {
      push(input, key, {
        ...compact({
          id: b64(`custom-option/${r['option_id']}`),
          label: str(r['title']),
          sortOrder: num(r['sort_order']),
          required: Number(r['is_require']) === 1,
          renderType: str(r['type']),
          price: num(r['price']),
          fileExtension: str(r['file_extension']),
          sku: str(r['sku']),
          imageSizeX: num(r['image_size_x']),
          imageSizeY: num(r['image_size_y']),
        }),
        range: { from: null, to: num(r['max_characters']) },
      });
    }
  }
  return { selectable, input };
}

/** Downloadable links (ProductDownloadableLinksQuery) and samples (ProductSamplesQuery). */
async function oracleDownloadable(
  shop: Connection,
  web: string,
): Promise<{ links: Expected; samples: Expected }> {
  const values = new Map<string, ProductOptionValue[]>();
  for (const r of await rows(
    shop,
    `SELECT s.code AS store, l.product_id, l.link_id, l.sort_order, l.number_of_downloads,
            IFNULL(l.sample_url, l.sample_file) AS sample, IFNULL(ts.title, td.title) AS title,
            IFNULL(pw.price, pd.price) AS price
       FROM downloadable_link l
       JOIN store s ON s.store_id > 0
       LEFT JOIN downloadable_link_title ts ON ts.link_id = l.link_id AND ts.store_id = s.store_id
       LEFT JOIN downloadable_link_title td ON td.link_id = l.link_id AND td.store_id = 0
       LEFT JOIN downloadable_link_price pw ON pw.link_id = l.link_id AND pw.website_id = s.website_id
       LEFT JOIN downloadable_link_price pd ON pd.link_id = l.link_id AND pd.website_id = 0
      ORDER BY s.code, l.product_id, l.sort_order, l.link_id`,
  )) {
    const key = `${r['store']}/${r['product_id']}`;
    const list = values.get(key) ?? [];
    list.push({
      ...NULL_VALUE,
      id: b64(`downloadable/${r['link_id']}`),
      label: str(r['title']),
      sortOrder: num(r['sort_order']),
      infoUrl: r['sample'] === null ? null : `${web}downloadable/download/linkSample/link_id/${r['link_id']}`,
      price: Number(r['price'] ?? 0),
      qty: Number(r['number_of_downloads'] ?? 0),
    });
    values.set(key, list);
  }
  const links: Expected = new Map();
  for (const r of await rows(
    shop,
    `SELECT s.code AS store, p.entity_id, IFNULL(vs.value, vd.value) AS title
       FROM catalog_product_entity p
       JOIN store s ON s.store_id > 0
       LEFT JOIN catalog_product_entity_varchar vd
         ON vd.entity_id = p.entity_id AND vd.store_id = 0 AND vd.attribute_id = ${attr('links_title')}
       LEFT JOIN catalog_product_entity_varchar vs
         ON vs.entity_id = p.entity_id AND vs.store_id = s.store_id AND vs.attribute_id = vd.attribute_id
      WHERE p.type_id = 'downloadable'`,
  )) {
    const key = `${r['store']}/${r['entity_id']}`;
    push(
      links,
      key,
      compact({
        id: `link:${r['entity_id']}`,
        label: str(r['title']),
        type: 'downloadable',
        values: values.get(key),
      }),
    );
  }
  const samples: Expected = new Map();
  for (const r of await rows(
    shop,
    `SELECT s.code AS store, d.product_id, d.sample_id, d.sort_order, IFNULL(ts.title, td.title) AS title
       FROM downloadable_sample d
       JOIN store s ON s.store_id > 0
       LEFT JOIN downloadable_sample_title ts ON ts.sample_id = d.sample_id AND ts.store_id = s.store_id
       LEFT JOIN downloadable_sample_title td ON td.sample_id = d.sample_id AND td.store_id = 0
      ORDER BY s.code, d.product_id, d.sort_order, d.sample_id`,
  )) {
    push(samples, `${r['store']}/${r['product_id']}`, {
      resource: {
        url: `${web}downloadable/download/sample/sample_id/${r['sample_id']}`,
        label: str(r['title']),
        roles: null,
      },
      sortOrder: String(r['sort_order']),
    });
  }
  return { links, samples };
}

/** Bundle options and selections (BundleProductOptionsQuery, BundleProductOptionValuesQuery). */
async function oracleBundle(shop: Connection): Promise<Expected> {
  const values = new Map<string, ProductOptionValue[]>();
  for (const r of await rows(
    shop,
    `SELECT s.code AS store, sel.*, child.sku, IFNULL(ns.value, nd.value) AS name,
            IFNULL(sp.selection_price_value, sel.selection_price_value) AS price
       FROM catalog_product_bundle_selection sel
       JOIN store s ON s.store_id > 0
       JOIN catalog_product_entity child ON child.entity_id = sel.product_id
       LEFT JOIN catalog_product_entity_varchar ns
         ON ns.entity_id = sel.product_id AND ns.store_id = s.store_id AND ns.attribute_id = ${attr('name')}
       LEFT JOIN catalog_product_entity_varchar nd
         ON nd.entity_id = sel.product_id AND nd.store_id = 0 AND nd.attribute_id = ${attr('name')}
       LEFT JOIN catalog_product_bundle_selection_price sp
         ON sp.selection_id = sel.selection_id AND sp.website_id = s.website_id
      ORDER BY s.code, sel.option_id, sel.selection_id`,
  )) {
    const key = `${r['store']}/${r['option_id']}`;
    const list = values.get(key) ?? [];
    list.push({
      ...NULL_VALUE,
      id: b64(`bundle/${r['option_id']}/${r['selection_id']}/${Math.trunc(Number(r['selection_qty']))}`),
      label: str(r['name']),
      sortOrder: num(r['position']),
      isDefault: Number(r['is_default']) === 1,
      qtyMutability: Number(r['selection_can_change_qty']) === 1,
      qty: num(r['selection_qty']),
      sku: str(r['sku']),
      price: Number(r['price']),
      priceType: Number(r['selection_price_type']) === 1 ? 'percent' : 'fixed',
    });
    values.set(key, list);
  }
  const out: Expected = new Map();
  for (const r of await rows(
    shop,
    `SELECT s.code AS store, o.*, IFNULL(vs.title, vd.title) AS title
       FROM catalog_product_bundle_option o
       JOIN store s ON s.store_id > 0
       LEFT JOIN catalog_product_bundle_option_value vs
         ON vs.option_id = o.option_id AND vs.parent_product_id = o.parent_id AND vs.store_id = s.store_id
       LEFT JOIN catalog_product_bundle_option_value vd
         ON vd.option_id = o.option_id AND vd.parent_product_id = o.parent_id AND vd.store_id = 0
      ORDER BY s.code, o.parent_id, o.option_id`,
  )) {
    push(
      out,
      `${r['store']}/${r['parent_id']}`,
      compact({
        id: str(r['option_id']),
        label: str(r['title']),
        sortOrder: num(r['position']),
        required: Number(r['required']) === 1,
        renderType: str(r['type']),
        type: 'bundle',
        values: values.get(`${r['store']}/${r['option_id']}`),
      }),
    );
  }
  return out;
}

/** Grouped (link type 3), related/up-sell/cross-sell links and parents, each on the store view's website. */
async function oracleLinks(
  shop: Connection,
): Promise<{ grouped: Expected; links: Expected; parents: Expected }> {
  const onWebsite = (owner: string, other: string): string =>
    `JOIN catalog_product_website ow ON ow.product_id = ${owner} AND ow.website_id = s.website_id
     JOIN catalog_product_website xw ON xw.product_id = ${other} AND xw.website_id = s.website_id`;
  const grouped: Expected = new Map();
  const groupedValues = new Map<string, ProductOptionValue[]>();
  for (const r of await rows(
    shop,
    `SELECT s.code AS store, l.product_id, l.linked_product_id, c.sku, pos.value AS position, qty.value AS qty
       FROM catalog_product_link l
       JOIN store s ON s.store_id > 0
       ${onWebsite('l.product_id', 'l.linked_product_id')}
       JOIN catalog_product_entity c ON c.entity_id = l.linked_product_id
       LEFT JOIN catalog_product_link_attribute_int pos ON pos.link_id = l.link_id AND pos.product_link_attribute_id
         IN (SELECT product_link_attribute_id FROM catalog_product_link_attribute
              WHERE link_type_id = 3 AND product_link_attribute_code = 'position')
       LEFT JOIN catalog_product_link_attribute_decimal qty ON qty.link_id = l.link_id AND qty.product_link_attribute_id
         IN (SELECT product_link_attribute_id FROM catalog_product_link_attribute
              WHERE link_type_id = 3 AND product_link_attribute_code = 'qty')
      WHERE l.link_type_id = 3
      ORDER BY s.code, l.product_id, l.link_id`,
  )) {
    const key = `${r['store']}/${r['product_id']}`;
    const list = groupedValues.get(key) ?? [];
    if (list.length === 0) {
      groupedValues.set(key, list);
      push(grouped, key, { id: String(r['product_id']), type: 'grouped', values: list });
    }
    list.push({
      ...NULL_VALUE,
      id: String(r['linked_product_id']),
      sku: str(r['sku']),
      qty: num(r['qty']),
      sortOrder: num(r['position']),
      qtyMutability: true,
    });
  }
  const links: Expected = new Map();
  for (const r of await rows(
    shop,
    `SELECT DISTINCT s.code AS store, l.product_id, c.sku, ELT(FIELD(l.link_type_id, 1, 4, 5), 'related', 'upsell', 'crosssell') AS type
       FROM catalog_product_link l
       JOIN store s ON s.store_id > 0
       ${onWebsite('l.product_id', 'l.linked_product_id')}
       JOIN catalog_product_entity c ON c.entity_id = l.linked_product_id
      WHERE l.link_type_id IN (1, 4, 5)
      ORDER BY s.code, l.product_id, CAST(CONCAT(type, '-', c.sku) AS BINARY)`,
  )) {
    push(links, `${r['store']}/${r['product_id']}`, { sku: r['sku'], type: r['type'] });
  }
  const parents: Expected = new Map();
  for (const r of await rows(
    shop,
    `SELECT DISTINCT s.code AS store, r.child_id, p.sku, IF(pt.value = 1, 'bundle_fixed', p.type_id) AS type
       FROM catalog_product_relation r
       JOIN store s ON s.store_id > 0
       ${onWebsite('r.child_id', 'r.parent_id')}
       JOIN catalog_product_entity p ON p.entity_id = r.parent_id
       LEFT JOIN catalog_product_entity_int pt
         ON pt.entity_id = r.parent_id AND pt.store_id = 0 AND pt.attribute_id = ${attr('price_type')}
      ORDER BY s.code, r.child_id, CAST(CONCAT(type, '-', p.sku) AS BINARY)`,
  )) {
    push(parents, `${r['store']}/${r['child_id']}`, { sku: r['sku'], productType: r['type'] });
  }
  return { grouped, links, parents };
}

interface Actual {
  readonly byKind: Map<string, Expected>;
  readonly items: number;
}

/** Reads and assembles every product in every store view, in batches as the feed does. */
async function assembleAll(db: CommerceDb): Promise<Actual> {
  const views = await readStoreViews(db);
  const products = (
    await db.query<{ entity_id: string; sku: string; type_id: string }>(
      'SELECT entity_id, sku, type_id FROM catalog_product_entity ORDER BY entity_id',
    )
  ).map((r): ProductRef => ({ entityId: String(r.entity_id), sku: r.sku, typeId: r.type_id }));
  const kinds = ['custom_option', 'downloadable', 'grouped', 'configurable', 'bundle'];
  const byKind = new Map<string, Expected>(
    [...kinds, 'shopperInputOptions', 'samples', 'links', 'parents'].map((k) => [k, new Map()]),
  );
  let items = 0;
  for (let i = 0; i < products.length; i += 250) {
    const batch = products.slice(i, i + 250);
    const rows = await readProductOptionRows(db, batch, views);
    for (const product of batch) {
      for (const view of views) {
        const fields = assembleProductOptionFields(rows, product, view);
        const key = `${view.storeViewCode}/${product.entityId}`;
        items++;
        const options: readonly ProductOption[] = fields.optionsV2 ?? [];
        // The original's provider order, then each kind against its oracle.
        expect(options.map((o) => kinds.indexOf(o.type ?? ''))).toEqual(
          [...options.map((o) => kinds.indexOf(o.type ?? ''))].sort((a, b) => a - b),
        );
        for (const kind of kinds) {
          const ofKind = options.filter((o) => o.type === kind);
          if (ofKind.length > 0) byKind.get(kind)!.set(key, [...ofKind]);
        }
        for (const field of ['shopperInputOptions', 'samples', 'links', 'parents'] as const) {
          const value = fields[field];
          if (value) byKind.get(field)!.set(key, [...value]);
        }
      }
    }
  }
  return { byKind, items };
}

/** Every kind of the actual output against the oracle (keys `<store view>/<product id>`). */
async function expectOracle(shop: Connection, actual: Actual): Promise<Map<string, Expected>> {
  const web = await baseUrl(shop);
  const [configurable, custom, downloadable, bundle, links] = await Promise.all([
    oracleConfigurable(shop, `${web}media/`),
    oracleCustomOptions(shop),
    oracleDownloadable(shop, web),
    oracleBundle(shop),
    oracleLinks(shop),
  ]);
  const expected = new Map<string, Expected>([
    ['custom_option', custom.selectable],
    ['shopperInputOptions', custom.input],
    ['downloadable', downloadable.links],
    ['samples', downloadable.samples],
    ['grouped', links.grouped],
    ['configurable', configurable],
    ['bundle', bundle],
    ['links', links.links],
    ['parents', links.parents],
  ]);
  for (const [kind, map] of expected) {
    // Configurable options without any used value keep no `values`; the oracle has none either.
    expect({ kind, entries: Object.fromEntries(actual.byKind.get(kind) ?? []) }).toEqual({
      kind,
      entries: Object.fromEntries(map),
    });
  }
  return expected;
}

describe('product options on a generated catalog', () => {
  let catalog: ScratchCatalog;
  let actual: Actual;

  beforeAll(async () => {
    catalog = await openScratchCatalog({ profile: 'small' }, 'product_options');
    const { shop } = catalog;
    // Store-view overrides the generator does not write, so fallbacks are exercised by real rows.
    await shop.query(`
      INSERT INTO catalog_product_option_title (option_id, store_id, title)
        SELECT option_id, 3, CONCAT(title, ' (es)') FROM catalog_product_option_title WHERE store_id = 0 AND option_id % 3 = 0;
      INSERT INTO catalog_product_option_price (option_id, store_id, price, price_type)
        SELECT option_id, 3, price + 100, price_type FROM catalog_product_option_price WHERE store_id = 0 AND option_id % 2 = 0;
      INSERT INTO catalog_product_option_type_title (option_type_id, store_id, title)
        SELECT option_type_id, 3, CONCAT(title, ' (es)') FROM catalog_product_option_type_title WHERE store_id = 0 AND option_type_id % 2 = 0;
      INSERT INTO catalog_product_option_type_price (option_type_id, store_id, price, price_type)
        SELECT option_type_id, 3, price + 50, 'percent' FROM catalog_product_option_type_price WHERE store_id = 0 AND option_type_id % 3 = 0;
      INSERT INTO catalog_product_bundle_option_value (option_id, parent_product_id, store_id, title)
        SELECT option_id, parent_product_id, 3, CONCAT(title, ' (es)') FROM catalog_product_bundle_option_value WHERE store_id = 0 AND option_id % 2 = 1;
      INSERT INTO downloadable_link_title (link_id, store_id, title)
        SELECT link_id, 3, 'Enlace' FROM downloadable_link_title WHERE store_id = 0 AND link_id % 2 = 1;
      INSERT INTO downloadable_link_price (link_id, website_id, price)
        SELECT link_id, 2, 9.99 FROM downloadable_link;
      INSERT INTO downloadable_sample_title (sample_id, store_id, title)
        SELECT sample_id, 2, 'Muster' FROM downloadable_sample;
      INSERT INTO eav_attribute_option_swatch (option_id, store_id, type, value)
        SELECT option_id, 3, 2, '/r/o/rojo.png' FROM eav_attribute_option_swatch WHERE store_id = 0 AND type = 1 LIMIT 2;
      INSERT INTO eav_attribute_option_swatch (option_id, store_id, type, value)
        SELECT option_id, 2, 3, 'custom' FROM eav_attribute_option_swatch WHERE store_id = 0 AND type = 0 LIMIT 1;
      INSERT INTO eav_attribute_label (attribute_id, store_id, value)
        SELECT attribute_id, 3, 'Color (es)' FROM eav_attribute WHERE attribute_code = 'color' AND entity_type_id = 4
        ON DUPLICATE KEY UPDATE value = 'Color (es)';
      INSERT INTO catalog_product_entity_int (attribute_id, store_id, entity_id, value)
        SELECT ${attr('status')}, 3, product_id, 2 FROM catalog_product_super_link ORDER BY link_id LIMIT 5
        ON DUPLICATE KEY UPDATE value = 2;
    `);
    actual = await assembleAll(catalog.db);
  }, 120_000);

  afterAll(async () => {
    await catalog?.drop();
  });

  it('matches the SQL oracle for every option kind, in every store view', async () => {
    const expected = await expectOracle(catalog.shop, actual);
    // The generated catalog has every kind, so the comparison is not vacuous.
    for (const [kind, map] of expected) expect({ kind, size: map.size > 0 }).toEqual({ kind, size: true });
    expect(actual.items).toBeGreaterThan(3000);
  });

  it('shows the store-view overrides and the swatch kinds', () => {
    const values = [...actual.byKind.get('configurable')!.values()].flatMap((options) =>
      (options as ProductOption[]).flatMap((o) => o.values ?? []),
    );
    expect(values.some((v) => v.colorHex?.startsWith('#'))).toBe(true);
    expect(
      values.some((v) => v.imageUrl === 'http://shop.example.test/media/attribute/swatch/r/o/rojo.png'),
    ).toBe(true);
    expect(values.some((v) => v.customSwatchValue === 'custom')).toBe(true);
    const spanish = [...actual.byKind.get('configurable')!.entries()]
      .filter(([key]) => key.startsWith('default_es/'))
      .flatMap(([, options]) => (options as ProductOption[]).map((o) => o.label));
    expect(spanish).toContain('Color (es)');
    const customLabels = [...actual.byKind.get('custom_option')!.entries()]
      .filter(([key]) => key.startsWith('default_es/'))
      .flatMap(([, options]) =>
        (options as ProductOption[]).flatMap((o) => [o.label, ...(o.values ?? []).map((v) => v.label)]),
      );
    expect(customLabels.some((l) => l?.endsWith(' (es)'))).toBe(true);
    const samples = [...actual.byKind.get('samples')!.entries()].filter(([key]) =>
      key.startsWith('store_view_2/'),
    );
    expect(samples.length).toBeGreaterThan(0);
    expect(
      samples.every(([, list]) =>
        list.every((s) => (s as { resource: { label: string } }).resource.label === 'Muster'),
      ),
    ).toBe(true);
  });

  it('maps changes of option rows to the owning products through the database', async () => {
    const changes = new ProductOptionChanges(catalog.db);
    const event = (table: string, before: Record<string, string | number>) => ({
      kind: 'change' as const,
      topic: table,
      key: {},
      source: {
        connector: 'mysql',
        name: 'commerce',
        database: catalog.database,
        table,
        snapshot: 'false' as const,
        position: { file: '', pos: 0, row: 0, serverId: 1, gtid: null },
      },
      commitTime: new Date(),
      capturedAt: new Date(),
      op: 'd' as const,
      before,
      after: null,
    });
    const affected = async (table: string, before: Record<string, string | number>) =>
      [...partsOf(await PRODUCT_OPTION_SOURCES[table]!(event(table, before), changes)).ids]
        .map(String)
        .sort();
    const sorted = (list: Row[]) => list.map((r) => String(r['id'])).sort();
    const [value] = await rows(
      catalog.shop,
      `SELECT v.option_type_id, o.product_id FROM catalog_product_option_type_value v
         JOIN catalog_product_option o ON o.option_id = v.option_id ORDER BY v.option_type_id LIMIT 1`,
    );
    expect(
      await affected('catalog_product_option_type_title', { option_type_id: value!['option_type_id']! }),
    ).toEqual([String(value!['product_id'])]);
    const [link] = await rows(
      catalog.shop,
      'SELECT link_id, product_id FROM downloadable_link ORDER BY link_id LIMIT 1',
    );
    expect(await affected('downloadable_link_price', { link_id: link!['link_id']! })).toEqual([
      String(link!['product_id']),
    ]);
    const [grouped] = await rows(
      catalog.shop,
      'SELECT link_id, product_id FROM catalog_product_link WHERE link_type_id = 3 ORDER BY link_id LIMIT 1',
    );
    expect(
      await affected('catalog_product_link_attribute_decimal', { link_id: grouped!['link_id']! }),
    ).toEqual([String(grouped!['product_id'])]);
    // A color option's swatch: the configurables whose children have that color.
    const [swatch] = await rows(
      catalog.shop,
      'SELECT option_id FROM eav_attribute_option_swatch WHERE store_id = 0 AND type = 1 ORDER BY option_id LIMIT 1',
    );
    const users = await rows(
      catalog.shop,
      `SELECT DISTINCT psl.parent_id AS id FROM catalog_product_super_link psl
         JOIN catalog_product_entity_int cpi ON cpi.entity_id = psl.product_id AND cpi.store_id = 0
        WHERE cpi.value = ${Number(swatch!['option_id'])} AND cpi.attribute_id = ${attr('color')}`,
    );
    expect(users.length).toBeGreaterThan(0);
    expect(await affected('eav_attribute_option_swatch', { option_id: swatch!['option_id']! })).toEqual(
      sorted(users),
    );
    // A bundle child's name: its bundles.
    const [selection] = await rows(
      catalog.shop,
      'SELECT product_id FROM catalog_product_bundle_selection ORDER BY selection_id LIMIT 1',
    );
    const bundles = await rows(
      catalog.shop,
      `SELECT DISTINCT parent_product_id AS id FROM catalog_product_bundle_selection WHERE product_id = ${Number(selection!['product_id'])}`,
    );
    const [name] = await rows(catalog.shop, `SELECT ${attr('name')} AS id`);
    expect(
      await affected('catalog_product_entity_varchar', {
        value_id: 1,
        attribute_id: name!['id']!,
        store_id: 0,
        entity_id: selection!['product_id']!,
      }),
    ).toEqual(sorted(bundles));
    // A configurable child's status: its configurable.
    const [child] = await rows(
      catalog.shop,
      'SELECT product_id, parent_id FROM catalog_product_super_link LIMIT 1',
    );
    const [status] = await rows(catalog.shop, `SELECT ${attr('status')} AS id`);
    expect(
      await affected('catalog_product_entity_int', {
        value_id: 1,
        attribute_id: status!['id']!,
        store_id: 1,
        entity_id: child!['product_id']!,
      }),
    ).toEqual([String(child!['parent_id'])]);
    // A parent's website: its children (parents[]) and the products linking to it.
    const [parent] = await rows(
      catalog.shop,
      "SELECT entity_id FROM catalog_product_entity WHERE type_id = 'grouped' LIMIT 1",
    );
    const referencing = await rows(
      catalog.shop,
      `SELECT child_id AS id FROM catalog_product_relation WHERE parent_id = ${Number(parent!['entity_id'])}
       UNION SELECT product_id FROM catalog_product_link WHERE linked_product_id = ${Number(parent!['entity_id'])}`,
    );
    expect(
      await affected('catalog_product_website', { product_id: parent!['entity_id']!, website_id: 1 }),
    ).toEqual(sorted(referencing));
  });
});

describe('product options on the 2.4.8 dump', () => {
  let catalog: ScratchCatalog;
  let actual: Actual;

  beforeAll(async () => {
    catalog = await openScratchCatalog({ dump: '2.4.8' }, 'product_options_248');
    actual = await assembleAll(catalog.db);
  }, 120_000);

  afterAll(async () => {
    await catalog?.drop();
  });

  it('matches the SQL oracle', async () => {
    await expectOracle(catalog.shop, actual);
  });

  it('sends the configurable’s color option with its three children’s values, and the children’s parent', () => {
    expect(actual.byKind.get('configurable')!.get('default/1')).toEqual([
      {
        id: 'color',
        label: 'Color',
        sortOrder: 0,
        type: 'configurable',
        values: [
          { ...NULL_VALUE, id: b64('configurable/93/4'), label: 'azul', sortOrder: 1 },
          { ...NULL_VALUE, id: b64('configurable/93/5'), label: 'preto', sortOrder: 2 },
          { ...NULL_VALUE, id: b64('configurable/93/6'), label: 'branco', sortOrder: 3 },
        ],
      },
    ]);
    for (const child of ['21', '22', '23']) {
      expect(actual.byKind.get('parents')!.get(`default/${child}`)).toEqual([
        { sku: 'Camiseta Básica Algodão', productType: 'configurable' },
      ]);
    }
    expect(actual.byKind.get('parents')!.size).toBe(3);
  });
});
