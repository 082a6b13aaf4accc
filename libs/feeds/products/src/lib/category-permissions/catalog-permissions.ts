/*
 * Adobe Commerce category permissions (Magento_CatalogPermissions) resolved the way Magento's permission indexers
 * do, so the two EE feeds carry what the storefront enforces. The rules, checked against the indexer's logic
 * (Model\Indexer\AbstractAction and Product\Action\ProductSelectDataProvider), are written out in this folder's
 * README.md.
 */

import { StoreConfig, type ConfigRow } from '@cde/platform/magento';

/** magento_catalogpermissions grant values (Magento\CatalogPermissions\Model\Permission). */
export const GRANT_ALLOW = -1;
export const GRANT_DENY = -2;
export const GRANT_PARENT = 0;

export type Decided = typeof GRANT_ALLOW | typeof GRANT_DENY;

/** A row of magento_catalogpermissions; NULL website = every website, NULL group = every customer group. */
export interface CatalogPermissionRow {
  readonly permission_id: number | string;
  readonly category_id: number | string;
  readonly website_id: number | string | null;
  readonly customer_group_id: number | string | null;
  readonly grant_catalog_category_view: number | string;
  readonly grant_catalog_product_price: number | string;
  readonly grant_checkout_items: number | string;
}

/** The three grants; in the index a null grant is undecided ("use parent" with nothing above): the config decides. */
export interface Grants<Value> {
  readonly view: Value;
  readonly price: Value;
  readonly checkout: Value;
}

export type IndexGrants = Grants<Decided | null>;
export type DecidedGrants = Grants<Decided>;

/** One configured default per grant: catalog/magento_catalogpermissions/<grant> and its `_groups` list. */
export interface GrantDefault {
  /** 0 = nobody, 1 = everybody, 2 = the listed customer groups (ConfigInterface::GRANT_*). */
  readonly mode: 0 | 1 | 2;
  readonly groups: readonly string[];
}

export const PERMISSION_CONFIG_PREFIX = 'catalog/magento_catalogpermissions/';
const CONFIG_GRANTS = {
  view: 'grant_catalog_category_view',
  price: 'grant_catalog_product_price',
  checkout: 'grant_checkout_items',
} as const;

/**
 * The configured fallback of each grant for a website: the website's value, else the default scope's, else
 * Magento's config.xml default (1: allowed to everybody). The settings are website-level in the admin.
 */
export class PermissionConfig {
  private readonly config: StoreConfig;

  constructor(rows: readonly ConfigRow[]) {
    this.config = new StoreConfig(rows);
  }

  private value(path: string, websiteId: string): string | null | undefined {
    return this.config.websiteValue(`${PERMISSION_CONFIG_PREFIX}${path}`, Number(websiteId));
  }

  grantDefault(grant: keyof typeof CONFIG_GRANTS, websiteId: string): GrantDefault {
    const raw = this.value(CONFIG_GRANTS[grant], websiteId);
    const mode = raw === undefined || raw === null || raw === '' ? 1 : Number(raw);
    const groups = (this.value(`${CONFIG_GRANTS[grant]}_groups`, websiteId) ?? '')
      .split(',')
      .map((g) => g.trim())
      .filter((g) => /^\d+$/.test(g));
    return { mode: mode === 0 || mode === 2 ? mode : 1, groups };
  }

  /** The fallback grants of one customer group in one website (ProductSelectDataProvider::getConfigGrantValue). */
  defaults(websiteId: string, groupId: string): DecidedGrants {
    const decide = (grant: keyof typeof CONFIG_GRANTS): Decided => {
      const { mode, groups } = this.grantDefault(grant, websiteId);
      if (mode === 2) return groups.includes(String(groupId)) ? GRANT_ALLOW : GRANT_DENY;
      return mode === 0 ? GRANT_DENY : GRANT_ALLOW;
    };
    return { view: decide('view'), price: decide('price'), checkout: decide('checkout') };
  }
}

const decidedOrNull = (value: number | string): Decided | null => {
  const n = Number(value);
  return n === GRANT_ALLOW || n === GRANT_DENY ? n : null;
};

const grantsOf = (row: CatalogPermissionRow): IndexGrants => ({
  view: decidedOrNull(row.grant_catalog_category_view),
  price: decidedOrNull(row.grant_catalog_product_price),
  checkout: decidedOrNull(row.grant_checkout_items),
});

/** A row that decides nothing (all three "use parent") is left out by the indexer, as if it did not exist. */
const decidesSomething = (row: CatalogPermissionRow): boolean => {
  const g = grantsOf(row);
  return g.view !== null || g.price !== null || g.checkout !== null;
};

/** A grant of the row itself, or (for "use parent") the same grant of the same key one category up. */
function inherit(own: IndexGrants, parent: IndexGrants | undefined): IndexGrants {
  return {
    view: own.view ?? parent?.view ?? null,
    price: own.price ?? parent?.price ?? null,
    checkout: own.checkout ?? parent?.checkout ?? null,
  };
}

/** A denied view denies the price, a denied price denies checkout (the indexer's last step). */
export function cascadeDenies<Value extends Decided | null>(g: Grants<Value>): Grants<Value> {
  const price = (g.view === GRANT_DENY ? GRANT_DENY : g.price) as Value;
  const checkout = (price === GRANT_DENY ? GRANT_DENY : g.checkout) as Value;
  return { view: g.view, price, checkout };
}

