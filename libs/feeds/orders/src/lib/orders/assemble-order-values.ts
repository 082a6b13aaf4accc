import type { OrderAddress, OrderCustomAttribute, OrderUuid } from '@cde/contracts';
import type { Num, OrderAddressRow, UuidOf, UuidType } from './order-rows';

/** A decimal column as a number (4 decimals, as stored); null stays null. */
export function amount(value: Num): number | null {
  if (value === null || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? Math.round(n * 10_000) / 10_000 : null;
}

/** A decimal column as a number, 0 when null (Magento leaves amounts that never happened null). */
export function amountOr0(value: Num): number {
  return amount(value) ?? 0;
}

export function idString(value: Num): string {
  return value === null ? '' : String(value);
}

export function flag(value: Num): boolean | null {
  return value === null ? null : Number(value) !== 0;
}

/** An ISO/RFC 3339 time from a UTC 'YYYY-MM-DD HH:MM:SS' column (the original's dateTimeFormat for orders). */
export function rfc3339(value: string | null): string | null {
  if (value === null || value === '') return null;
  const [date, time = '00:00:00'] = value.split(' ');
  return `${date}T${time.slice(0, 8)}+00:00`;
}

/** sales_order.state as the original's integer (0 when unknown). */
export const ORDER_STATES: Readonly<Record<string, number>> = {
  new: 1,
  pending_payment: 2,
  processing: 3,
  complete: 4,
  closed: 5,
  canceled: 6,
  holded: 7,
  payment_review: 8,
};

export function stateNumber(state: string | null): number {
  return state === null ? 0 : (ORDER_STATES[state] ?? 0);
}

/** The UUID record of an entity; the reader guarantees every entity has one before assembling. */
export function uuidRecord(uuidOf: UuidOf, type: UuidType, entityId: Num): OrderUuid {
  const id = uuidOf(type, entityId);
  if (id === undefined) throw new Error(`no ${type} UUID for entity ${idString(entityId)}`);
  return { id };
}

/** An order address: street lines joined by "\n" as stored, and split. */
export function addressOf(row: OrderAddressRow | undefined): OrderAddress | null {
  if (!row) return null;
  const lines = (row.street ?? '').split('\n').filter((l) => l.length > 0);
  return {
    phone: row.telephone,
    region: row.region,
    postcode: row.postcode,
    street: row.street,
    multiLineStreet: lines,
    city: row.city,
    country: row.country_id,
    firstname: row.firstname,
    lastname: row.lastname,
  };
}

/** name/value pairs of the values that are set, in the given order. */
export function customAttributes(
  pairs: readonly (readonly [string, string | null])[],
): OrderCustomAttribute[] {
  return pairs.flatMap(([name, value]): OrderCustomAttribute[] =>
    value === null || value === '' ? [] : [{ name, value }],
  );
}

/** Parsed product_options (JSON since Magento 2.2); anything else is kept as text only. */
export function parseOptions(text: string | null): Readonly<Record<string, unknown>> | null {
  if (text === null || text === '') return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** Tracking pages of the carriers Magento ships with; other carriers have no public URL we can build. */
const TRACKING_URLS: Readonly<Record<string, (number: string) => string>> = {
  ups: (n) => `https://www.ups.com/track?tracknum=${encodeURIComponent(n)}`,
  usps: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${encodeURIComponent(n)}`,
  fedex: (n) => `https://www.fedex.com/fedextrack/?trknbr=${encodeURIComponent(n)}`,
  dhl: (n) =>
    `https://www.dhl.com/global-en/home/tracking/tracking-express.html?tracking-id=${encodeURIComponent(n)}`,
};

export function trackingUrl(carrierCode: string | null, trackNumber: string | null): string | null {
  if (carrierCode === null || trackNumber === null || trackNumber === '') return null;
  const build = TRACKING_URLS[carrierCode.toLowerCase()];
  return build ? build(trackNumber) : null;
}
