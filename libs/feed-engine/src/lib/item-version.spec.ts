import { laterVersion, nextVersion } from './item-version';

const clock = new Date('2026-12-06T12:00:00.000Z');

describe('nextVersion', () => {
  it("is the clock's time for a new item, or one whose last version is behind the clock", () => {
    expect(nextVersion(clock, undefined)).toBe('2026-12-06T12:00:00.000Z');
    expect(nextVersion(clock, '2026-12-06T11:59:59.999Z')).toBe('2026-12-06T12:00:00.000Z');
  });

  it('follows the last version by one millisecond when the clock is behind it or equal (never goes back)', () => {
    expect(nextVersion(clock, '2026-12-06T12:05:00.000Z')).toBe('2026-12-06T12:05:00.001Z');
    expect(nextVersion(clock, '2026-12-06T12:00:00.000Z')).toBe('2026-12-06T12:00:00.001Z');
  });

  it('ignores a last version that is not a timestamp', () => {
    expect(nextVersion(clock, '')).toBe('2026-12-06T12:00:00.000Z');
    expect(nextVersion(clock, 'not a date')).toBe('2026-12-06T12:00:00.000Z');
    expect(nextVersion(clock, 1_700_000_000_000)).toBe('2026-12-06T12:00:00.000Z');
  });

  it('orders as a string the way it orders as a time, as the receiver compares versions', () => {
    const versions = [undefined, '2026-12-06T12:05:00.000Z', '2026-12-06T12:05:00.999Z'].map((v) =>
      nextVersion(clock, v),
    );
    expect([...versions].sort()).toEqual(versions);
  });
});

describe('laterVersion', () => {
  it('is the floor when it is ahead of the stored version or there is none, else the stored one', () => {
    expect(laterVersion('2026-12-06T12:00:00.000Z', '2026-12-06T13:00:00.000Z')).toBe(
      '2026-12-06T13:00:00.000Z',
    );
    expect(laterVersion(undefined, '2026-12-06T13:00:00.000Z')).toBe('2026-12-06T13:00:00.000Z');
    expect(laterVersion('2026-12-06T14:00:00.000Z', '2026-12-06T13:00:00.000Z')).toBe(
      '2026-12-06T14:00:00.000Z',
    );
    expect(laterVersion('2026-12-06T14:00:00.000Z', undefined)).toBe('2026-12-06T14:00:00.000Z');
  });
});
