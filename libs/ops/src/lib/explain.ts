import { FEEDS, type FeedName } from '@cde/contracts';
import { feedIdOf } from '@cde/feed-engine';
import { usageError } from './exit-codes';
import type { DeliveryRecord } from './failed-items';

/** The item `--id` names: its identity fields and its feedId. */
export interface ItemIdentity {
  readonly fields: Readonly<Record<string, string>>;
  readonly feedId: string;
}

/**
 * `--id` for a feed: `field=value,field=value` (the identity fields, e.g. `sku=MH01,storeViewCode=default`), the
 * values alone in identity order joined by `,` (`MH01,default`), or a feedId (40 hex digits).
 */
export function parseItemId(feed: FeedName, value: string | undefined): ItemIdentity | { feedId: string } {
  const identity = FEEDS[feed].identity;
  const example = identity.map((f) => `${f}=…`).join(',');
  if (value === undefined || value.trim() === '')
    throw usageError(`--id is required (${example}, or a feedId)`);
  const v = value.trim();
  if (/^[0-9a-f]{40}$/.test(v)) return { feedId: v };
  const parts = v.split(',').map((p) => p.trim());
  const named = parts.every((p) => p.includes('='));
  const fields: Record<string, string> = {};
  if (named) {
    for (const p of parts) {
      const [k = '', ...rest] = p.split('=');
      if (!identity.includes(k))
        throw usageError(`--id: ${feed} items are identified by ${identity.join(', ')}; "${k}" is not one`);
      fields[k] = rest.join('=');
    }
  } else if (parts.length === identity.length) {
    identity.forEach((f, i) => (fields[f] = parts[i] ?? ''));
  }
  const missing = identity.filter((f) => !fields[f]);
  if (missing.length > 0)
    throw usageError(
      `--id "${v}" does not name ${missing.join(', ')} of a ${feed} item (${example}, or a feedId)`,
    );
  return { fields, feedId: feedIdOf(feed, identity, fields) };
}

/** One difference between two versions of an item, by dotted path. */
export interface ItemDifference {
  readonly path: string;
  readonly left: unknown;
  readonly right: unknown;
}

const IGNORED = new Set(['modifiedAt', 'updatedAt']);

/** Field-by-field differences of two items (timestamps ignored: they change on every assembly). */
export function diffItems(left: unknown, right: unknown, path = ''): ItemDifference[] {
  if (JSON.stringify(left) === JSON.stringify(right)) return [];
  const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
  if (isObject(left) && isObject(right) && Array.isArray(left) === Array.isArray(right)) {
    const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
    return keys
      .filter((k) => !(path === '' && IGNORED.has(k)))
      .flatMap((k) => diffItems(left[k], right[k], path === '' ? k : `${path}.${k}`));
  }
  return [{ path: path || '(item)', left, right }];
}

/** A version of the item as published on `cde.feed.<feed>`. */
export interface PublishedVersion {
  readonly offset: string;
  readonly producedAt: string;
  readonly feedHash: string;
  readonly attempt: number;
  readonly deleted: boolean;
  readonly traceId: string;
  readonly sourceCommitTime?: string;
  readonly item: Readonly<Record<string, unknown>>;
}

/** A failed delivery on `cde.feed.<feed>.dlt`. */
export interface FailedDelivery {
  readonly failedAt: string;
  readonly attempts: number;
  readonly statusCode: number;
  readonly code: string;
  readonly reason: string;
  readonly feedHash: string;
}

/** The feed state's row of the item. */
export interface StoredState extends DeliveryRecord {
  readonly feedHash: string;
  readonly sentHash: string | null;
  readonly ackedAt: string | null;
  readonly isDeleted: boolean;
}

/** A change event of a Commerce table that touched the item's entity. */
export interface SourceChange {
  readonly table: string;
  readonly op: string;
  readonly at: string | null;
  readonly offset: string;
}

export interface Explanation {
  readonly feed: FeedName;
  readonly feedId: string;
  readonly identity: Readonly<Record<string, string>> | null;
  readonly state: StoredState | null;
  readonly changes: readonly SourceChange[];
  readonly published: readonly PublishedVersion[];
  readonly deliveries: readonly FailedDelivery[];
  readonly receiver: Readonly<Record<string, unknown>> | null;
  /** Receiver's copy against the latest version assembled from the database. */
  readonly differences: readonly ItemDifference[];
  /** One sentence: why the item is what it is. */
  readonly verdict: string;
}

