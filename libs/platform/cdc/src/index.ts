export * from './lib/cdc-decode.error';
export * from './lib/change-event';
export * from './lib/commerce-topic';
export * from './lib/decode-change-event';
export * from './lib/capture-readiness';
export * from './lib/change-columns';
export * from './lib/connector-status';
