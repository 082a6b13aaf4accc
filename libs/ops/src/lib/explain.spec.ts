import { feedIdOf } from '@cde/feed-engine';
import { changeOf, diffItems, parseItemId, verdictOf, type Explanation, type StoredState } from './explain';

describe(parseItemId.name, () => {
  const feedId = feedIdOf('products', ['sku', 'storeViewCode'], { sku: 'MH01', storeViewCode: 'default' });

  it('reads identity fields by name, by position, or a feedId', () => {
    expect(parseItemId('products', 'sku=MH01,storeViewCode=default')).toEqual({
      fields: { sku: 'MH01', storeViewCode: 'default' },
      feedId,
    });
    expect(parseItemId('products', 'MH01,default')).toEqual(
      parseItemId('products', 'storeViewCode=default,sku=MH01'),
    );
    expect(parseItemId('products', feedId)).toEqual({ feedId });
  });

  it.each([
    [undefined, /--id is required \(sku=…,storeViewCode=…, or a feedId\)/],
    ['MH01', /does not name sku, storeViewCode of a products item/],
    ['sku=MH01,color=red', /"color" is not one/],
  ])('refuses %p', (value, message) => {
    expect(() => parseItemId('products', value)).toThrow(message);
  });
});

describe(diffItems.name, () => {
  it('lists changed fields by path, timestamps aside', () => {
    expect(
      diffItems(
        { sku: 'A', name: 'Old', modifiedAt: '1', attributes: [{ code: 'c', value: ['x'] }] },
        { sku: 'A', name: 'New', modifiedAt: '2', attributes: [{ code: 'c', value: ['y'] }] },
      ),
    ).toEqual([
      { path: 'attributes.0.value.0', left: 'x', right: 'y' },
      { path: 'name', left: 'Old', right: 'New' },
    ]);
    expect(diffItems({ a: 1, updatedAt: 'x' }, { a: 1, updatedAt: 'y' })).toEqual([]);
    expect(diffItems(null, { a: 1 })).toEqual([{ path: '(item)', left: null, right: { a: 1 } }]);
  });
});

describe(verdictOf.name, () => {
  const state: StoredState = {
    sourceEntityId: '1',
    feedHash: 'h',
    sentHash: 'h',
    status: 200,
    parked: false,
    attempts: 0,
    errors: null,
    requestId: 'r',
    modifiedAt: 'now',
    ackedAt: 'now',
    isDeleted: false,
  };
  const base: Omit<Explanation, 'verdict'> = {
    feed: 'products',
    feedId: 'f',
    identity: null,
    state,
    changes: [],
    published: [],
    deliveries: [],
    receiver: null,
    differences: [],
  };

  it.each([
    [{ state: null }, /never assembled/],
    [{}, /in sync/],
    [{ differences: [{ path: 'name', left: 1, right: 2 }] }, /differs .* in 1 field/],
    [
      { state: { ...state, parked: true, attempts: 5, errors: 'CDE02-09 bad' } },
      /parked after 5 failed deliveries: CDE02-09 bad/,
    ],
    [{ state: { ...state, sentHash: null } }, /legacy sender/],
    [{ state: { ...state, status: 2, errors: 'CDE02-08 503' } }, /will retry: CDE02-08 503/],
  ])('%j → %s', (over, verdict) => {
    expect(verdictOf({ ...base, ...over })).toMatch(verdict);
  });
});

describe(changeOf.name, () => {
  it('finds a change of the entity in a Debezium event, with or without the schema envelope', () => {
    const event = {
      op: 'u',
      before: { entity_id: 7, value: 'a' },
      after: { entity_id: 7, value: 'b' },
      source: { table: 'catalog_product_entity_varchar', ts_ms: 1000 },
    };
    expect(changeOf(event, 'entity_id', '7', '12')).toEqual({
      table: 'catalog_product_entity_varchar',
      op: 'u',
      at: '1970-01-01T00:00:01.000Z',
      offset: '12',
    });
    expect(changeOf({ payload: event }, 'entity_id', '7', '1')?.op).toBe('u');
    expect(changeOf(event, 'entity_id', '8', '1')).toBeNull();
    expect(changeOf(null, 'entity_id', '7', '1')).toBeNull();
  });
});
