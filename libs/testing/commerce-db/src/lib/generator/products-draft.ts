import type { GeneratedAttribute, GeneratedAttributeSet } from './generation-context';
import type { ProductSetup } from './products-setup';
import type { ProductType } from './products-words';
import type { SeededRandom } from './seeded-random';

export interface SpecialPrice {
  readonly value: number;
  /** `YYYY-MM-DD` or null (open). */
  readonly from: string | null;
  readonly to: string | null;
  /** Website-scope dates that differ in one website (written at each of its store views). */
  readonly websiteOverride: {
    readonly websiteId: number;
    readonly from: string | null;
    readonly to: string | null;
  } | null;
}

export interface TierPrice {
  readonly allGroups: 0 | 1;
  readonly customerGroupId: number;
  readonly qty: number;
  /** Fixed price (0 when percentage). */
  readonly value: number;
  readonly percentage: number | null;
  /** 0 = all websites. */
  readonly websiteId: number;
}

/** One product as the writers see it; drawn once, then written to every table that needs it. */
export interface ProductDraft {
  readonly id: number;
  readonly type: ProductType;
  /** The `%s` of the toolkit's names ("12", or "3 - option 5" for a configurable's child). */
  readonly label: string;
  readonly sku: string;
  readonly name: string;
  readonly urlKey: string;
  readonly attributeSet: GeneratedAttributeSet;
  /** Base price (`price` attribute); null for types without one (grouped, dynamic bundle). */
  readonly price: number | null;
  readonly weight: number | null;
  readonly visibility: 1 | 4;
  /** Status at store 0. */
  readonly status: 1 | 2;
  /** A website where the product is disabled while enabled at store 0. */
  readonly disabledWebsiteId: number | null;
  readonly websiteIds: readonly number[];
  readonly categoryIds: readonly number[];
  readonly special: SpecialPrice | null;
  readonly tierPrices: readonly TierPrice[];
  hasOptions: 0 | 1;
  requiredOptions: 0 | 1;
  readonly qty: number;
  readonly inStock: boolean;
  /** A configurable child's option ids of the two super attributes. */
  readonly superOptionIds: readonly [number, number] | null;
  /** Attributes whose values the writer draws (the set's user-defined ones minus super attributes). */
  readonly fillAttributes: readonly GeneratedAttribute[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The toolkit's PriceProvider: 9.99, 5, 1 or a random tenth up to 1000, a quarter each. */
export function toolkitPrice(random: SeededRandom): number {
  switch (random.int(0, 3)) {
    case 0:
      return 9.99;
    case 1:
      return 5;
    case 2:
      return 1;
    default:
      return random.int(1, 10_000) / 10;
  }
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Websites of a new product: all, or a spread 1..n; a `websiteGaps` share loses one (never the last). */
export function drawWebsites(setup: ProductSetup, random: SeededRandom): number[] {
  const all = setup.websiteIds;
  let websites = setup.ctx.profile.assignToAllWebsites
    ? [...all]
    : random.sample(all, random.int(1, all.length));
  if (websites.length > 1 && random.chance(setup.ctx.profile.feed.websiteGaps)) {
    const drop = random.int(0, websites.length - 1);
    websites = websites.filter((_, i) => i !== drop);
  }
  return websites.sort((a, b) => a - b);
}

/** Store-0 status and a website-only disable for the `disabled` share (half each). */
export function drawStatus(
  setup: ProductSetup,
  random: SeededRandom,
  websiteIds: readonly number[],
): { status: 1 | 2; disabledWebsiteId: number | null } {
  if (!random.chance(setup.ctx.profile.feed.disabled)) return { status: 1, disabledWebsiteId: null };
  if (websiteIds.length > 1 && random.chance(0.5))
    return { status: 1, disabledWebsiteId: random.pick(websiteIds) };
  return { status: 2, disabledWebsiteId: null };
}

/** Past, current, future and open special-price ranges, and sometimes other dates in one website. */
export function drawSpecialPrice(
  setup: ProductSetup,
  random: SeededRandom,
  price: number,
  websiteIds: readonly number[],
  percent = false,
): SpecialPrice | null {
  if (!random.chance(setup.ctx.profile.feed.specialPrices)) return null;
  // Bundles keep special_price as a percentage of the price.
  const value = percent ? random.int(70, 95) : Math.max(0.01, round2(price * (0.6 + random.next() * 0.35)));
  const range = (): { from: string | null; to: string | null } => {
    const d = setup.dates;
    switch (random.int(0, 3)) {
      case 0:
        return { from: d.date(-random.int(30, 60)), to: d.date(-random.int(2, 20)) };
      case 1:
        return {
          from: d.date(-random.int(1, 20)),
          to: random.chance(0.3) ? null : d.date(random.int(5, 40)),
        };
      case 2:
        return { from: d.date(random.int(2, 20)), to: d.date(random.int(30, 60)) };
      default:
        return { from: null, to: null };
    }
  };
  const { from, to } = range();
  const websiteOverride =
    websiteIds.length > 1 && random.chance(0.3) ? { websiteId: random.pick(websiteIds), ...range() } : null;
  return { value, from, to, websiteOverride };
}

/** Tier prices (qty > 1) for the `tierPrices` share and group prices (qty 1, one group) for `groupPrices`. */
export function drawTierPrices(
  setup: ProductSetup,
  random: SeededRandom,
  price: number,
  websiteIds: readonly number[],
): TierPrice[] {
  const { feed } = setup.ctx.profile;
  const tiers: TierPrice[] = [];
  const seen = new Set<string>();
  const add = (t: TierPrice): void => {
    const key = `${t.allGroups}:${t.customerGroupId}:${t.qty}:${t.websiteId}`;
    if (seen.has(key)) return;
    seen.add(key);
    tiers.push(t);
  };
  const amount = (discount: number): { value: number; percentage: number | null } =>
    random.chance(0.3)
      ? { value: 0, percentage: Math.round(discount * 100) }
      : { value: Math.max(0.01, round2(price * (1 - discount))), percentage: null };
  const website = (): number => (random.chance(0.6) ? 0 : random.pick(websiteIds));
  if (random.chance(feed.tierPrices)) {
    const count = random.int(1, 3);
    for (const [k, qty] of [2, 5, 10].slice(0, count).entries()) {
      const discount = 0.03 + k * 0.05 + random.next() * 0.04;
      const all = random.chance(0.6);
      add({
        allGroups: all ? 1 : 0,
        customerGroupId: all ? 0 : random.pick(setup.loggedInGroupIds),
        qty,
        ...amount(discount),
        websiteId: website(),
      });
    }
  }
  if (random.chance(feed.groupPrices)) {
    for (const groupId of random.sample(setup.scopes.customerGroupIds, random.int(1, 2))) {
      add({
        allGroups: 0,
        customerGroupId: groupId,
        qty: 1,
        ...amount(0.05 + random.next() * 0.2),
        websiteId: website(),
      });
    }
  }
  return tiers;
}

/** Is the special price active on `date` in `websiteId`? */
export function specialActive(special: SpecialPrice, websiteId: number, date: string): boolean {
  const range = special.websiteOverride?.websiteId === websiteId ? special.websiteOverride : special;
  return (range.from === null || range.from <= date) && (range.to === null || date <= range.to);
}

/** A tier price's unit price for a base price. */
export function tierUnitPrice(tier: TierPrice, price: number): number {
  return tier.percentage === null ? tier.value : round2(price * (1 - tier.percentage / 100));
}
