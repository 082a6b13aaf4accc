import { ExportCode } from '@cde/contracts';
import {
  classifyResponse,
  parseBody,
  parseRetryAfter,
  reasonOf,
  type IngestionResult,
} from './ingestion-response';

const result = (statusCode: number, body = '', patch: Partial<IngestionResult> = {}): IngestionResult => ({
  statusCode,
  body,
  requestId: 'req-1',
  retryAfter: null,
  ...patch,
});

describe(classifyResponse.name, () => {
  const now = Date.parse('2026-05-01T10:00:00Z');

  it('accepts 2xx, with failed items keyed by position (object or array)', () => {
    expect(classifyResponse(result(200), 3, now)).toEqual({ kind: 'accepted', failedItems: new Map() });
    const keyed = classifyResponse(
      result(200, JSON.stringify({ failedItems: { '2': { message: 'bad sku', field: 'sku' } } })),
      3,
      now,
    );
    expect(keyed).toEqual({
      kind: 'accepted',
      failedItems: new Map([[2, { message: 'bad sku', field: 'sku' }]]),
    });
    const listed = classifyResponse(
      result(202, JSON.stringify({ failedItems: [{ position: 0, message: 'x', status: 2 }] })),
      3,
      now,
    );
    expect(listed).toEqual({ kind: 'accepted', failedItems: new Map([[0, { message: 'x', status: 2 }]]) });
  });

  it('reports bodies it cannot read without changing the verdict', () => {
    expect(classifyResponse(result(200, '<html>'), 1, now)).toEqual({
      kind: 'accepted',
      failedItems: new Map(),
      unparsable: 'the body is not JSON',
    });
    expect(
      classifyResponse(
        result(200, JSON.stringify({ failedItems: { '5': { message: 'x' }, '0': {} } })),
        2,
        now,
      ),
    ).toMatchObject({
      kind: 'accepted',
      failedItems: new Map(),
      unparsable: expect.stringContaining('names no item') as string,
    });
  });

  it('rejects 400 with the error text and any named items', () => {
    expect(
      classifyResponse(
        result(400, JSON.stringify({ error: 'invalid items', failedItems: { '1': { message: 'no sku' } } })),
        2,
        now,
      ),
    ).toEqual({
      kind: 'rejected',
      status: 400,
      reason: 'invalid items',
      failedItems: new Map([[1, { message: 'no sku' }]]),
    });
    expect(classifyResponse(result(400, 'nope'), 2, now)).toMatchObject({
      kind: 'rejected',
      reason: 'HTTP 400: nope',
    });
  });

  it('splits on 413 as on a 400 without named items: the size, not the data, was refused', () => {
    expect(classifyResponse(result(413, '{"error":"body_too_large"}'), 2, now)).toEqual({
      kind: 'rejected',
      status: 413,
      reason: 'HTTP 413: {"error":"body_too_large"}',
      failedItems: new Map(),
    });
  });

  it('throttles on 429 with the Retry-After in ms', () => {
    expect(classifyResponse(result(429, '', { retryAfter: '3' }), 1, now)).toEqual({
      kind: 'throttled',
      reason: 'HTTP 429',
      retryAfterMs: 3000,
    });
  });

  it('retries 5xx and network errors as CDE02-08, other 4xx as CDE02-10', () => {
    expect(classifyResponse(result(503), 1, now)).toMatchObject({
      kind: 'retryable',
      code: ExportCode.ServerError,
    });
    expect(classifyResponse(result(0, '', { error: 'ECONNREFUSED' }), 1, now)).toEqual({
      kind: 'retryable',
      code: ExportCode.ServerError,
      reason: 'ECONNREFUSED',
    });
    expect(classifyResponse(result(401, 'bad signature'), 1, now)).toEqual({
      kind: 'retryable',
      code: ExportCode.ClientError,
      reason: 'HTTP 401: bad signature',
    });
  });
});

describe(parseRetryAfter.name, () => {
  const now = Date.parse('2026-05-01T10:00:00Z');
  it.each([
    ['2', 2000],
    [' 0 ', 0],
    ['1.5', 1500],
    ['Fri, 01 May 2026 10:00:05 GMT', 5000],
    ['Fri, 01 May 2026 09:00:00 GMT', 0],
  ])('reads "%s" as %i ms', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });

  it.each([null, undefined, '', 'soon', '-1'])('has no delay for %p', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});

describe(reasonOf.name, () => {
  it('bounds long bodies', () => {
    expect(reasonOf(result(500, 'x'.repeat(1000))).length).toBe(300);
  });
});

describe(parseBody.name, () => {
  it('reads an empty body as no failed items', () => {
    expect(parseBody('  ', 5)).toEqual({ failedItems: new Map() });
  });
});
