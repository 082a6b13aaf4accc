import { DeliveryStatus } from '@cde/contracts';
import { decideSend, type StoredItemState } from './send-decision';

const stored = (patch: Partial<StoredItemState>): StoredItemState => ({
  feedHash: 'h1',
  sentHash: 'h1',
  status: DeliveryStatus.Accepted,
  isDeleted: false,
  ...patch,
});

describe(decideSend.name, () => {
  it('inserts what was never seen', () => {
    expect(decideSend(undefined, 'h1', false)).toBe('insert');
  });

  it.each([DeliveryStatus.Accepted, DeliveryStatus.Rejected, DeliveryStatus.FailedItem])(
    'skips an unchanged item with final status %i',
    (status) => {
      expect(decideSend(stored({ status }), 'h1', false)).toBe('skip');
    },
  );

  it('skips an unchanged item already published and awaiting its outcome', () => {
    expect(decideSend(stored({ status: DeliveryStatus.Pending, sentHash: 'h1' }), 'h1', false)).toBe('skip');
  });

  it('sends an unchanged item that was stored but never published (legacy, or a crash before publish)', () => {
    expect(decideSend(stored({ status: DeliveryStatus.Pending, sentHash: null }), 'h1', false)).toBe(
      'update',
    );
  });

  it('resends an unchanged item whose last outcome was retryable', () => {
    expect(decideSend(stored({ status: DeliveryStatus.Retryable }), 'h1', false)).toBe('update');
  });

  it('sends a changed item, a revived deleted item, and anything when forced', () => {
    expect(decideSend(stored({}), 'h2', false)).toBe('update');
    expect(decideSend(stored({ isDeleted: true }), 'h1', false)).toBe('update');
    expect(decideSend(stored({}), 'h1', true)).toBe('update');
  });
});
