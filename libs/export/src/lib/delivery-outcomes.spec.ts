import { ExportCode } from '@cde/contracts';
import { acceptedFates, isRetryableItemStatus, planRejection } from './delivery-outcomes';

describe(acceptedFates.name, () => {
  it('gives 200 to every item but the failed ones, which get their status or 1', () => {
    expect(
      acceptedFates(
        4,
        new Map([
          [1, { message: 'bad price', field: 'price' }],
          [2, { message: 'later', status: 2 }],
          [3, { message: 'forbidden', status: 403 }],
        ]),
      ),
    ).toEqual([
      { kind: 'recorded', status: 200, errors: null },
      { kind: 'recorded', status: 1, errors: 'price: bad price' },
      { kind: 'dead-letter', statusCode: 2, reason: 'later', code: ExportCode.ItemRetryable },
      { kind: 'recorded', status: 403, errors: 'forbidden' },
    ]);
  });

  it('sends an item refused as stale (409) back to its feed service with code CDE02-19, stored as 409', () => {
    expect(
      acceptedFates(
        2,
        new Map([
          [
            1,
            {
              message: 'stale: version T1 is older than the version held, T2',
              field: 'updatedAt',
              status: 409,
              heldVersion: 'T2',
            },
          ],
        ]),
      ),
    ).toEqual([
      { kind: 'recorded', status: 200, errors: null },
      {
        kind: 'dead-letter',
        statusCode: 409,
        reason: 'updatedAt: stale: version T1 is older than the version held, T2',
        code: ExportCode.ItemStale,
        status: 409,
        heldVersion: 'T2',
      },
    ]);
  });

  it.each([
    [2, true],
    [0, true],
    [429, true],
    [503, true],
    [1, false],
    [400, false],
    [401, false],
  ])('treats item status %i as retryable: %p', (status, retryable) => {
    expect(isRetryableItemStatus(status)).toBe(retryable);
  });
});

describe(planRejection.name, () => {
  it('rejects a single item for good', () => {
    expect(planRejection(1, 'bad', new Map())).toEqual({
      rejected: new Map([[0, { kind: 'recorded', status: 400, errors: 'bad' }]]),
      resend: [],
    });
  });

  it('halves a batch when the receiver does not say which items are bad', () => {
    expect(planRejection(5, 'bad', new Map())).toEqual({
      rejected: new Map(),
      resend: [
        [0, 1, 2],
        [3, 4],
      ],
    });
  });

  it('rejects the named items and resends the rest together', () => {
    const sut = planRejection(4, 'bad batch', new Map([[2, { message: 'no sku', field: 'sku' }]]));
    expect(sut.rejected).toEqual(new Map([[2, { kind: 'recorded', status: 400, errors: 'sku: no sku' }]]));
    expect(sut.resend).toEqual([[0, 1, 3]]);
  });

  it('rejects everything when every item is named', () => {
    const sut = planRejection(
      2,
      'bad',
      new Map([
        [0, { message: 'a' }],
        [1, { message: 'b' }],
      ]),
    );
    expect([...sut.rejected.keys()]).toEqual([0, 1]);
    expect(sut.resend).toEqual([]);
  });

  it('isolates one bad item among 100 in about 2·log2(100) requests', () => {
    let requests = 0;
    const bad = 37;
    const send = (positions: number[]): void => {
      requests++;
      if (!positions.includes(bad)) return;
      const plan = planRejection(positions.length, 'bad', new Map());
      for (const group of plan.resend) send(group.map((i) => positions[i]!));
    };
    send(Array.from({ length: 100 }, (_, i) => i));
    expect(requests).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(100)));
  });
});
