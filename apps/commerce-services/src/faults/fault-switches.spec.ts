import {
  applyFaultPatch,
  failsByErrorRate,
  faultPatchSchema,
  firstMatch,
  itemMatches,
  NO_FAULTS,
  seededRandom,
} from './fault-switches';

describe(applyFaultPatch.name, () => {
  it('replaces the fields given and keeps the others', () => {
    const once = applyFaultPatch(NO_FAULTS, { errorRate: 0.5, rateLimit: 5 });
    const twice = applyFaultPatch(once, { hang: true });
    expect(twice).toEqual({ ...NO_FAULTS, errorRate: 0.5, rateLimit: 5, hang: true });
  });

  it('goes back to the configured rate limit on rateLimit: null', () => {
    expect(applyFaultPatch({ ...NO_FAULTS, rateLimit: 5 }, { rateLimit: null }).rateLimit).toBeNull();
  });
});

describe('faultPatchSchema', () => {
  it.each([
    [{ errorRate: 1.5 }],
    [{ latencyMs: -1 }],
    [{ rejectItems: [{ field: 'sku' }] }],
    [{ rejectItems: [{ feed: 'nope', field: 'sku', value: 'A' }] }],
    [{ hang: 'yes' }],
    [{ refuseKey: 1 }],
    [{ rejectItems: [{ field: 'sku', value: 'A', status: 600 }] }],
    [{ rejectBatches: [{ field: 'sku', value: 'A', status: 2 }] }],
    [{ unknownSwitch: true }],
  ])('refuses %j', (patch) => {
    expect(faultPatchSchema.safeParse(patch).success).toBe(false);
  });

  it('accepts every switch', () => {
    const patch = {
      errorRate: 0.25,
      latencyMs: 100,
      hang: false,
      refuseKey: true,
      rejectItems: [
        { feed: 'prices', field: 'sku', value: 'BAD' },
        { field: 'sku', value: 'LATER', status: 2 },
      ],
      rejectBatches: [{ field: 'websiteId', value: 1 }],
      rateLimit: 0,
      seed: 7,
    };
    expect(faultPatchSchema.parse(patch)).toEqual(patch);
  });
});

describe(itemMatches.name, () => {
  it('matches a top-level field strictly, in the matcher feed or in all', () => {
    const item = { sku: 'A', websiteId: 1 };
    expect(itemMatches('prices', item, { field: 'sku', value: 'A' })).toBe(true);
    expect(itemMatches('prices', item, { feed: 'prices', field: 'sku', value: 'A' })).toBe(true);
    expect(itemMatches('products', item, { feed: 'prices', field: 'sku', value: 'A' })).toBe(false);
    expect(itemMatches('prices', item, { field: 'websiteId', value: '1' })).toBe(false);
    expect(itemMatches('prices', item, { field: 'missing', value: null })).toBe(false);
    expect(itemMatches('prices', { x: null }, { field: 'x', value: null })).toBe(true);
  });

  it('reports the first matcher met', () => {
    const matchers = [
      { field: 'sku', value: 'B' },
      { field: 'sku', value: 'A' },
    ];
    expect(firstMatch('prices', { sku: 'A' }, matchers)).toBe(matchers[1]);
    expect(firstMatch('prices', { sku: 'C' }, matchers)).toBeUndefined();
  });
});

describe(failsByErrorRate.name, () => {
  it('never fails at 0 and always at 1, without drawing', () => {
    const random = jest.fn(() => 0.5);
    expect(failsByErrorRate(0, random)).toBe(false);
    expect(failsByErrorRate(1, random)).toBe(true);
    expect(random).not.toHaveBeenCalled();
  });

  it('fails when the draw is below the rate', () => {
    expect(failsByErrorRate(0.3, () => 0.29)).toBe(true);
    expect(failsByErrorRate(0.3, () => 0.3)).toBe(false);
  });
});

describe(seededRandom.name, () => {
  it('repeats its sequence for a seed, stays in [0, 1) and hits a rate about right', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const draws = Array.from({ length: 10_000 }, () => a());
    expect(Array.from({ length: 10_000 }, () => b())).toEqual(draws);
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    const share = draws.filter((x) => x < 0.2).length / draws.length;
    expect(share).toBeGreaterThan(0.18);
    expect(share).toBeLessThan(0.22);
    expect(seededRandom(43)()).not.toBe(seededRandom(42)());
  });
});
