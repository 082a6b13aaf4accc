export * from './lib/stock-status/assemble-stock-status-items';
export * from './lib/stock-status/stock-status-changes';
export * from './lib/stock-status/stock-status-rows';
export * from './lib/stock-status/stock-status.feed';
export * from './lib/stock-status/stock-status.reader';