/** The undecided grants of an index row filled with the configured fallback. */
export function withDefaults(g: IndexGrants, defaults: DecidedGrants): DecidedGrants {
  return {
    view: g.view ?? defaults.view,
    price: g.price ?? defaults.price,
    checkout: g.checkout ?? defaults.checkout,
  };
}

/**
 * The permission rows of a set of categories, resolved per category path, website and customer group as
 * Magento's category permission index (magento_catalogpermissions_index) holds them. `resolve` walks the path
 * from the tree root down, so callers pass full paths ("1/2/5/7").
 */
export class PermissionIndex {
  private readonly rowsOf = new Map<string, CatalogPermissionRow[]>();
  private readonly memo = new Map<string, KeyState>();

  constructor(rows: readonly CatalogPermissionRow[]) {
    for (const r of rows) {
      const list = this.rowsOf.get(String(r.category_id)) ?? [];
      list.push(r);
      this.rowsOf.set(String(r.category_id), list);
    }
  }

  /** The category's own rows (all of them, also those that decide nothing). */
  ownRows(categoryId: string): readonly CatalogPermissionRow[] {
    return this.rowsOf.get(categoryId) ?? [];
  }

  /**
   * The index row of the category at the end of `path` for one website and customer group, denies cascaded;
   * undefined when the index has no row (neither the category nor an ancestor has a row for them).
   */
  resolve(path: string, websiteId: string, groupId: string): IndexGrants | undefined {
    const state = this.stateAt(path.split('/'), String(websiteId), String(groupId));
    const row = state.group ?? state.all;
    return row ? cascadeDenies(row) : undefined;
  }

  /**
   * The indexer keeps two keys per website while it walks down the tree: the customer group's own rows and the
   * all-groups rows. "Use parent" reads the same key one level up. A category with a row of the group's key
   * (website-specific before all-websites) continues that key; a category with only an all-groups row for the
   * website ends the group key there (the nearer, broader row decides); the group key, when present, wins.
   */
  private stateAt(ids: readonly string[], websiteId: string, groupId: string): KeyState {
    if (ids.length === 0) return {};
    const categoryId = ids[ids.length - 1]!;
    const memoKey = `${ids.join('/')}|${websiteId}|${groupId}`;
    const known = this.memo.get(memoKey);
    if (known) return known;
    const parent = this.stateAt(ids.slice(0, -1), websiteId, groupId);
    const rows = (this.rowsOf.get(categoryId) ?? []).filter(decidesSomething);
    const pick = (group: string | null): CatalogPermissionRow | undefined => {
      const matching = rows.filter(
        (r) =>
          (group === null ? r.customer_group_id === null : String(r.customer_group_id) === group) &&
          (r.website_id === null || String(r.website_id) === websiteId),
      );
      return matching.find((r) => r.website_id !== null) ?? matching[0];
    };
    const ownGroup = pick(groupId);
    const ownAll = pick(null);
    let state: KeyState;
    if (!ownGroup && !ownAll) state = parent;
    else {
      const group = ownGroup ? inherit(grantsOf(ownGroup), parent.group) : ownAll ? undefined : parent.group;
      const all = ownAll ? inherit(grantsOf(ownAll), parent.all) : parent.all;
      state = { ...(group ? { group } : {}), ...(all ? { all } : {}) };
    }
    this.memo.set(memoKey, state);
    return state;
  }
}

interface KeyState {
  readonly group?: IndexGrants;
  readonly all?: IndexGrants;
}

/**
 * The (website, customer group) pairs a category's own rows name, NULLs expanded to every website / group. A row
 * for a website that no longer exists names nothing.
 */
export function ownPairs(
  rows: readonly CatalogPermissionRow[],
  websiteIds: readonly string[],
  groupIds: readonly string[],
): { websiteId: string; groupId: string }[] {
  const pairs = new Map<string, { websiteId: string; groupId: string }>();
  for (const r of rows) {
    const websites =
      r.website_id === null ? websiteIds : websiteIds.filter((w) => w === String(r.website_id));
    const groups =
      r.customer_group_id === null ? groupIds : groupIds.filter((g) => g === String(r.customer_group_id));
    for (const websiteId of websites)
      for (const groupId of groups) pairs.set(`${websiteId}|${groupId}`, { websiteId, groupId });
  }
  return [...pairs.values()];
}

/**
 * A product's permissions from the index rows of the categories that list it (Magento's product permission index):
 * per grant the highest of the categories' values, undecided ones taking the configured fallback, so one allowing
 * category is enough (-1 ALLOW > -2 DENY); no category row at all means the fallback. Denies cascade afterwards.
 */
export function productGrants(categoryRows: readonly IndexGrants[], defaults: DecidedGrants): DecidedGrants {
  if (categoryRows.length === 0) return cascadeDenies(defaults);
  const filled = categoryRows.map((r) => withDefaults(r, defaults));
  const max = (key: keyof DecidedGrants): Decided =>
    filled.some((g) => g[key] === GRANT_ALLOW) ? GRANT_ALLOW : GRANT_DENY;
  return cascadeDenies({ view: max('view'), price: max('price'), checkout: max('checkout') });
}
