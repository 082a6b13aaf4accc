import { FEEDS, type FeedName } from '@cde/contracts';
import { request } from 'undici';

/** What the receiver holds for one item, found by the item's identity fields through its read API. */
export class ReceiverClient {
  constructor(
    private readonly url: string,
    private readonly apiKey: string,
  ) {}

  async item(
    feed: FeedName,
    identity: Readonly<Record<string, unknown>>,
  ): Promise<Record<string, unknown> | null> {
    const query = new URLSearchParams({ limit: '2' });
    for (const field of FEEDS[feed].identity) {
      const value = identity[field];
      if (typeof value !== 'string' && typeof value !== 'number') return null;
      query.set(field, String(value));
    }
    const res = await request(`${this.url}/api/feeds/${feed}/items?${query.toString()}`, {
      headers: { 'x-api-key': this.apiKey },
      headersTimeout: 5_000,
      bodyTimeout: 5_000,
    });
    if (res.statusCode !== 200) {
      await res.body.dump();
      throw new Error(`the receiver answered ${res.statusCode}`);
    }
    const body = (await res.body.json()) as { items?: Record<string, unknown>[] };
    return body.items?.[0] ?? null;
  }
}
