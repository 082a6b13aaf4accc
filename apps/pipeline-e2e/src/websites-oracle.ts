import { eventually, type Pipeline } from './pipeline-harness';
import { expectedScopesItems, normaliseScopesItem } from './scopes-oracle';

/** The receiver's live websites and the oracle's, keyed by website id. */
export interface WebsitesComparison {
  readonly expected: Record<string, unknown>;
  readonly actual: Record<string, unknown>;
}

/**
 * The scopesWebsite feed of a pipeline against what SQL says: the comparison now, the wait until both sides are
 * equal (bounded; the last comparison is returned either way, for the assertion to show), and one website as the
 * receiver holds it.
 */
export class WebsitesOracle {
  constructor(private readonly pipeline: Pipeline) {}

  async compare(): Promise<WebsitesComparison> {
    const oracle = await expectedScopesItems(this.pipeline.shop);
    const live = (await this.pipeline.items('scopesWebsite')).filter((i) => i['deleted'] !== true);
    return {
      expected: Object.fromEntries(oracle.websites),
      actual: Object.fromEntries(live.map((i) => [String(i['websiteId']), normaliseScopesItem(i)])),
    };
  }

  async converged(timeoutMs: number): Promise<WebsitesComparison> {
    let last = await this.compare();
    await eventually(async () => {
      last = await this.compare();
      return JSON.stringify(last.expected) === JSON.stringify(last.actual);
    }, timeoutMs);
    return last;
  }

  async receiverHas(websiteId: number): Promise<Record<string, unknown> | undefined> {
    return (await this.pipeline.items('scopesWebsite')).find((i) => i['websiteId'] === String(websiteId));
  }
}
