import type { RowDataPacket } from 'mysql2/promise';
import type {
  GeneratedCatalog,
  GeneratedScopes,
  GenerationContext,
  OrderableProduct,
} from './generation-context';
import { generateCustomers, type GeneratedCustomer, type SalesStore } from './sales-customers';
import { IdAllocator, SequenceCounters } from './sales-ids';
import {
  buildOrderRows,
  type OrderAddress,
  type OrderCustomer,
  type OrderLifecycle,
  type OrderPlan,
} from './sales-order-rows';
import { emailOf, randomAddress, randomPerson } from './sales-people';
import {
  randomCarrier,
  randomOrderExtras,
  randomPayment,
  randomShippingMethod,
  REFUND_COMMENTS,
} from './sales-random';
import type { SeededRandom } from './seeded-random';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const SEQUENCE_COLUMNS = ['sequence_value'] as const;

/** Share of orders placed by registered customers (the toolkit only makes guest orders). */
const REGISTERED_SHARE = 0.4;
/** Share of the orders that are never invoiced which get canceled (the rest stay pending). */
const CANCELED_SHARE_OF_UNINVOICED = 0.25;
/** Share of credit memos that refund the whole order (the others refund its last line). */
const FULL_REFUND_SHARE = 0.6;

/** Share of orders (among those never shipped) whose cart is virtual only. */
const VIRTUAL_ORDER_SHARE = 0.05;

const FATE_INVOICED = 1;
const FATE_SHIPPED = 2;
const FATE_REFUNDED = 4;
const FATE_CANCELED = 8;

/**
 * Customers (two addresses each) and `profile.orders` orders with their invoices, shipments, credit memos and
 * payment transactions. The shares of invoiced, shipped and refunded orders are exact (`feed.invoiced` of the
 * orders, `feed.shipped` and `feed.refunded` of the invoiced ones, rounded), assigned to random orders.
 * Streams rows through the bulk writer; keeps only the customers and a per-order fate byte in memory.
 */
export async function generateSales(
  ctx: GenerationContext,
  scopes: GeneratedScopes,
  catalog: GeneratedCatalog,
): Promise<void> {
  const started = Date.now();
  const ids = await IdAllocator.load(ctx.connection);
  const stores = await loadStores(ctx, scopes);
  const sequences = await SequenceCounters.load(
    ctx.connection,
    stores.map((s) => s.id),
  );
  const customers = await generateCustomers({ ...ctx, random: ctx.random.fork(1) }, scopes, stores, ids);
  const orders = await generateOrders(
    { ...ctx, random: ctx.random.fork(2) },
    stores,
    customers,
    catalog,
    ids,
    sequences,
  );
  await ctx.writer.flush();
  ctx.log(`sales: ${orders} orders in ${Date.now() - started} ms`);
}

async function loadStores(ctx: GenerationContext, scopes: GeneratedScopes): Promise<SalesStore[]> {
  const [rows] = await ctx.connection.query<RowDataPacket[]>(
    `SELECT s.store_id, s.website_id, s.name, g.name AS group_name, w.name AS website_name
       FROM store s JOIN store_group g ON g.group_id = s.group_id JOIN store_website w ON w.website_id = s.website_id
      WHERE s.store_id > 0 ORDER BY s.store_id`,
  );
  const wanted = new Set(scopes.stores.map((s) => s.id));
  return rows
    .filter((r) => wanted.has(Number(r['store_id'])))
    .map((r) => ({
      id: Number(r['store_id']),
      websiteId: Number(r['website_id']),
      viewName: String(r['name']),
      name: [r['website_name'], r['group_name'], r['name']].map(String).join('\n'),
    }));
}

/** Exact counts of each fate, shuffled over the orders. */
function planFates(ctx: GenerationContext, n: number): Uint8Array {
  const { feed } = ctx.profile;
  const fates = new Uint8Array(n);
  const order = shuffledIndexes(ctx.random, n);
  const invoiced = Math.round(n * feed.invoiced);
  const canceled = Math.round((n - invoiced) * CANCELED_SHARE_OF_UNINVOICED);
  const invoicedOrders = order.subarray(0, invoiced);
  for (const i of invoicedOrders) fates[i] = FATE_INVOICED;
  for (const i of order.subarray(invoiced, invoiced + canceled)) fates[i] = FATE_CANCELED;
  const shipped = Math.round(invoiced * feed.shipped);
  const refunded = Math.round(invoiced * feed.refunded);
  const a = shuffledIndexes(ctx.random, invoiced);
  for (let k = 0; k < shipped; k++) fates[invoicedOrders[a[k]!]!]! |= FATE_SHIPPED;
  const b = shuffledIndexes(ctx.random, invoiced);
  for (let k = 0; k < refunded; k++) fates[invoicedOrders[b[k]!]!]! |= FATE_REFUNDED;
  return fates;
}

