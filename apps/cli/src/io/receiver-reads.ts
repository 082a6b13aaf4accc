import type { FeedName } from '@cde/contracts';
import { request } from 'undici';

/** The bundled receiver's read API (`GET /api/feeds/{feed}/items`), with the API key. */
export class ReceiverReads {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  private async get(path: string): Promise<{ status: number; body: unknown }> {
    const response = await request(`${this.baseUrl.replace(/\/+$/, '')}${path}`, {
      headers: { 'x-api-key': this.apiKey, accept: 'application/json' },
      headersTimeout: 10_000,
      bodyTimeout: 30_000,
    });
    const text = await response.body.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      // not JSON: kept as text
    }
    return { status: response.statusCode, body };
  }

  /** 200 when reachable, or null without an answer. */
  async health(): Promise<number | null> {
    return this.get('/health').then(
      (r) => r.status,
      () => null,
    );
  }

  /** Status of an authenticated read: 200 when the API key is accepted. */
  async keyStatus(): Promise<number | null> {
    return this.get('/api/feeds/products/stats').then(
      (r) => r.status,
      () => null,
    );
  }

  /** The receiver's copy of an item (deleted ones included), or null. */
  async item(
    feed: FeedName,
    identity: Readonly<Record<string, string>>,
  ): Promise<Record<string, unknown> | null> {
    const query = new URLSearchParams({ ...identity, limit: '1' });
    const { status, body } = await this.get(`/api/feeds/${feed}/items?${query.toString()}`);
    if (status !== 200) throw new Error(`the receiver answered HTTP ${status} for ${feed} items`);
    const items = (body as { items?: Record<string, unknown>[] }).items ?? [];
    return items[0] ?? null;
  }

  /** Every item the receiver holds for a feed, in pages (bounded by `max`). */
  async items(feed: FeedName, max = 1_000_000): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    for (let offset = 0; offset < max; offset += 1000) {
      const { status, body } = await this.get(`/api/feeds/${feed}/items?limit=1000&offset=${offset}`);
      if (status !== 200) throw new Error(`the receiver answered HTTP ${status} for ${feed} items`);
      const page = (body as { items?: Record<string, unknown>[] }).items ?? [];
      out.push(...page);
      if (page.length < 1000) break;
    }
    return out;
  }
}
