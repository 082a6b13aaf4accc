import { toAdminItem } from './admin-read.repository';
import { itemHistory } from './item-history';

const row = {
  id: 7,
  feed_id: 'f'.repeat(40),
  source_entity_id: 12,
  modified_at: '2026-12-05 08:00:01.000',
  is_deleted: 0,
  status: 2,
  feed_data: '{"sku":"A","storeViewCode":"default"}',
  feed_hash: 'b'.repeat(40),
  sent_hash: 'a'.repeat(40),
  errors: 'HTTP 503',
  metadata: '["req-1"]',
  attempts: 3,
  parked: 1,
  produced_at: '2026-12-05 08:00:02.000',
  acked_at: '2026-12-05 08:00:03.000',
  source_commit_time: '2026-12-05 08:00:00.000',
};

describe(itemHistory.name, () => {
  it('tells the chain from the commit to parking', () => {
    const item = toAdminItem(row);
    expect(item).toMatchObject({ state: 'parked', requestId: 'req-1', feedData: { sku: 'A' } });
    expect(itemHistory(item).map((s) => [s.step, s.detail])).toEqual([
      ['committed', 'change to entity 12'],
      ['assembled', 'version bbbbbbbbbbbb'],
      ['published', 'version aaaaaaaaaaaa (older than the one assembled)'],
      ['answered', 'retryable failure; request req-1; 3 failed attempt(s); HTTP 503'],
      ['parked', 'retry budget spent: HTTP 503'],
    ]);
  });

  it('stops at assembly for an item never published', () => {
    const item = toAdminItem({
      ...row,
      sent_hash: null,
      acked_at: null,
      parked: 0,
      source_commit_time: null,
      status: 0,
    });
    expect(itemHistory(item).map((s) => s.step)).toEqual(['assembled']);
  });
});
