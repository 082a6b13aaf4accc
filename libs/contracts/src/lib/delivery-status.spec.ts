import { DELIVERY_STATE_SQL, DeliveryStatus, deliveryStateOf } from './delivery-status';

describe('delivery states of a stored status', () => {
  it('reads the original vocabulary and the stale refusal', () => {
    expect([0, 200, 400, 1, 2, 409, 503].map((s) => [s, deliveryStateOf(s)])).toEqual([
      [0, 'pending'],
      [200, 'accepted'],
      [400, 'rejected'],
      [1, 'rejected'],
      [2, 'retrying'],
      [409, 'retrying'],
      [503, 'retrying'],
    ]);
  });

  it('says the same in SQL', () => {
    expect(DELIVERY_STATE_SQL).toEqual({
      pending: 'status = 0',
      accepted: 'status = 200',
      rejected: 'status IN (400, 1)',
      retrying: 'status NOT IN (0, 200, 400, 1)',
    });
    expect(DeliveryStatus.Stale).toBe(409);
  });
});
