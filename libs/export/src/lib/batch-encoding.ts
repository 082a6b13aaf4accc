import type { FeedItemPayload } from '@cde/contracts';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

export interface EncodedBatch {
  /** The gzip-compressed JSON array, as POSTed. */
  readonly body: Buffer;
  /** Size of the JSON before compression. */
  readonly jsonBytes: number;
}

/** The request body of a batch: the items as one JSON array, gzip-compressed (off the event loop). */
export async function encodeBatch(items: readonly FeedItemPayload[]): Promise<EncodedBatch> {
  const json = Buffer.from(JSON.stringify(items), 'utf8');
  return { body: await gzipAsync(json), jsonBytes: json.length };
}
