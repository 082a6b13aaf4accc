import { feedServiceEnvSchema } from '@cde/feed-engine';
import { documentedVariables } from '@cde/testing/runtime';
import { loadConfig } from './app.config';

describe(loadConfig.name, () => {
  it('runs as inventory-feed, with its one feed unless CDE_FEEDS picks it', () => {
    const sut = loadConfig({});
    expect(sut.service).toBe('inventory-feed');
    expect(sut.kafka.consumerGroup).toBe('inventory-feed');
    expect(sut.feeds).toEqual(['inventoryStockStatus']);
    expect(loadConfig({ CDE_FEEDS: 'inventoryStockStatus' }).feeds).toEqual(['inventoryStockStatus']);
  });

  it('reads exactly the variables docs/configuration.md lists for the feed services', () => {
    // docs/configuration.md: inventory-feed reads the feed services' variables, the rows naming scopes-feed.
    expect(Object.keys(feedServiceEnvSchema.shape).sort()).toEqual(documentedVariables('scopes-feed'));
  });
});
