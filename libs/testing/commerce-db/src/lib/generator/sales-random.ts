import type { CardType, OrderPlan, PaymentPlan, ShippingMethodCode } from './sales-order-rows';
import type { SeededRandom } from './seeded-random';

/** Random but plausible order details, shared by the generator and the change workload. */

const CARRIERS: readonly { code: string; title: string; track: (r: SeededRandom) => string }[] = [
  { code: 'ups', title: 'United Parcel Service', track: (r) => `1Z${alnum(r, 16).toUpperCase()}` },
  { code: 'usps', title: 'United States Postal Service', track: (r) => `9400${digits(r, 18)}` },
  { code: 'fedex', title: 'Federal Express', track: (r) => digits(r, 12) },
  { code: 'dhl', title: 'DHL', track: (r) => digits(r, 10) },
  { code: 'custom', title: 'Local Courier', track: (r) => `LC${digits(r, 8)}` },
];
const COUPONS = [
  { code: 'SAVE10', percent: 10 },
  { code: 'WELCOME15', percent: 15 },
  { code: 'SPRING20', percent: 20 },
] as const;
export const REFUND_COMMENTS = [
  'Item arrived damaged.',
  'Customer changed their mind.',
  'Wrong size ordered; customer will reorder.',
  'Item out of stock after the order was placed.',
  'Package lost in transit.',
];
const CARD_LAST4: Readonly<Record<CardType, readonly string[]>> = {
  VI: ['1111', '4242', '1881'],
  MC: ['4444', '5100', '0005'],
  AE: ['8431', '0005'],
  DI: ['1117', '0004'],
};

function digits(r: SeededRandom, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(r.int(0, 9));
  return s;
}

function alnum(r: SeededRandom, n: number): string {
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < n; i++) s += chars[r.int(0, chars.length - 1)]!;
  return s;
}

export function randomPayment(r: SeededRandom, now: Date): PaymentPlan {
  if (r.chance(0.55)) return { method: 'checkmo' };
  const roll = r.next();
  const type: CardType = roll < 0.5 ? 'VI' : roll < 0.8 ? 'MC' : roll < 0.92 ? 'AE' : 'DI';
  return {
    method: 'braintree',
    card: {
      type,
      last4: r.pick(CARD_LAST4[type]),
      expMonth: r.int(1, 12),
      expYear: now.getUTCFullYear() + r.int(1, 5),
      txnId: alnum(r, 8),
    },
  };
}

export function randomShippingMethod(r: SeededRandom): ShippingMethodCode {
  const roll = r.next();
  return roll < 0.7 ? 'flatrate_flatrate' : roll < 0.85 ? 'tablerate_bestway' : 'freeshipping_freeshipping';
}

export function randomOrderExtras(r: SeededRandom): Pick<OrderPlan, 'coupon' | 'remoteIp' | 'protectCode'> {
  return {
    coupon: r.chance(0.15) ? r.pick(COUPONS) : null,
    remoteIp: `${r.int(1, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`,
    protectCode: alnum(r, 6).replace(/[g-z]/g, (c) => ((c.charCodeAt(0) - 103) % 16).toString(16)),
  };
}

export function randomCarrier(r: SeededRandom): {
  carrierCode: string;
  carrierTitle: string;
  trackNumber: string;
} {
  const c = r.pick(CARRIERS);
  return { carrierCode: c.code, carrierTitle: c.title, trackNumber: c.track(r) };
}
