import { DELIVERY_STATE_SQL, DeliveryStatus, deliveryStateOf } from './delivery-status';

describe('delivery states of a stored status', () => {
  it('reads the original vocabulary, the stale refusal and a raw per-item status', () => {
    expect([0, 200, 400, 1, 2, 409, 403].map((s) => [s, deliveryStateOf(s)])).toEqual([
      [0, 'pending'],
      [200, 'accepted'],
      [400, 'rejected'],
      [1, 'rejected'],
      [2, 'retrying'],
      [409, 'retrying'],
      [403, 'rejected'],
    ]);
  });

  it('says the same in SQL', () => {
    expect(DELIVERY_STATE_SQL).toEqual({
      pending: 'status = 0',
      accepted: 'status = 200',
      retrying: 'status IN (2, 409)',
      rejected: 'status NOT IN (0, 200, 2, 409)',
    });
    expect(DeliveryStatus.Stale).toBe(409);
  });
});
