import type { GeneratedScopes, GenerationContext } from './generation-context';
import type { IdAllocator } from './sales-ids';
import { sqlTime } from './sales-order-columns';
import type { OrderAddress, OrderStore } from './sales-order-rows';
import { emailOf, randomAddress, randomPerson, type PostalAddress } from './sales-people';

const DAY_MS = 86_400_000;

const CUSTOMER_COLUMNS = [
  'entity_id',
  'website_id',
  'email',
  'group_id',
  'store_id',
  'created_at',
  'updated_at',
  'is_active',
  'disable_auto_group_change',
  'created_in',
  'firstname',
  'lastname',
  'dob',
  'password_hash',
  'default_billing',
  'default_shipping',
  'gender',
  'failures_num',
] as const;

const CUSTOMER_ADDRESS_COLUMNS = [
  'entity_id',
  'parent_id',
  'created_at',
  'updated_at',
  'is_active',
  'city',
  'company',
  'country_id',
  'firstname',
  'lastname',
  'postcode',
  'region',
  'region_id',
  'street',
  'telephone',
] as const;

/** What orders need of a registered customer. */
export interface GeneratedCustomer {
  readonly id: number;
  readonly websiteId: number;
  readonly email: string;
  readonly firstname: string;
  readonly lastname: string;
  readonly groupId: number;
  readonly dob: string;
  readonly gender: number;
  readonly billing: OrderAddress;
  readonly shipping: OrderAddress;
}

/** A store view with the name parts Magento copies into orders and customers. */
export interface SalesStore extends OrderStore {
  readonly viewName: string;
}

/**
 * `profile.customers` customers (the toolkit's customerConfig: two addresses each), spread over the websites
 * (Magento's default account sharing is per website) and the customer groups except NOT LOGGED IN (0).
 * Every customer signed up before the 90-day order window.
 */
export async function generateCustomers(
  ctx: GenerationContext,
  scopes: GeneratedScopes,
  stores: readonly SalesStore[],
  ids: IdAllocator,
): Promise<GeneratedCustomer[]> {
  const { random, writer, profile } = ctx;
  const groups = scopes.customerGroupIds.filter((g) => g !== 0);
  if (groups.length === 0) throw new Error('no customer group other than NOT LOGGED IN');
  const websites = scopes.websites.filter((w) => stores.some((s) => s.websiteId === w.id));
  const customers: GeneratedCustomer[] = [];
  for (let i = 0; i < profile.customers; i++) {
    const id = ids.next('customer_entity');
    const website = random.pick(websites);
    const store = random.pick(stores.filter((s) => s.websiteId === website.id));
    const person = randomPerson(random);
    const createdAt = new Date(ctx.now.getTime() - random.int(91 * DAY_MS, 730 * DAY_MS));
    const updatedAt = new Date(createdAt.getTime() + random.int(0, 60 * DAY_MS));
    const addresses: PostalAddress[] = [randomAddress(random, person), randomAddress(random, person)];
    const addressIds = [ids.next('customer_address_entity'), ids.next('customer_address_entity')] as const;
    // Most customers ship where they are billed; some have a second (gift, office) shipping address.
    const shippingIndex = random.chance(0.3) ? 1 : 0;
    const email = emailOf(person, id);
    const groupId = random.pick(groups);
    await writer.insert('customer_entity', CUSTOMER_COLUMNS, [
      id,
      website.id,
      email,
      groupId,
      store.id,
      sqlTime(createdAt),
      sqlTime(updatedAt),
      1,
      0,
      store.viewName,
      person.firstname,
      person.lastname,
      person.dob,
      passwordHash(random.next()),
      addressIds[0],
      addressIds[shippingIndex],
      person.gender,
      0,
    ]);
    for (const [n, a] of addresses.entries()) {
      await writer.insert('customer_address_entity', CUSTOMER_ADDRESS_COLUMNS, [
        addressIds[n]!,
        id,
        sqlTime(createdAt),
        sqlTime(createdAt),
        1,
        a.city,
        a.company,
        a.countryId,
        a.firstname,
        a.lastname,
        a.postcode,
        a.region,
        a.regionId,
        a.street,
        a.telephone,
      ]);
    }
    customers.push({
      id,
      websiteId: website.id,
      email,
      firstname: person.firstname,
      lastname: person.lastname,
      groupId,
      dob: person.dob,
      gender: person.gender,
      billing: { ...addresses[0]!, customerAddressId: addressIds[0] },
      shipping: { ...addresses[shippingIndex]!, customerAddressId: addressIds[shippingIndex] },
    });
  }
  ctx.log(`sales: ${customers.length} customers with ${customers.length * 2} addresses`);
  return customers;
}

/**
 * A value shaped like Magento 2.4's password_hash (`<argon2id13 hash>:<salt>:3_32_2_67108864`). Nobody can log in
 * with it; it only keeps the column realistic.
 */
function passwordHash(seed: number): string {
  let x = Math.floor(seed * 0xffffffff) >>> 0;
  const hex = (n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      s += (x >>> 28).toString(16);
    }
    return s;
  };
  return `${hex(64)}:${hex(32)}:3_32_2_67108864`;
}
