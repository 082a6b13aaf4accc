import type { FeedName } from '@cde/contracts';

/** One ingestion request as tests and demos look at it (`GET /api/requests`); never the payload. */
export interface RequestRecord {
  readonly method: string;
  readonly path: string;
  readonly feed: FeedName | null;
  /** HTTP status answered; 499 when the client gave up first. */
  readonly status: number;
  /** Items in the batch, when it was read. */
  readonly items: number;
  readonly failedItems: number;
  readonly staleItems: number;
  readonly latencyMs: number;
  readonly requestId: string;
  /** ISO time the request arrived. */
  readonly at: string;
  /** The error of a non-200 answer (`items_limit_exceeded`, `rate_limited`…). */
  readonly error?: string;
}

/** The most recent ingestion requests, in memory: a bounded ring, oldest dropped first. */
export class RequestLog {
  private readonly ring: (RequestRecord | undefined)[];
  private next = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    this.ring = new Array<RequestRecord | undefined>(capacity);
  }

  add(record: RequestRecord): void {
    this.ring[this.next] = record;
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  /** Newest first, optionally of one feed. */
  recent(limit: number, feed?: FeedName): RequestRecord[] {
    const out: RequestRecord[] = [];
    for (let i = 1; i <= this.size && out.length < limit; i++) {
      const record = this.ring[(this.next - i + this.capacity) % this.capacity];
      if (record !== undefined && (feed === undefined || record.feed === feed)) out.push(record);
    }
    return out;
  }

  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
    this.size = 0;
  }
}
