export * from './lib/orders/assemble-order-items';
export * from './lib/orders/order-reads';
export * from './lib/orders/order-rows';
export * from './lib/orders/orders.feed';
