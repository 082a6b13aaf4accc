export * from './lib/assemble-price-items';
export * from './lib/day-change';
export * from './lib/price-context';
export * from './lib/price-rows';
export * from './lib/price-sources';
export * from './lib/prices.feed';
export * from './lib/prices.reader';
