import { ExportCode, type FailedItem } from '@cde/contracts';

/** What came back for one POST; status 0 when no response did (timeout, refused, reset). */
export interface IngestionResult {
  readonly statusCode: number;
  readonly body: string;
  /** The `x-request-id` response header. */
  readonly requestId: string | null;
  /** The `retry-after` response header, as sent. */
  readonly retryAfter: string | null;
  /** For status 0: what went wrong (timeout, ECONNREFUSED…). */
  readonly error?: string;
}

/**
 * How a response is treated, as the original defines it (`FeedExportStatus`), plus our 400 splitting and our
 * reading of 413: a batch larger than the receiver accepts is split like a 400 until it fits, and an item too
 * large on its own is rejected (the original retries it for ever, which stalls the feed).
 */
export type ResponseVerdict =
  | {
      readonly kind: 'accepted';
      /** Items listed as failed, by position in the posted array. */
      readonly failedItems: ReadonlyMap<number, FailedItem>;
      /** Set when the body was not the protocol's; the status code still counts. */
      readonly unparsable?: string;
    }
  | {
      readonly kind: 'rejected';
      /** 400: the data; 413: the size. */
      readonly status: 400 | 413;
      readonly reason: string;
      /** Items the receiver named as the bad ones, if it did. */
      readonly failedItems: ReadonlyMap<number, FailedItem>;
      readonly unparsable?: string;
    }
  | {
      readonly kind: 'throttled';
      readonly reason: string;
      /** From Retry-After; undefined when absent or unreadable. */
      readonly retryAfterMs: number | undefined;
    }
  | {
      readonly kind: 'retryable';
      readonly code: typeof ExportCode.ServerError | typeof ExportCode.ClientError;
      readonly reason: string;
    };

const MAX_REASON = 300;

export function classifyResponse(result: IngestionResult, itemCount: number, nowMs: number): ResponseVerdict {
  const { statusCode } = result;
  if (statusCode >= 200 && statusCode < 300) {
    const body = parseBody(result.body, itemCount);
    return { kind: 'accepted', failedItems: body.failedItems, ...unparsable(body.problem) };
  }
  if (statusCode === 400) {
    const body = parseBody(result.body, itemCount);
    return {
      kind: 'rejected',
      status: 400,
      reason: body.error ?? reasonOf(result),
      failedItems: body.failedItems,
      ...unparsable(body.problem),
    };
  }
  if (statusCode === 413) {
    return { kind: 'rejected', status: 413, reason: reasonOf(result), failedItems: new Map() };
  }
  if (statusCode === 429) {
    return {
      kind: 'throttled',
      reason: reasonOf(result),
      retryAfterMs: parseRetryAfter(result.retryAfter, nowMs),
    };
  }
  if (statusCode === 0 || statusCode >= 500) {
    return { kind: 'retryable', code: ExportCode.ServerError, reason: reasonOf(result) };
  }
  return { kind: 'retryable', code: ExportCode.ClientError, reason: reasonOf(result) };
}

function unparsable(problem: string | undefined): { unparsable?: string } {
  return problem === undefined ? {} : { unparsable: problem };
}

/** `HTTP 503: <start of the body>`, or the network error; bounded, as it is stored in `errors` and logged. */
export function reasonOf(result: IngestionResult): string {
  const text =
    result.statusCode === 0
      ? (result.error ?? 'no response')
      : `HTTP ${result.statusCode}${result.body.trim() === '' ? '' : `: ${result.body.trim()}`}`;
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text;
}

/**
 * Milliseconds to wait from a Retry-After value: delay-seconds or an HTTP-date. Undefined when absent or
 * unreadable (the caller then picks its own pause).
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

interface ParsedBody {
  readonly failedItems: Map<number, FailedItem>;
  readonly error?: string;
  readonly problem?: string;
}

/**
 * The body of a 200 or 400: `{ failedItems?, error? }` with failedItems keyed by position (an object, as PHP
 * encodes a sparse array) or an array of `{ position, message, … }`. Entries naming no item of the batch are
 * reported, not applied.
 */
export function parseBody(body: string, itemCount: number): ParsedBody {
  const failedItems = new Map<number, FailedItem>();
  if (body.trim() === '') return { failedItems };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { failedItems, problem: 'the body is not JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { failedItems, problem: 'the body is not a JSON object' };
  }
  const { failedItems: raw, error } = parsed as { failedItems?: unknown; error?: unknown };
  const problems: string[] = [];
  const entries: [unknown, unknown][] = Array.isArray(raw)
    ? raw.map((entry: unknown) => [
        typeof entry === 'object' && entry !== null ? (entry as { position?: unknown }).position : undefined,
        entry,
      ])
    : typeof raw === 'object' && raw !== null
      ? Object.entries(raw)
      : [];
  if (raw !== undefined && raw !== null && typeof raw !== 'object')
    problems.push('failedItems is not a list');
  for (const [key, entry] of entries) {
    const position =
      typeof key === 'number' ? key : typeof key === 'string' && /^\d+$/.test(key) ? Number(key) : NaN;
    const item = toFailedItem(entry);
    if (!Number.isInteger(position) || position < 0 || position >= itemCount || item === undefined) {
      problems.push(`failed item ${JSON.stringify(key)} names no item of the batch or has no message`);
      continue;
    }
    failedItems.set(position, item);
  }
  return {
    failedItems,
    ...(typeof error === 'string' && error !== '' ? { error } : {}),
    ...(problems.length > 0 ? { problem: problems.slice(0, 3).join('; ') } : {}),
  };
}

function toFailedItem(entry: unknown): FailedItem | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { message, field, status, heldVersion } = entry as Record<string, unknown>;
  if (typeof message !== 'string') return undefined;
  return {
    message,
    ...(typeof field === 'string' ? { field } : {}),
    ...(typeof status === 'number' && Number.isInteger(status) ? { status } : {}),
    ...(typeof heldVersion === 'string' && heldVersion !== '' ? { heldVersion } : {}),
  };
}
