import {
  assembleStockStatusItems,
  effectiveSettings,
  INVENTORY_CONFIG_DEFAULTS,
  stockStatusOf,
} from './assemble-stock-status-items';
import type { MsiRows, StockItemSettingsRow, StockStatusRows } from './stock-status-rows';

const stockItem = (over: Partial<StockItemSettingsRow> = {}): StockItemSettingsRow => ({
  product_id: '10',
  qty: '5.0000',
  is_in_stock: 1,
  manage_stock: 1,
  use_config_manage_stock: 1,
  backorders: 0,
  use_config_backorders: 1,
  min_qty: '0.0000',
  use_config_min_qty: 1,
  notify_stock_qty: '1.0000',
  use_config_notify_stock_qty: 1,
  ...over,
});

const msi = (over: Partial<MsiRows> = {}): MsiRows => ({
  links: [
    { stock_id: 1, source_code: 'default' },
    { stock_id: 2, source_code: 'eu-1' },
    { stock_id: 2, source_code: 'eu-2' },
  ],
  sourceItems: [
    { entity_id: '10', source_code: 'default', quantity: '5.0000', status: 1, source_enabled: 1 },
    { entity_id: '10', source_code: 'eu-1', quantity: '2.5000', status: 1, source_enabled: 1 },
    { entity_id: '10', source_code: 'eu-2', quantity: '4.0000', status: 1, source_enabled: 1 },
  ],
  reservations: [],
  ...over,
});

const rows = (over: Partial<StockStatusRows> = {}): StockStatusRows => ({
  products: [{ entity_id: '10', sku: 'MH01-XS', type_id: 'simple' }],
  stockItems: [stockItem()],
  msi: msi(),
  config: INVENTORY_CONFIG_DEFAULTS,
  ...over,
});

const byStock = (r: StockStatusRows): Record<string, unknown> =>
  Object.fromEntries(assembleStockStatusItems(r).map(({ item }) => [item.stockId, item]));

describe(assembleStockStatusItems.name, () => {
  it('makes one item per stock × sku, the quantity summed over the stock’s sources', () => {
    expect(assembleStockStatusItems(rows())).toEqual([
      {
        productId: '10',
        item: {
          stockId: '1',
          sku: 'MH01-XS',
          productId: 10,
          qty: 5,
          qtyForSale: 5,
          isSalable: true,
          infiniteStock: false,
          lowStock: false,
        },
      },
      {
        productId: '10',
        item: {
          stockId: '2',
          sku: 'MH01-XS',
          productId: 10,
          qty: 6.5,
          qtyForSale: 6.5,
          isSalable: true,
          infiniteStock: false,
          lowStock: false,
        },
      },
    ]);
  });

  it('leaves out disabled sources; a stock with none of the sku’s enabled sources has no item', () => {
    const disabled = msi().sourceItems.map((s) =>
      s.source_code === 'eu-2' ? { ...s, source_enabled: 0 } : s,
    );
    expect(byStock(rows({ msi: msi({ sourceItems: disabled }) }))['2']).toMatchObject({ qty: 2.5 });
    const allOff = msi().sourceItems.map((s) =>
      s.source_code === 'default' ? s : { ...s, source_enabled: '0' },
    );
    expect(Object.keys(byStock(rows({ msi: msi({ sourceItems: allOff }) })))).toEqual(['1']);
  });

  it('counts only sources that say in stock; none in stock: not salable, nothing for sale', () => {
    const eu1Out = msi().sourceItems.map((s) => (s.source_code === 'eu-1' ? { ...s, status: 0 } : s));
    expect(byStock(rows({ msi: msi({ sourceItems: eu1Out }) }))['2']).toMatchObject({
      qty: 4,
      isSalable: true,
    });
    const allOut = msi().sourceItems.map((s) => ({ ...s, status: 0 }));
    expect(byStock(rows({ msi: msi({ sourceItems: allOut }) }))['2']).toMatchObject({
      qty: 0,
      qtyForSale: 0,
      isSalable: false,
    });
  });

  it('takes placed reservations off the quantity for sale of their stock only; compensated ones cancel out', () => {
    const placed = byStock(
      rows({ msi: msi({ reservations: [{ entity_id: '10', stock_id: 2, quantity: '-6.0000' }] }) }),
    );
    expect(placed['2']).toMatchObject({ qty: 6.5, qtyForSale: 0.5, isSalable: true });
    expect(placed['1']).toMatchObject({ qty: 5, qtyForSale: 5 });
    const soldOut = byStock(
      rows({ msi: msi({ reservations: [{ entity_id: '10', stock_id: 1, quantity: '-5.0000' }] }) }),
    );
    expect(soldOut['1']).toMatchObject({ qty: 5, qtyForSale: 0, isSalable: false });
    const compensated = byStock(
      rows({ msi: msi({ reservations: [{ entity_id: '10', stock_id: 1, quantity: '0.0000' }] }) }),
    );
    expect(compensated['1']).toMatchObject({ qtyForSale: 5, isSalable: true });
  });

  it('keeps decimal quantities exact to their four places', () => {
    const items = msi().sourceItems.map((s) => ({
      ...s,
      quantity: s.source_code === 'eu-1' ? '0.1000' : '0.2000',
    }));
    expect(byStock(rows({ msi: msi({ sourceItems: items }) }))['2']).toMatchObject({ qty: 0.3 });
  });

  it('without MSI: the default stock alone, from the stock item’s qty and in-stock flag', () => {
    const legacy = byStock(rows({ msi: null, stockItems: [stockItem({ qty: '7.0000' })] }));
    expect(Object.keys(legacy)).toEqual(['1']);
    expect(legacy['1']).toMatchObject({ stockId: '1', qty: 7, qtyForSale: 7, isSalable: true });
    expect(byStock(rows({ msi: null, stockItems: [stockItem({ is_in_stock: 0 })] }))['1']).toMatchObject({
      isSalable: false,
      qtyForSale: 0,
    });
    expect(byStock(rows({ msi: null, stockItems: [stockItem({ qty: null })] }))['1']).toMatchObject({
      qty: 0,
    });
    expect(assembleStockStatusItems(rows({ msi: null, stockItems: [] }))).toEqual([]);
  });

  it('gives composites no item, and a product without stock item the configuration’s settings', () => {
    expect(
      assembleStockStatusItems(
        rows({ products: [{ entity_id: '10', sku: 'MH01', type_id: 'configurable' }] }),
      ),
    ).toEqual([]);
    expect(byStock(rows({ stockItems: [] }))['1']).toMatchObject({ isSalable: true, infiniteStock: false });
  });

  it('says low stock below the notify quantity, from the item or the configuration', () => {
    expect(
      byStock(
        rows({ stockItems: [stockItem({ use_config_notify_stock_qty: 0, notify_stock_qty: '6.0000' })] }),
      ),
    ).toMatchObject({
      '1': { lowStock: true },
      '2': { lowStock: false },
    });
    expect(byStock(rows({ config: { ...INVENTORY_CONFIG_DEFAULTS, notifyStockQty: 10 } }))).toMatchObject({
      '1': { lowStock: true },
      '2': { lowStock: true },
    });
  });
});

