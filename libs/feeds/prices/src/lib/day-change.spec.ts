import {
  dayChangeQueries,
  dayTurns,
  describeTurns,
  nextDay,
  previousDay,
  type WebsiteClock,
} from './day-change';

const TOKYO: WebsiteClock = { websiteId: 1, timeZone: 'Asia/Tokyo' };
const LOS_ANGELES: WebsiteClock = { websiteId: 2, timeZone: 'America/Los_Angeles' };
const UTC: WebsiteClock = { websiteId: 3, timeZone: 'UTC' };
const at = (iso: string): Date => new Date(iso);

describe(dayTurns.name, () => {
  it("turns a website's day at its own midnight, not the others'", () => {
    // 14:50Z is 23:50 in Tokyo (UTC+9), 15:10Z is 00:10 the next day there; Los Angeles and UTC stay on Nov 1.
    expect(
      dayTurns([TOKYO, LOS_ANGELES, UTC], at('2026-11-01T14:50:00Z'), at('2026-11-01T15:10:00Z')),
    ).toEqual([{ websiteId: 1, from: '2026-11-01', to: '2026-11-02' }]);
    expect(
      dayTurns([TOKYO, LOS_ANGELES, UTC], at('2026-11-01T23:59:30Z'), at('2026-11-02T00:00:00Z')),
    ).toEqual([{ websiteId: 3, from: '2026-11-01', to: '2026-11-02' }]);
  });

  it('turns nothing within a day, nor when the clock goes back', () => {
    expect(
      dayTurns([TOKYO, LOS_ANGELES, UTC], at('2026-11-01T16:00:00Z'), at('2026-11-01T16:00:30Z')),
    ).toEqual([]);
    expect(dayTurns([UTC], at('2026-11-02T00:00:10Z'), at('2026-11-01T23:59:50Z'))).toEqual([]);
  });

  it('follows daylight saving time as Intl gives it (Los Angeles falls back on Nov 1 2026)', () => {
    // 07:30Z on Nov 2 is 23:30 PST on Nov 1 (it would be 00:30 in PDT); 08:00Z is midnight PST.
    expect(dayTurns([LOS_ANGELES], at('2026-11-02T06:30:00Z'), at('2026-11-02T07:30:00Z'))).toEqual([]);
    expect(dayTurns([LOS_ANGELES], at('2026-11-02T07:30:00Z'), at('2026-11-02T08:00:00Z'))).toEqual([
      { websiteId: 2, from: '2026-11-01', to: '2026-11-02' },
    ]);
    // In summer (PDT, UTC-7) midnight is at 07:00Z.
    expect(dayTurns([LOS_ANGELES], at('2026-07-01T06:59:00Z'), at('2026-07-01T07:00:00Z'))).toEqual([
      { websiteId: 2, from: '2026-06-30', to: '2026-07-01' },
    ]);
  });

  it('spans every day missed between two passes (from the last day seen to today)', () => {
    expect(dayTurns([UTC], at('2026-10-29T12:00:00Z'), at('2026-11-01T00:30:00Z'))).toEqual([
      { websiteId: 3, from: '2026-10-29', to: '2026-11-01' },
    ]);
  });

  it('on the start-up pass, turns every website from its yesterday to its today', () => {
    expect(dayTurns([TOKYO, LOS_ANGELES, UTC], null, at('2026-10-31T20:00:00Z'))).toEqual([
      { websiteId: 1, from: '2026-10-31', to: '2026-11-01' },
      { websiteId: 2, from: '2026-10-30', to: '2026-10-31' },
      { websiteId: 3, from: '2026-10-30', to: '2026-10-31' },
    ]);
  });

  it('takes an unknown time zone as UTC, as the feed does for "today"', () => {
    expect(
      dayTurns(
        [{ websiteId: 9, timeZone: 'Mars/Olympus' }],
        at('2026-11-01T23:59:00Z'),
        at('2026-11-02T00:01:00Z'),
      ),
    ).toEqual([{ websiteId: 9, from: '2026-11-01', to: '2026-11-02' }]);
  });
});

describe(dayChangeQueries.name, () => {
  const attributes = { specialFromDate: 78, specialToDate: 79 };

  it('lists windows that opened on the new day or closed on the old one, and rule prices of both days', () => {
    const [dated, rules, ...rest] = dayChangeQueries(
      [{ websiteId: 1, from: '2026-11-01', to: '2026-11-02' }],
      attributes,
    );
    expect(rest).toEqual([]);
    expect(dated?.sql).toMatch(/FROM catalog_product_entity_datetime/);
    expect(dated?.sql).toMatch(/entity_id > \? ORDER BY entity_id LIMIT \?$/);
    expect(dated?.params).toEqual([
      78,
      '2026-11-02 00:00:00',
      '2026-11-03 00:00:00',
      79,
      '2026-11-01 00:00:00',
      '2026-11-02 00:00:00',
    ]);
    expect(rules?.sql).toMatch(/FROM catalogrule_product_price/);
    expect(rules?.sql).toMatch(/product_id > \? ORDER BY product_id LIMIT \?$/);
    expect(rules?.params).toEqual([[1], ['2026-11-01', '2026-11-02']]);
  });

  it('shares the conditions of websites whose days turned alike, and keeps the others apart', () => {
    const [dated, rules] = dayChangeQueries(
      [
        { websiteId: 3, from: '2026-11-01', to: '2026-11-02' },
        { websiteId: 1, from: '2026-11-02', to: '2026-11-03' },
        { websiteId: 2, from: '2026-11-01', to: '2026-11-02' },
      ],
      attributes,
    );
    expect(dated?.params).toHaveLength(12);
    expect(dated?.sql.match(/attribute_id = \?/g)).toHaveLength(4);
    expect(rules?.params).toEqual([[2, 3], ['2026-11-01', '2026-11-02'], [1], ['2026-11-02', '2026-11-03']]);
  });

  it('lists nothing for no turn, and only rule prices in an install without the date attributes', () => {
    expect(dayChangeQueries([], attributes)).toEqual([]);
    const queries = dayChangeQueries([{ websiteId: 1, from: '2026-11-01', to: '2026-11-02' }], {
      specialFromDate: undefined,
      specialToDate: undefined,
    });
    expect(queries.map((q) => q.sql.includes('catalogrule_product_price'))).toEqual([true]);
  });
});

describe('day arithmetic', () => {
  it('crosses months and years', () => {
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(previousDay('2026-03-01')).toBe('2026-02-28');
    expect(describeTurns([{ websiteId: 1, from: '2026-11-01', to: '2026-11-02' }])).toBe(
      'website 1 2026-11-01 → 2026-11-02',
    );
  });
});
