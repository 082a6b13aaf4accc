import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';

const gunzipAsync = promisify(gunzip);

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`request body exceeds ${maxBytes} bytes`);
  }
}

export class ClientGoneError extends Error {
  override readonly name = 'ClientGoneError';
  constructor() {
    super('the client closed the connection before the body was read');
  }
}

/**
 * Reads a request body up to `maxBytes`. Past the limit it stops buffering and rejects at once; Node discards
 * the rest of the body after the answer, so the connection stays usable.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes)
    return Promise.reject(new BodyTooLargeError(maxBytes));
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onGone);
      req.off('aborted', onGone);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanup();
        req.resume();
        reject(new BodyTooLargeError(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onGone = (): void => {
      cleanup();
      reject(new ClientGoneError());
    };
    // 'close' before 'end' means the client went away mid-body.
    const onClose = (): void => {
      if (!req.complete) onGone();
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onGone);
    req.on('aborted', onGone);
    req.on('close', onClose);
  });
}

export type DecodedBatch =
  | { readonly ok: true; readonly items: readonly Readonly<Record<string, unknown>>[] }
  | {
      readonly ok: false;
      readonly error:
        | 'body_too_large'
        | 'unsupported_content_encoding'
        | 'malformed_gzip'
        | 'invalid_json'
        | 'not_an_array'
        | 'item_not_an_object'
        | 'items_limit_exceeded';
      readonly message: string;
      /** Items in the batch, when it was an array. */
      readonly items?: number;
    };

export interface BatchLimits {
  /** Bound of the inflated body as well, so a small gzip bomb cannot exhaust memory. */
  readonly maxBytes: number;
  readonly maxItems: number;
}

/**
 * Turns a raw body into the batch's items: gunzipped when `content-encoding: gzip` (plain JSON otherwise),
 * then it must be a JSON array of objects of at most `maxItems`. Never throws.
 */
export async function decodeBatch(
  raw: Buffer,
  contentEncoding: string | undefined,
  limits: BatchLimits,
): Promise<DecodedBatch> {
  const encoding = (contentEncoding ?? 'identity').trim().toLowerCase();
  let json: Buffer = raw;
  if (encoding === 'gzip' || encoding === 'x-gzip') {
    try {
      json = await gunzipAsync(raw, { maxOutputLength: limits.maxBytes });
    } catch (error: unknown) {
      // By code, not class: zlib's RangeError may come from another realm (Jest).
      if (
        typeof error === 'object' &&
        error !== null &&
        'code' in error &&
        error.code === 'ERR_BUFFER_TOO_LARGE'
      )
        return {
          ok: false,
          error: 'body_too_large',
          message: `inflated body exceeds ${limits.maxBytes} bytes`,
        };
      return { ok: false, error: 'malformed_gzip', message: 'body is not valid gzip' };
    }
  } else if (encoding !== 'identity' && encoding !== '') {
    return {
      ok: false,
      error: 'unsupported_content_encoding',
      message: `content-encoding "${encoding}" is not supported (gzip or none)`,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.toString('utf8'));
  } catch {
    return { ok: false, error: 'invalid_json', message: 'body is not valid JSON' };
  }
  if (!Array.isArray(parsed))
    return { ok: false, error: 'not_an_array', message: 'body must be a JSON array of feed items' };
  const items: unknown[] = parsed;
  if (items.length > limits.maxItems)
    return {
      ok: false,
      error: 'items_limit_exceeded',
      message: `a batch may hold at most ${limits.maxItems} items, got ${items.length}`,
      items: items.length,
    };
  const records = items.filter(isRecord);
  if (records.length !== items.length)
    return {
      ok: false,
      error: 'item_not_an_object',
      message: `item ${items.findIndex((item) => !isRecord(item))} is not a JSON object`,
      items: items.length,
    };
  return { ok: true, items: records };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