function shuffledIndexes(random: SeededRandom, n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}

type ProductKind = 'any' | 'physical' | 'virtual';

/** Picks orderable products of one website without building per-website lists (1M products at extra_large). */
class ProductPicker {
  private readonly perWebsite = new Map<number, Record<ProductKind, number>>();
  private readonly virtuals: number[] = [];

  constructor(
    private readonly random: SeededRandom,
    private readonly products: readonly OrderableProduct[],
  ) {
    for (const [i, p] of products.entries()) {
      if (p.typeId !== 'simple') this.virtuals.push(i);
      for (const w of p.websiteIds) {
        const c = this.perWebsite.get(w) ?? { any: 0, physical: 0, virtual: 0 };
        c.any++;
        c[p.typeId === 'simple' ? 'physical' : 'virtual']++;
        this.perWebsite.set(w, c);
      }
    }
  }

  has(websiteId: number, kind: ProductKind = 'any'): boolean {
    return (this.perWebsite.get(websiteId)?.[kind] ?? 0) > 0;
  }

  /** A random product of the website (rejection sampling, then a scan as a bounded fallback). */
  pick(websiteId: number, kind: ProductKind, exclude: ReadonlySet<number>): OrderableProduct | undefined {
    if (!this.has(websiteId, kind)) return undefined;
    const ok = (p: OrderableProduct): boolean =>
      p.websiteIds.includes(websiteId) &&
      (kind === 'any' || (kind === 'physical') === (p.typeId === 'simple')) &&
      !exclude.has(p.entityId);
    // Virtual and downloadable products are few: draw from their own index, not from the whole catalog.
    const pool = kind === 'virtual' ? this.virtuals : undefined;
    const size = pool ? pool.length : this.products.length;
    const at = (k: number): OrderableProduct => this.products[pool ? pool[k]! : k]!;
    for (let attempt = 0; attempt < 64; attempt++) {
      const p = at(Math.floor(this.random.next() * size));
      if (ok(p)) return p;
    }
    const start = Math.floor(this.random.next() * size);
    for (let k = 0; k < size; k++) {
      const p = at((start + k) % size);
      if (ok(p)) return p;
    }
    return undefined;
  }
}

async function generateOrders(
  ctx: GenerationContext,
  stores: readonly SalesStore[],
  customers: readonly GeneratedCustomer[],
  catalog: GeneratedCatalog,
  ids: IdAllocator,
  sequences: SequenceCounters,
): Promise<number> {
  const { random, writer, profile, now } = ctx;
  const n = profile.orders;
  if (n === 0) return 0;
  const picker = new ProductPicker(random, catalog.orderable);
  const sellingStores = stores.filter((s) => picker.has(s.websiteId));
  if (sellingStores.length === 0) {
    ctx.log('sales: no orderable product in any website; no orders generated');
    return 0;
  }
  const buyers = customers.filter((c) => picker.has(c.websiteId));
  const fates = planFates(ctx, n);
  // Orders spread evenly over the 90 days before now (ids ascend with time), the last a few hours before now.
  const windowStart = now.getTime() - 90 * DAY_MS;
  const step = (90 * DAY_MS - 3 * HOUR_MS) / n;

  let unshippable = 0;
  for (let k = 0; k < n; k++) {
    const fate = fates[k]!;
    const createdAt = new Date(Math.floor(windowStart + (k + random.next()) * step));
    const buyer = pickBuyer(ctx, k, buyers, sellingStores);
    const wantsShipment = (fate & FATE_SHIPPED) !== 0;
    const cart = fillCart(ctx, picker, buyer.store, wantsShipment);
    if (cart.unshippable) unshippable++;
    const { lines } = cart;
    const payment = randomPayment(random, now);
    const plan: OrderPlan = {
      ...buyer,
      incrementId: await nextIncrement(ctx, sequences, 'order', buyer.store.id),
      createdAt,
      lines,
      payment,
      shippingMethod: randomShippingMethod(random),
      ...randomOrderExtras(random),
    };
    const shipsSomething = wantsShipment && lines.some((l) => l.product.typeId === 'simple');
    const life = await lifecycleOf(ctx, sequences, plan, fate, shipsSomething);
    const built = buildOrderRows(plan, life, ids);
    for (const row of built.rows) await writer.insert(row.table, row.columns, row.row);
  }
  if (unshippable > 0)
    ctx.log(`sales: ${unshippable} orders to ship had no physical product in their website`);
  return n;
}

