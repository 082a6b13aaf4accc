import { documentedVariables } from '@cde/testing/runtime';
import { loadConfig, ORDERS_FEED_VARIABLES } from './app.config';

describe(loadConfig.name, () => {
  it('runs as orders-feed with the orders feed in legacy mode, as the original', () => {
    const sut = loadConfig({});
    expect(sut.service).toBe('orders-feed');
    expect(sut.kafka.consumerGroup).toBe('orders-feed');
    expect(sut.feeds).toEqual(['orders']);
    expect(sut.settings.orders?.mode).toBe('legacy');
  });

  it('takes a full sync window of 7 days unless told otherwise; 0 takes every order', () => {
    expect(loadConfig({}).ordersFullResyncDays).toBe(7);
    expect(loadConfig({ CDE_ORDERS_FULL_RESYNC_DAYS: '30' }).ordersFullResyncDays).toBe(30);
    expect(loadConfig({ CDE_ORDERS_FULL_RESYNC_DAYS: '0' }).ordersFullResyncDays).toBe(0);
    expect(() => loadConfig({ CDE_ORDERS_FULL_RESYNC_DAYS: '-1' })).toThrow(/CDE_ORDERS_FULL_RESYNC_DAYS/);
  });

  it('reads exactly the variables docs/configuration.md lists for it', () => {
    expect([...ORDERS_FEED_VARIABLES].sort()).toEqual(documentedVariables('orders-feed'));
  });
});
