import { Writable } from 'node:stream';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { ObservabilityCode } from '@cde/contracts';
import { createLogger } from './feed-logger';
import {
  activeTraceId,
  activeTraceParent,
  fanIn,
  injectTraceContext,
  inSpan,
  remoteSpanContext,
  SpanKind,
  startTracing,
  traceLogFields,
  TRACING_OFF,
  tracingConfigFrom,
  tracingEnabled,
  tracingEnvSchema,
} from './tracing';

describe(tracingConfigFrom.name, () => {
  it('is off without an endpoint, and finds the traces URL under a base URL or as given', () => {
    expect(tracingConfigFrom(tracingEnvSchema.parse({ OTEL_EXPORTER_OTLP_ENDPOINT: '' }))).toEqual(
      TRACING_OFF,
    );
    expect(
      tracingConfigFrom(tracingEnvSchema.parse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318/' })).tracesUrl,
    ).toBe('http://c:4318/v1/traces');
    expect(
      tracingConfigFrom(
        tracingEnvSchema.parse({
          OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318',
          OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://t/x',
          OTEL_TRACES_SAMPLER_ARG: '0.1',
        }),
      ),
    ).toMatchObject({ tracesUrl: 'http://t/x', sampleRatio: 0.1 });
    expect(() => tracingEnvSchema.parse({ OTEL_TRACES_SAMPLER_ARG: '2' })).toThrow();
  });
});

describe('tracing off', () => {
  it('registers nothing: spans are not recorded, headers and records stay as they are', async () => {
    const tracing = startTracing(TRACING_OFF, 'app');
    expect(tracing.enabled).toBe(false);
    expect(tracingEnabled()).toBe(false);
    const seen = await inSpan('x', {}, (span) => Promise.resolve(span.isRecording()));
    expect(seen).toBe(false);
    expect(injectTraceContext({ a: '1' })).toEqual({ a: '1' });
    expect(activeTraceId()).toBeUndefined();
    expect(traceLogFields()).toEqual({});
    expect(remoteSpanContext({ traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01` })).toBeUndefined();
    await tracing.shutdown();
  });
});

/** Keeps what is exported (the SDK's in-memory exporter forgets it at shutdown). */
class KeepingExporter implements SpanExporter {
  readonly spans: ReadableSpan[] = [];
  export(spans: ReadableSpan[], done: (result: { code: number }) => void): void {
    this.spans.push(...spans);
    done({ code: 0 });
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

describe('tracing on', () => {
  it('propagates W3C contexts, puts the ids in log records, fans batches in, and flushes on shutdown', async () => {
    // The OTLP/HTTP export itself runs in the built apps (pipeline-e2e tracing spec); Jest cannot load it.
    const exporter = new KeepingExporter();
    const tracing = startTracing(
      { tracesUrl: 'http://127.0.0.1:4318/v1/traces', serviceName: undefined, sampleRatio: 1 },
      'test-app',
      exporter,
    );
    expect(tracing.enabled).toBe(true);
    const lines: string[] = [];
    const logger = createLogger({
      service: 'test-app',
      destination: new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString('utf8'));
          done();
        },
      }),
    });
    const upstream = `00-${'1'.repeat(32)}-${'2'.repeat(16)}-01`;
    const other = `00-${'3'.repeat(32)}-${'4'.repeat(16)}-01`;
    const { parent, links, traces } = fanIn([
      remoteSpanContext({ traceparent: upstream }),
      undefined,
      remoteSpanContext({ traceparent: other }),
      remoteSpanContext({ traceparent: upstream }),
    ]);
    expect(links.map((l) => l.context.spanId)).toEqual(['4'.repeat(16)]);
    expect(traces).toBe(2);
    expect(fanIn([undefined]).parent).toBeUndefined();
    expect(remoteSpanContext({ traceparent: 'garbage' })).toBeUndefined();

    const inner = await inSpan('batch', { kind: SpanKind.CONSUMER, parent, links }, () =>
      inSpan('child', {}, (span) => {
        logger.info({ feed: 'products' }, 'inside');
        logger.info({ traceId: 'the-items-own' }, 'explicit');
        return Promise.resolve({
          traceId: span.spanContext().traceId,
          spanId: span.spanContext().spanId,
          headers: injectTraceContext({}),
          parentHeader: activeTraceParent(),
          active: activeTraceId(),
        });
      }),
    );
    // The upstream trace continues; the child's context goes out as traceparent.
    expect(inner.traceId).toBe('1'.repeat(32));
    expect(inner.active).toBe(inner.traceId);
    expect(inner.headers['traceparent']).toBe(`00-${inner.traceId}-${inner.spanId}-01`);
    expect(inner.parentHeader).toBe(inner.headers['traceparent']);
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records[0]).toMatchObject({ status: 'inside', traceId: inner.traceId, spanId: inner.spanId });
    expect(records[1]).toMatchObject({ status: 'explicit', traceId: 'the-items-own' });
    await expect(inSpan('failing', {}, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    // Nothing exported before the batch is due; shutdown flushes it.
    expect(exporter.spans).toEqual([]);

    await tracing.shutdown();
    expect(tracingEnabled()).toBe(false);
    const spans = exporter.spans;
    expect(spans.map((s) => s.name).sort()).toEqual(['batch', 'child', 'failing']);
    const batch = spans.find((s) => s.name === 'batch')!;
    expect(batch.parentSpanContext?.spanId).toBe('2'.repeat(16));
    expect(batch.links.map((l) => l.context.traceId)).toEqual(['3'.repeat(32)]);
    expect(batch.resource.attributes['service.name']).toBe('test-app');
    expect(spans.find((s) => s.name === 'failing')?.status.code).toBe(2);
  });
});

describe('an export that fails', () => {
  it('is reported on the log with its code, and the service goes on', async () => {
    const failing: SpanExporter = {
      export: (_spans, done) => done({ code: 1, error: new Error('connect ECONNREFUSED 127.0.0.1:4318') }),
      shutdown: () => Promise.resolve(),
    };
    const tracing = startTracing(
      { tracesUrl: 'http://127.0.0.1:4318/v1/traces', serviceName: undefined, sampleRatio: 1 },
      'test-app',
      failing,
    );
    const lines: string[] = [];
    tracing.reportTo(
      createLogger({
        service: 'test-app',
        destination: new Writable({
          write(chunk: Buffer, _encoding, done) {
            lines.push(chunk.toString('utf8'));
            done();
          },
        }),
      }),
    );
    await expect(inSpan('lost', {}, () => Promise.resolve(7))).resolves.toBe(7);
    await tracing.shutdown();
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records).toContainEqual(
      expect.objectContaining({ level: 'warn', code: ObservabilityCode.SpanExportFailed }) as unknown,
    );
  });
});