/** Who buys: a registered customer of a selling website, or a guest with addresses of their own. */
function pickBuyer(
  ctx: GenerationContext,
  k: number,
  buyers: readonly GeneratedCustomer[],
  sellingStores: readonly SalesStore[],
): { store: SalesStore; customer: OrderCustomer; billing: OrderAddress; shipping: OrderAddress } {
  const { random } = ctx;
  const registered = buyers.length > 0 && random.chance(REGISTERED_SHARE) ? random.pick(buyers) : undefined;
  const store = registered
    ? random.pick(sellingStores.filter((s) => s.websiteId === registered.websiteId))
    : random.pick(sellingStores);
  if (registered) {
    return { store, customer: registered, billing: registered.billing, shipping: registered.shipping };
  }
  const person = randomPerson(random);
  const { firstname, lastname } = person;
  const customer: OrderCustomer = {
    id: null,
    email: emailOf(person, `g${k}`),
    firstname,
    lastname,
    groupId: 0,
    dob: null,
    gender: null,
  };
  const billing = { ...randomAddress(random, person), customerAddressId: null };
  const shipping = random.chance(0.8)
    ? billing
    : { ...randomAddress(random, person), customerAddressId: null };
  return { store, customer, billing, shipping };
}

/** The cart's lines; one to ship gets a physical product when it has none (unshippable when the website has none). */
function fillCart(
  ctx: GenerationContext,
  picker: ProductPicker,
  store: SalesStore,
  wantsShipment: boolean,
): { lines: { product: OrderableProduct; qty: number }[]; unshippable: boolean } {
  const { random, profile } = ctx;
  // A few carts hold only virtual or downloadable products (billing address only, nothing to ship).
  const kind: ProductKind =
    !wantsShipment && random.chance(VIRTUAL_ORDER_SHARE) && picker.has(store.websiteId, 'virtual')
      ? 'virtual'
      : 'any';
  const lines: { product: OrderableProduct; qty: number }[] = [];
  const used = new Set<number>();
  for (let i = 0; i < profile.itemsPerOrder; i++) {
    const p = picker.pick(store.websiteId, kind, used);
    if (!p) break;
    used.add(p.entityId);
    const roll = random.next();
    lines.push({ product: p, qty: roll < 0.7 ? 1 : roll < 0.9 ? 2 : 3 });
  }
  let unshippable = false;
  if (wantsShipment && !lines.some((l) => l.product.typeId === 'simple')) {
    const p = picker.pick(store.websiteId, 'physical', used);
    if (p) lines[0] = { product: p, qty: lines[0]?.qty ?? 1 };
    else unshippable = true;
  }
  return { lines, unshippable };
}

/** What happens to the order after it is placed: canceled, or invoiced, then shipped and refunded by its fate. */
async function lifecycleOf(
  ctx: GenerationContext,
  sequences: SequenceCounters,
  plan: OrderPlan,
  fate: number,
  shipsSomething: boolean,
): Promise<OrderLifecycle> {
  const { random, now } = ctx;
  const { createdAt, payment, store } = plan;
  const latest = now.getTime() - 60_000;
  const after = (from: Date, minMs: number, maxMs: number): Date =>
    new Date(Math.max(from.getTime(), Math.min(from.getTime() + random.int(minMs, maxMs), latest)));
  if (fate & FATE_CANCELED) return { canceledAt: after(createdAt, HOUR_MS, 7 * DAY_MS) };
  if (!(fate & FATE_INVOICED)) return {};
  // Cards are captured within a day; checks and money orders when the payment arrives.
  const invoiceAt =
    payment.method === 'checkmo' ? after(createdAt, DAY_MS, 7 * DAY_MS) : after(createdAt, 300_000, DAY_MS);
  let life: OrderLifecycle = {
    invoice: { at: invoiceAt, incrementId: await nextIncrement(ctx, sequences, 'invoice', store.id) },
  };
  let last = invoiceAt;
  if (shipsSomething) {
    last = after(invoiceAt, 2 * HOUR_MS, 4 * DAY_MS);
    life = {
      ...life,
      shipment: {
        at: last,
        incrementId: await nextIncrement(ctx, sequences, 'shipment', store.id),
        ...randomCarrier(random),
      },
    };
  }
  if (fate & FATE_REFUNDED) {
    life = {
      ...life,
      refund: {
        at: after(last, DAY_MS, 14 * DAY_MS),
        incrementId: await nextIncrement(ctx, sequences, 'creditmemo', store.id),
        full: random.chance(FULL_REFUND_SHARE),
        comment: random.pick(REFUND_COMMENTS),
      },
    };
  }
  return life;
}

/** The next increment id of a store's sequence, also written into `sequence_<type>_<store>`. */
async function nextIncrement(
  ctx: GenerationContext,
  sequences: SequenceCounters,
  type: 'order' | 'invoice' | 'shipment' | 'creditmemo',
  storeId: number,
): Promise<string> {
  const next = sequences.next(type, storeId);
  await ctx.writer.insert(next.table, SEQUENCE_COLUMNS, [next.value]);
  return next.incrementId;
}
