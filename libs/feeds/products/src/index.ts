export * from './lib/shared/attribute-metadata';
export * from './lib/shared/eav';
export * from './lib/shared/store-views';
export * from './lib/product-attributes/assemble-product-attribute-items';
export * from './lib/product-attributes/product-attributes.feed';
export * from './lib/categories/assemble-category-items';
export * from './lib/categories/categories.feed';
