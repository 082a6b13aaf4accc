import type { SeededRandom } from './seeded-random';

/** A postal address as customer_address_entity and sales_order_address hold it. */
export interface PostalAddress {
  readonly firstname: string;
  readonly lastname: string;
  readonly company: string | null;
  readonly street: string;
  readonly city: string;
  readonly region: string | null;
  /** directory_country_region.region_id of a fresh install (same ids in 2.4.5 and 2.4.8). */
  readonly regionId: number | null;
  readonly postcode: string;
  readonly countryId: string;
  readonly telephone: string;
}

export interface Person {
  readonly firstname: string;
  readonly lastname: string;
  /** customer_entity.gender: 1 male, 2 female, 3 not specified. */
  readonly gender: 1 | 2 | 3;
  /** YYYY-MM-DD */
  readonly dob: string;
}

const FIRST_NAMES = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Ava',
  'Elijah',
  'Sophia',
  'James',
  'Isabella',
  'Lucas',
  'Mia',
  'Mason',
  'Amelia',
  'Ethan',
  'Harper',
  'Logan',
  'Evelyn',
  'Oliver',
  'Abigail',
  'Aiden',
  'Emily',
  'Jacob',
  'Ella',
  'Daniel',
  'Chloé',
  'Jürgen',
  'Zoë',
  'François',
  'Renée',
  'Søren',
  'María',
  'José',
  'Aoife',
  'Małgorzata',
  'Nuño',
  'Inès',
];
const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Lopez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Thompson',
  'White',
  'Harris',
  "O'Brien",
  'Müller',
  'Dubois',
  'Kowalski',
  'Nguyen',
  'Schäfer',
  'Åberg',
  'Fernández',
  'Costa',
  'Rossi',
];
const STREETS = [
  'Main Street',
  'Oak Avenue',
  'Maple Drive',
  'Cedar Lane',
  'Pine Street',
  'Elm Street',
  'Washington Blvd',
  'Lake View Road',
  'Sunset Boulevard',
  'Park Avenue',
  'Mission Street',
  'Broadway',
  'Market Street',
  'Hill Road',
];
const COMPANIES = ['Acme Corp', 'Globex', 'Initech', 'Umbrella LLC', 'Stark Industries', 'Wayne Enterprises'];

interface Place {
  readonly city: string;
  readonly region: string | null;
  readonly regionId: number | null;
  readonly countryId: string;
  readonly postcode: () => string;
}

/** Places weighted by repetition: mostly US (CA and NY carry the default tax rates), some GB and DE. */
const PLACES: readonly Omit<Place, 'postcode'>[] = [
  { city: 'Los Angeles', region: 'California', regionId: 12, countryId: 'US' },
  { city: 'San Francisco', region: 'California', regionId: 12, countryId: 'US' },
  { city: 'San Diego', region: 'California', regionId: 12, countryId: 'US' },
  { city: 'New York', region: 'New York', regionId: 43, countryId: 'US' },
  { city: 'Buffalo', region: 'New York', regionId: 43, countryId: 'US' },
  { city: 'Austin', region: 'Texas', regionId: 57, countryId: 'US' },
  { city: 'Houston', region: 'Texas', regionId: 57, countryId: 'US' },
  { city: 'Miami', region: 'Florida', regionId: 18, countryId: 'US' },
  { city: 'Seattle', region: 'Washington', regionId: 62, countryId: 'US' },
  { city: 'Chicago', region: 'Illinois', regionId: 23, countryId: 'US' },
  { city: 'Boston', region: 'Massachusetts', regionId: 32, countryId: 'US' },
  { city: 'Philadelphia', region: 'Pennsylvania', regionId: 51, countryId: 'US' },
  { city: 'Columbus', region: 'Ohio', regionId: 47, countryId: 'US' },
  { city: 'Atlanta', region: 'Georgia', regionId: 19, countryId: 'US' },
  { city: 'Denver', region: 'Colorado', regionId: 13, countryId: 'US' },
  { city: 'Portland', region: 'Oregon', regionId: 49, countryId: 'US' },
  { city: 'Phoenix', region: 'Arizona', regionId: 4, countryId: 'US' },
  { city: 'Detroit', region: 'Michigan', regionId: 33, countryId: 'US' },
  { city: 'Charlotte', region: 'North Carolina', regionId: 44, countryId: 'US' },
  { city: 'London', region: null, regionId: null, countryId: 'GB' },
  { city: 'Manchester', region: null, regionId: null, countryId: 'GB' },
  { city: 'Berlin', region: 'Berlin', regionId: 82, countryId: 'DE' },
  { city: 'München', region: 'Bayern', regionId: 81, countryId: 'DE' },
  { city: 'Hamburg', region: 'Hamburg', regionId: 85, countryId: 'DE' },
];

/** Magento's default tax rates (tax_calculation_rate of a fresh install), by region id. */
export const DEFAULT_TAX_RATES: ReadonlyMap<number, { readonly code: string; readonly percent: number }> =
  new Map([
    [12, { code: 'US-CA-*-Rate 1', percent: 8.25 }],
    [43, { code: 'US-NY-*-Rate 1', percent: 8.375 }],
  ]);

export function randomPerson(random: SeededRandom): Person {
  const year = random.int(1950, 2005);
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  return {
    firstname: random.pick(FIRST_NAMES),
    lastname: random.pick(LAST_NAMES),
    gender: random.chance(0.1) ? 3 : random.chance(0.5) ? 1 : 2,
    dob: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  };
}

export function randomAddress(
  random: SeededRandom,
  person: { firstname: string; lastname: string },
): PostalAddress {
  const place = random.pick(PLACES);
  const postcode =
    place.countryId === 'US'
      ? String(random.int(10000, 99999))
      : place.countryId === 'GB'
        ? `${random.pick(['SW1A', 'EC1A', 'M1', 'W1D'])} ${random.int(1, 9)}${random.pick(['AA', 'BB', 'LT', 'XZ'])}`
        : String(random.int(10000, 99999));
  const phone =
    place.countryId === 'US'
      ? `${random.int(201, 989)}-555-${String(random.int(0, 9999)).padStart(4, '0')}`
      : `+${place.countryId === 'GB' ? '44' : '49'} ${random.int(100, 999)} ${random.int(100000, 999999)}`;
  return {
    firstname: person.firstname,
    lastname: person.lastname,
    company: random.chance(0.15) ? random.pick(COMPANIES) : null,
    street: `${random.int(1, 9999)} ${random.pick(STREETS)}`,
    city: place.city,
    region: place.region,
    regionId: place.regionId,
    postcode,
    countryId: place.countryId,
    telephone: phone,
  };
}

/** An e-mail address unique by `n`, ASCII only (Magento validates e-mail addresses). */
export function emailOf(person: { firstname: string; lastname: string }, n: number | string): string {
  const ascii = (s: string): string =>
    s
      .normalize('NFD')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase();
  return `${ascii(person.firstname)}.${ascii(person.lastname)}.${n}@example.com`;
}