const STATUS_WORDS: Readonly<Record<number, string>> = {
  0: 'published, waiting for the receiver',
  1: 'listed as failed by the receiver',
  2: 'failed, will retry',
  200: 'accepted by the receiver',
  400: 'rejected by the receiver (data payload error)',
};

export function statusWords(status: number): string {
  return STATUS_WORDS[status] ?? `status ${status}`;
}

/** The one-line answer to "why is this item what it is?". */
export function verdictOf(e: Omit<Explanation, 'verdict'>): string {
  const s = e.state;
  if (!s)
    return "the feed state has no such item: it was never assembled (is the entity in the feed's scope?)";
  if (s.parked)
    return `parked after ${s.attempts} failed deliveries: ${s.errors ?? 'no reason recorded'}; cde failed retry sends it again`;
  if (s.sentHash === null) return 'assembled and stored; waiting for the legacy sender to publish it';
  if (s.status === 200 && e.differences.length === 0)
    return 'in sync: the receiver holds the version last assembled from the database';
  if (s.status === 200)
    return `accepted, but the receiver's copy differs from the latest assembled version in ${e.differences.length} field(s)`;
  return `${statusWords(s.status)}${s.errors ? `: ${s.errors}` : ''}`;
}

/**
 * Where the changes that reach a feed's entity are seen: the Commerce tables of its main entity and the column that
 * carries the entity id (`explain` reads the recent end of their change topics).
 */
export const ENTITY_CHANGES: Readonly<
  Record<FeedName, { readonly tables: readonly string[]; readonly column: string }>
> = (() => {
  const product = {
    tables: [
      'catalog_product_entity',
      ...['varchar', 'int', 'decimal', 'text', 'datetime'].map((t) => `catalog_product_entity_${t}`),
      'catalog_product_website',
    ],
    column: 'entity_id',
  };
  const category = {
    tables: [
      'catalog_category_entity',
      ...['varchar', 'int', 'decimal', 'text', 'datetime'].map((t) => `catalog_category_entity_${t}`),
    ],
    column: 'entity_id',
  };
  return {
    products: product,
    productOverrides: product,
    variants: product,
    prices: { ...product, tables: [...product.tables, 'catalog_product_index_price'] },
    inventoryStockStatus: {
      tables: ['cataloginventory_stock_item', 'cataloginventory_stock_status'],
      column: 'product_id',
    },
    productAttributes: {
      tables: ['eav_attribute', 'catalog_eav_attribute', 'eav_attribute_label'],
      column: 'attribute_id',
    },
    categories: category,
    categoryPermissions: { tables: [...category.tables, 'magento_catalogpermissions'], column: 'entity_id' },
    scopesWebsite: { tables: ['store_website', 'store_group', 'store'], column: 'website_id' },
    scopesCustomerGroup: { tables: ['customer_group'], column: 'customer_group_id' },
    orders: {
      tables: ['sales_order', 'sales_order_item', 'sales_invoice', 'sales_shipment', 'sales_creditmemo'],
      column: 'entity_id',
    },
  };
})();

/** A Debezium change event (JSON converter, with or without the schema envelope) as a {@link SourceChange} of `entityId`, or null. */
export function changeOf(
  value: unknown,
  column: string,
  entityId: string,
  offset: string,
): SourceChange | null {
  const v = value as { payload?: unknown } | null;
  const p = (v && typeof v === 'object' && 'payload' in v ? v.payload : v) as {
    op?: string;
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
    source?: { table?: string; ts_ms?: number };
  } | null;
  if (!p || typeof p !== 'object' || !p.op) return null;
  const hit = [p.before, p.after].some((row) => {
    const id = row?.[column] ?? row?.['row_id'];
    return (typeof id === 'number' || typeof id === 'string') && String(id) === entityId;
  });
  if (!hit) return null;
  const ms = p.source?.ts_ms;
  return { table: p.source?.table ?? '?', op: p.op, at: ms ? new Date(ms).toISOString() : null, offset };
}