describe(stockStatusOf.name, () => {
  const managed = effectiveSettings(undefined, INVENTORY_CONFIG_DEFAULTS);
  const stock = { qty: 10, anyInStock: true, reserved: -2 };

  it.each([
    [
      'plain stock',
      managed,
      stock,
      { qty: 10, qtyForSale: 8, isSalable: true, infiniteStock: false, lowStock: false },
    ],
    [
      'out-of-stock threshold: the quantity for sale stops above it',
      { ...managed, minQty: 3 },
      stock,
      { qtyForSale: 5, isSalable: true },
    ],
    [
      'threshold reached by reservations: not salable though the index still is',
      { ...managed, minQty: 8 },
      stock,
      { qtyForSale: 0, isSalable: false },
    ],
    [
      'threshold above the quantity: the index says not salable, nothing for sale',
      { ...managed, minQty: 12 },
      stock,
      { qtyForSale: 0, isSalable: false },
    ],
    [
      'backorders with a threshold of 0: infinite, salable with nothing left',
      { ...managed, backorders: true },
      { qty: 0, anyInStock: true, reserved: -4 },
      { qtyForSale: -4, isSalable: true, infiniteStock: true },
    ],
    [
      'backorders down to a negative threshold: salable, not infinite',
      { ...managed, backorders: true, minQty: -10 },
      { qty: 0, anyInStock: true, reserved: -4 },
      { qtyForSale: 6, isSalable: true, infiniteStock: false },
    ],
    [
      'backorders but no source in stock: not salable',
      { ...managed, backorders: true },
      { qty: 0, anyInStock: false, reserved: 0 },
      { qtyForSale: 0, isSalable: false },
    ],
    [
      'manage stock off: salable and infinite whatever the quantity, never low',
      { ...managed, manageStock: false },
      { qty: 0, anyInStock: false, reserved: -1 },
      { qtyForSale: -1, isSalable: true, infiniteStock: true, lowStock: false },
    ],
  ])('%s', (_rule, settings, quantities, expected) => {
    expect(stockStatusOf(settings, quantities)).toMatchObject(expected);
  });
});

describe(effectiveSettings.name, () => {
  const config = { manageStock: false, backorders: true, minQty: -5, notifyStockQty: 3 };

  it('follows the configuration where the item uses it, the item’s own values elsewhere', () => {
    expect(effectiveSettings(stockItem(), config)).toEqual(config);
    expect(
      effectiveSettings(
        stockItem({
          use_config_manage_stock: 0,
          manage_stock: 1,
          use_config_backorders: '0',
          backorders: '2',
          use_config_min_qty: 0,
          min_qty: '1.5000',
          use_config_notify_stock_qty: 0,
          notify_stock_qty: null,
        }),
        config,
      ),
    ).toEqual({ manageStock: true, backorders: true, minQty: 1.5, notifyStockQty: 0 });
  });
});
