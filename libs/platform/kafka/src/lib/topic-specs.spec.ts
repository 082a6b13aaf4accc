import { FEED_NAMES, Topics } from '@cde/contracts';
import {
  commandsTopicSpec,
  eventsTopicSpec,
  feedDeadLetterTopicSpec,
  feedTopicSpec,
  serviceDeadLetterTopicSpec,
} from './topic-specs';

describe(feedTopicSpec.name, () => {
  it.each(FEED_NAMES)('makes cde.feed.%s a compacted topic', (feed) => {
    const spec = feedTopicSpec(feed);
    expect(spec.topic).toBe(Topics.feed(feed));
    expect(spec.configs['cleanup.policy']).toBe('compact');
    // Compaction must lag behind the exporter, and segments must roll so compaction reaches them.
    expect(Number(spec.configs['min.compaction.lag.ms'])).toBeGreaterThanOrEqual(60 * 60 * 1000);
    expect(Number(spec.configs['segment.ms'])).toBeLessThan(7 * 24 * 60 * 60 * 1000);
    expect(spec.configs['retention.ms']).toBeUndefined();
  });

  it('takes items up to the message limit: 4 MiB unless the deployment sets another', () => {
    expect(feedTopicSpec('productAttributes').configs['max.message.bytes']).toBe(String(4 * 1024 * 1024));
    expect(feedTopicSpec('products', { maxMessageBytes: 2_097_152 }).configs['max.message.bytes']).toBe(
      '2097152',
    );
    // A poison item is copied to its service's dead letters whole, with headers added.
    const dlt = Number(serviceDeadLetterTopicSpec('exporter').configs['max.message.bytes']);
    expect(dlt).toBeGreaterThan(4 * 1024 * 1024);
  });

  it('takes partitions and replication from the caller', () => {
    const spec = feedTopicSpec('prices', { numPartitions: 12, replicationFactor: 3 });
    expect(spec.numPartitions).toBe(12);
    expect(spec.replicationFactor).toBe(3);
    expect(feedTopicSpec('prices').replicationFactor).toBeUndefined();
  });
});

const deletePolicySpecs = [
  feedDeadLetterTopicSpec,
  serviceDeadLetterTopicSpec,
  commandsTopicSpec,
  eventsTopicSpec,
];

describe(deletePolicySpecs.map((f) => f.name).join(', '), () => {
  it.each([
    [feedDeadLetterTopicSpec('products'), 'cde.feed.products.dlt'],
    [serviceDeadLetterTopicSpec('exporter'), 'cde.exporter.dlt'],
    [commandsTopicSpec(), 'cde.commands'],
    [eventsTopicSpec(), 'cde.events'],
  ])('%# %s keeps its messages for a bounded time', (spec, topic) => {
    expect(spec.topic).toBe(topic);
    expect(spec.configs['cleanup.policy']).toBe('delete');
    expect(Number(spec.configs['retention.ms'])).toBeGreaterThan(0);
  });

  it('keeps commands in one partition so they stay in order', () => {
    expect(commandsTopicSpec().numPartitions).toBe(1);
  });
});
