import { feedServiceEnvSchema } from '@cde/feed-engine';
import { documentedVariables } from '@cde/testing/runtime';
import { loadConfig } from './app.config';

describe(loadConfig.name, () => {
  it('runs as prices-feed, with every feed of the service unless CDE_FEEDS picks some', () => {
    const sut = loadConfig({});
    expect(sut.service).toBe('prices-feed');
    expect(sut.kafka.consumerGroup).toBe('prices-feed');
    expect(sut.feeds.length).toBeGreaterThan(0);
    expect(loadConfig({ CDE_FEEDS: sut.feeds[0] }).feeds).toEqual([sut.feeds[0]]);
  });

  it('reads exactly the variables docs/configuration.md lists for it', () => {
    expect(Object.keys(feedServiceEnvSchema.shape).sort()).toEqual(documentedVariables('prices-feed'));
  });
});
