import { ingestionPath, IngestionHeaders, type FeedName } from '@cde/contracts';
import { injectTraceContext } from '@cde/platform/observability';
import { Pool } from 'undici';
import type { IngestionResult } from './ingestion-response';
import type { IngestionSigner } from './ingestion-signer';

export interface IngestionClientOptions {
  /** The receiver's base URL; a path prefix is kept (`https://host/prefix`). */
  readonly baseUrl: string;
  readonly environmentId: string;
  readonly apiKey: string;
  readonly signer: IngestionSigner;
  /** Whole request, connect to last body byte. */
  readonly requestTimeoutMs: number;
  /** Keep-alive connections to the receiver (the rate gate bounds what is in flight). */
  readonly connections: number;
}

/** How much of a response body is kept (the protocol's bodies are small; the rest is read and dropped). */
const MAX_RESPONSE_BODY = 1024 * 1024;

/**
 * POSTs gzip JSON batches to the receiver over a keep-alive undici pool. Never throws for what the receiver or
 * the network did: every attempt ends as an {@link IngestionResult} (status 0 when there was no response).
 */
export class IngestionClient {
  private readonly pool: Pool;
  private readonly pathPrefix: string;

  constructor(private readonly options: IngestionClientOptions) {
    const url = new URL(options.baseUrl);
    this.pathPrefix = url.pathname.replace(/\/+$/, '');
    this.pool = new Pool(url.origin, {
      connections: options.connections,
      headersTimeout: options.requestTimeoutMs,
      bodyTimeout: options.requestTimeoutMs,
      connectTimeout: Math.min(options.requestTimeoutMs, 10_000),
      keepAliveTimeout: 30_000,
    });
  }

  /** The path a feed's batches go to (for logs). */
  pathOf(feed: FeedName): string {
    return `${this.pathPrefix}${ingestionPath(feed, this.options.environmentId)}`;
  }

  /** `abort` ends the request early (shutdown); the request's own timeout applies regardless. */
  async post(feed: FeedName, body: Buffer, abort?: AbortSignal): Promise<IngestionResult> {
    const timeout = AbortSignal.timeout(this.options.requestTimeoutMs);
    const signal = abort === undefined ? timeout : AbortSignal.any([timeout, abort]);
    try {
      const response = await this.pool.request({
        method: 'POST',
        path: this.pathOf(feed),
        // The active span's `traceparent` (the exporter's POST span), so the receiver's answer joins the trace.
        headers: injectTraceContext({
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          accept: 'application/json',
          [IngestionHeaders.apiKey]: this.options.apiKey,
          [IngestionHeaders.signature]: await this.options.signer.token(),
        }),
        body,
        signal,
      });
      const text = await readBounded(response.body);
      return {
        statusCode: response.statusCode,
        body: text,
        requestId: header(response.headers[IngestionHeaders.requestId]),
        retryAfter: header(response.headers[IngestionHeaders.retryAfter]),
      };
    } catch (error) {
      const reason = timeout.aborted
        ? `timeout: no complete response within ${this.options.requestTimeoutMs} ms`
        : abort?.aborted === true
          ? 'aborted: shutting down'
          : describeError(error);
      return { statusCode: 0, body: '', requestId: null, retryAfter: null, error: reason };
    }
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

async function readBounded(body: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Read to the end either way, so the connection goes back to the pool.
  for await (const chunk of body) {
    if (size < MAX_RESPONSE_BODY) chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BODY).toString('utf8');
}

function header(value: string | string[] | undefined): string | null {
  if (Array.isArray(value)) return value[value.length - 1] ?? null;
  return value ?? null;
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${typeof code === 'string' ? code : error.name}: ${error.message}${cause}`;
}
