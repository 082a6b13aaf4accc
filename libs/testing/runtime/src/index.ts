export * from './lib/commerce-db';
export * from './lib/runtime.config';
export * from './lib/test-kafka';
export * from './lib/service-process';
export * from './lib/configuration-doc';
export * from './lib/connector-config';
export * from './lib/free-port';
export * from './lib/sasl-broker';
