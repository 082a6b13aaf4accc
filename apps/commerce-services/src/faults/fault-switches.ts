import { FEED_NAMES, type FeedName } from '@cde/contracts';
import { z } from 'zod';

/** Matches items whose top-level `field` equals `value` (strictly), in one feed or in all. */
const itemMatcherSchema = z.strictObject({
  feed: z.enum(FEED_NAMES).optional(),
  field: z.string().min(1),
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
});

export type ItemMatcher = z.infer<typeof itemMatcherSchema>;

/**
 * A `rejectItems` matcher: with `status`, the matched items come back with that per-item status (2: retryable, the
 * sender's dead-letter path; 5xx likewise), else with none (a final item failure).
 */
const itemRejectionSchema = itemMatcherSchema.extend({
  status: z.number().int().min(0).max(599).optional(),
});

export type ItemRejection = z.infer<typeof itemRejectionSchema>;

/** Longest a request may be held (latency, hang): under Node's 300 s request timeout, so the answer is ours. */
export const MAX_HOLD_MS = 290_000;

/**
 * A change to the fault switches (`PUT /api/faults`, `CDE_RECEIVER_FAULTS`): fields left out keep their value.
 * `rateLimit: null` goes back to the configured rate limit; `seed` restarts the random source.
 */
export const faultPatchSchema = z.strictObject({
  errorRate: z.number().min(0).max(1).optional(),
  latencyMs: z.number().int().min(0).max(MAX_HOLD_MS).optional(),
  hang: z.boolean().optional(),
  refuseKey: z.boolean().optional(),
  rejectItems: z.array(itemRejectionSchema).max(1_000).optional(),
  rejectBatches: z.array(itemMatcherSchema).max(1_000).optional(),
  rateLimit: z.number().int().min(0).nullable().optional(),
  seed: z.number().int().optional(),
});

export type FaultPatch = z.infer<typeof faultPatchSchema>;

export interface FaultSwitches {
  /** Share of ingestion requests answered 503 before anything else happens. */
  readonly errorRate: number;
  /** Delay added before an ingestion request is handled. */
  readonly latencyMs: number;
  /** Requests wait, unanswered, until the switch is off, the client gives up or the server's hang timeout. */
  readonly hang: boolean;
  /** Ingestion requests are answered 401 as if their x-api-key were wrong (a revoked key); reads are not. */
  readonly refuseKey: boolean;
  /** Matching items come back as failed items of a 200, with the matcher's per-item status if it has one. */
  readonly rejectItems: readonly ItemRejection[];
  /** A batch with a matching item is answered 400 as a whole. */
  readonly rejectBatches: readonly ItemMatcher[];
  /** Overrides the configured rate limit (requests per second, 0 = unlimited); null: the configured one. */
  readonly rateLimit: number | null;
}

export const NO_FAULTS: FaultSwitches = {
  errorRate: 0,
  latencyMs: 0,
  hang: false,
  refuseKey: false,
  rejectItems: [],
  rejectBatches: [],
  rateLimit: null,
};

export function applyFaultPatch(current: FaultSwitches, patch: FaultPatch): FaultSwitches {
  return {
    errorRate: patch.errorRate ?? current.errorRate,
    latencyMs: patch.latencyMs ?? current.latencyMs,
    hang: patch.hang ?? current.hang,
    refuseKey: patch.refuseKey ?? current.refuseKey,
    rejectItems: patch.rejectItems ?? current.rejectItems,
    rejectBatches: patch.rejectBatches ?? current.rejectBatches,
    rateLimit: patch.rateLimit === undefined ? current.rateLimit : patch.rateLimit,
  };
}

export function itemMatches(
  feed: FeedName,
  item: Readonly<Record<string, unknown>>,
  m: ItemMatcher,
): boolean {
  return (
    (m.feed === undefined || m.feed === feed) && Object.hasOwn(item, m.field) && item[m.field] === m.value
  );
}

/** The first matcher an item meets, if any. */
export function firstMatch<M extends ItemMatcher>(
  feed: FeedName,
  item: Readonly<Record<string, unknown>>,
  matchers: readonly M[],
): M | undefined {
  return matchers.find((m) => itemMatches(feed, item, m));
}

/** Whether this request is failed by `errorRate`; draws from the random source only when it matters. */
export function failsByErrorRate(errorRate: number, random: () => number): boolean {
  if (errorRate <= 0) return false;
  if (errorRate >= 1) return true;
  return random() < errorRate;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same fault sequence, so tests are deterministic. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
