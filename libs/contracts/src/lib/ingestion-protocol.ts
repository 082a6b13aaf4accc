import type { FeedName } from './feeds';
import { FEEDS } from './feeds';

/**
 * The feed ingestion protocol the exporter speaks and the bundled commerce-services receiver serves (the
 * original's SaaS contract): POST a gzip JSON array of one feed's items to the feed's path under the base URL.
 */
export const IngestionHeaders = {
  /** The merchant's public API key. */
  apiKey: 'x-api-key',
  /** An RS256 JWT signed with the merchant's private key (short expiry). */
  signature: 'x-gw-signature',
  /** The receiver's id of the request, written to the feed state's metadata[0]. */
  requestId: 'x-request-id',
  /** Seconds to wait after a 429. */
  retryAfter: 'retry-after',
} as const;

/** Claims of the `x-gw-signature` JWT. */
export interface IngestionJwtClaims {
  /** The data space: the environment id. */
  readonly sub: string;
  /** The API key the request carries, so a token cannot be replayed with another key. */
  readonly apiKey: string;
  readonly iat: number;
  /** At most 5 minutes after iat, as the original signs it. */
  readonly exp: number;
}

export const INGESTION_JWT_MAX_LIFETIME_SECONDS = 300;

/** One failed item of a 200 response, by its position in the posted array. */
export interface FailedItem {
  readonly message: string;
  readonly field?: string;
  /** Status to store for the item; 1 (failed item) when absent. */
  readonly status?: number;
  /** With status 409 (stale): the version the receiver holds, which a resend must pass. */
  readonly heldVersion?: string;
}

/**
 * The per-item status of an item refused because the receiver holds a newer version of it (I2): the bundled
 * receiver lists such items as failed with this status, so the sender knows what it sent did not apply and can
 * send the current state again with a newer version. 409, as HTTP names a conflict with the current state.
 */
export const STALE_ITEM_STATUS = 409;

/**
 * Body of a 200 response: the items that failed, keyed by their position in the batch (as a JSON object, the
 * way PHP encodes a sparse array; an array of `{ position, … }` is accepted too). Absent or empty: all accepted.
 */
export interface IngestionResponse {
  readonly failedItems?:
    Readonly<Record<string, FailedItem>> | readonly (FailedItem & { readonly position: number })[];
}

/** Body of a 400 response: the batch as a whole was rejected. */
export interface IngestionRejection {
  readonly error: string;
  readonly failedItems?: IngestionResponse['failedItems'];
}

/** The feed's path for an environment (data space). */
export function ingestionPath(feed: FeedName, environmentId: string): string {
  return FEEDS[feed].endpointPath.replace('{environmentId}', encodeURIComponent(environmentId));
}

/** The feed a path serves, for the receiver's router; undefined for unknown paths. */
export function feedOfIngestionPath(path: string): { feed: FeedName; environmentId: string } | undefined {
  for (const meta of Object.values(FEEDS)) {
    const [prefix, suffix] = meta.endpointPath.split('{environmentId}');
    if (prefix === undefined || suffix === undefined || !path.startsWith(prefix) || !path.endsWith(suffix))
      continue;
    const environmentId = decodeURIComponent(path.slice(prefix.length, path.length - suffix.length));
    if (environmentId && !environmentId.includes('/')) return { feed: meta.name, environmentId };
  }
  return undefined;
}
