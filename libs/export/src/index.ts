export * from './lib/export.metrics';
export * from './lib/export.module';
export * from './lib/export-topics';
export * from './lib/exporter.config';
export type { RateLimits } from './lib/rate-control';
export { parseRedactionRules, type RedactionRules } from './lib/redaction';
// The delivery client, for tools that send a feed topic themselves (`cde replay`, the benchmarks).
export { encodeBatch, type EncodedBatch } from './lib/batch-encoding';
export { IngestionClient, type IngestionClientOptions } from './lib/ingestion.client';
export { classifyResponse, type IngestionResult, type ResponseVerdict } from './lib/ingestion-response';
export { IngestionSigner } from './lib/ingestion-signer';
