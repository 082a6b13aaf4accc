export * from './lib/assemble-price-items';
export * from './lib/price-rows';
