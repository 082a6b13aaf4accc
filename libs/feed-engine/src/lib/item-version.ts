/** The later of a stored version and a floor (the version a receiver holds), for `nextVersion`. */
export function laterVersion(last: unknown, floor: string | undefined): unknown {
  return floor !== undefined && (typeof last !== 'string' || floor > last) ? floor : last;
}

/**
 * An item's version (its `modifiedAt` / `updatedAt`, which the receiver orders by): the clock's time, or one
 * millisecond after the version last published when that is not behind the clock. One item's versions therefore
 * never go back, whatever a clock does (an NTP step back, a replica whose clock runs behind another's).
 */
export function nextVersion(clock: Date, previous: unknown): string {
  const last = typeof previous === 'string' ? Date.parse(previous) : Number.NaN;
  const at = Number.isFinite(last) && last >= clock.getTime() ? last + 1 : clock.getTime();
  return new Date(at).toISOString();
}
