export * from './lib/assemble-scopes-customer-group-item';
export * from './lib/assemble-scopes-website-item';
export * from './lib/scopes-customer-group.feed';
export * from './lib/scopes-website.feed';
