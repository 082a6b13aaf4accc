import { ObservabilityCode } from '@cde/contracts';
import {
  context,
  diag,
  DiagLogLevel,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
  type SpanContext,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  TracerProvider,
  type SpanExporter,
} from '@opentelemetry/sdk-trace';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { z } from 'zod';

export { SpanKind, SpanStatusCode, type Attributes, type Context, type Link, type Span };

/** The W3C header that carries a trace context, in Kafka message headers and HTTP requests alike. */
export const TRACEPARENT = 'traceparent';

const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), z.url().optional());

/**
 * OpenTelemetry's own variables (the SDK's names, so a platform's collector settings apply as they are). Tracing is
 * on when an OTLP endpoint is set, off (and free) otherwise.
 */
export const tracingEnvSchema = z.object({
  /** Base URL of an OTLP/HTTP collector; traces go to `<it>/v1/traces`. */
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
  /** The traces URL as it is (wins over the base URL). */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalUrl,
  /** Only OTLP/HTTP with JSON bodies is spoken. */
  OTEL_EXPORTER_OTLP_PROTOCOL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(['http/json']).optional(),
  ),
  /** `service.name` of the spans; the app's name when unset. */
  OTEL_SERVICE_NAME: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional()),
  /** Share of new traces recorded (0…1); a trace that arrives sampled or not keeps its parent's decision. */
  OTEL_TRACES_SAMPLER_ARG: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number().min(0).max(1).default(1),
  ),
});

export interface TracingConfig {
  /** Where spans go; undefined: tracing is off. */
  readonly tracesUrl: string | undefined;
  readonly serviceName: string | undefined;
  readonly sampleRatio: number;
}

export function tracingConfigFrom(env: z.infer<typeof tracingEnvSchema>): TracingConfig {
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, '');
  return {
    tracesUrl:
      env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (base === undefined ? undefined : `${base}/v1/traces`),
    serviceName: env.OTEL_SERVICE_NAME,
    sampleRatio: env.OTEL_TRACES_SAMPLER_ARG,
  };
}

/** Tracing off: no provider, no context manager, nothing exported. */
export const TRACING_OFF: TracingConfig = { tracesUrl: undefined, serviceName: undefined, sampleRatio: 1 };

/** A started tracing setup; `shutdown()` exports what is buffered and stops. */
export interface Tracing {
  readonly enabled: boolean;
  /** Where the SDK's own problems (an export that failed) are logged, once a logger exists; stderr before. */
  reportTo(logger: Logger): void;
  shutdown(): Promise<void>;
}

/** One warning per this long at most about failed exports: a collector that is down must not flood the log. */
const REPORT_EVERY_MS = 60_000;

let enabled = false;

/** Whether this process records spans (helpers skip their work when it does not). */
export function tracingEnabled(): boolean {
  return enabled;
}

/**
 * Starts tracing for the process when the config names an endpoint: a tracer provider with a batch processor and
 * the OTLP/HTTP (JSON) exporter, AsyncLocalStorage for the active span, the W3C `traceparent` propagator. Without an
 * endpoint nothing is registered: the API's no-op tracer answers, and the helpers below return at once.
 */
export function startTracing(
  config: TracingConfig,
  app: string,
  /** In place of the OTLP exporter (Jest cannot run its lazy `import()`); the spans still go through the batch. */
  exporter?: SpanExporter,
): Tracing {
  if (config.tracesUrl === undefined || enabled)
    return { enabled, reportTo: () => undefined, shutdown: () => Promise.resolve() };
  let report = (message: string): void => {
    process.stderr.write(`${app}: ${ObservabilityCode.SpanExportFailed} ${message}\n`);
  };
  let lastReport = -Infinity;
  const problem = (message: string, ...args: unknown[]): void => {
    if (Date.now() - lastReport < REPORT_EVERY_MS) return;
    lastReport = Date.now();
    report(
      [message, ...args.map((a) => (a instanceof Error ? a.message : String(a)))].join(' ').slice(0, 500),
    );
  };
  const ignore = (): void => undefined;
  diag.setLogger(
    { error: problem, warn: problem, info: ignore, debug: ignore, verbose: ignore },
    { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true },
  );
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName ?? app }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(config.sampleRatio) }),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter: exporter ?? new OTLPTraceExporter({ url: config.tracesUrl }),
        scheduledDelayMillis: 1_000,
      }),
    ],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  enabled = true;
  let stopping: Promise<void> | undefined;
  return {
    enabled: true,
    reportTo: (logger) => {
      report = (message) =>
        logger.warn({ code: ObservabilityCode.SpanExportFailed, operation: 'tracing' }, message);
    },
    shutdown: () =>
      (stopping ??= provider
        .shutdown()
        .catch((error: unknown) => problem('the last spans were not exported:', error))
        .finally(() => {
          enabled = false;
          trace.disable();
          propagation.disable();
          context.disable();
          diag.disable();
        })),
  };
}

/** cde's tracer (the API's no-op one while tracing is off). */
export function tracer() {
  return trace.getTracer('cde');
}

/** The span context a `traceparent` (and `tracestate`) in these headers carries, if a valid one. */
export function remoteSpanContext(
  headers: Readonly<Record<string, string | undefined>>,
): SpanContext | undefined {
  if (!enabled || headers[TRACEPARENT] === undefined) return undefined;
  const extracted = trace.getSpanContext(propagation.extract(ROOT_CONTEXT, headers));
  return extracted !== undefined && trace.isSpanContextValid(extracted) ? extracted : undefined;
}

/**
 * Parent and links of a span that stands for many incoming messages (a Kafka batch, an HTTP batch of items): the
 * first distinct context is its parent, every other one a link, at most `maxLinks`; no parent (the active context
 * then) when none carries a context.
 */
export function fanIn(
  contexts: Iterable<SpanContext | undefined>,
  maxLinks = 128,
): { readonly parent: Context | undefined; readonly links: Link[]; readonly traces: number } {
  const seen = new Set<string>();
  const traces = new Set<string>();
  let parent: SpanContext | undefined;
  const links: Link[] = [];
  for (const c of contexts) {
    if (c === undefined || seen.has(c.spanId)) continue;
    seen.add(c.spanId);
    traces.add(c.traceId);
    if (parent === undefined) parent = c;
    else if (links.length < maxLinks) links.push({ context: c });
  }
  return {
    parent: parent === undefined ? undefined : trace.setSpanContext(ROOT_CONTEXT, parent),
    links,
    traces: traces.size,
  };
}

/** Writes the active (or given) context into headers as `traceparent`; nothing while tracing is off. */
export function injectTraceContext(
  headers: Record<string, string>,
  from: Context = context.active(),
): Record<string, string> {
  if (enabled) propagation.inject(from, headers);
  return headers;
}

/** The active span's context as a `traceparent` value (to store and continue later), if tracing. */
export function activeTraceParent(): string | undefined {
  return enabled ? injectTraceContext({})[TRACEPARENT] : undefined;
}

/** Adds attributes to the active span, if one records. */
export function annotateActiveSpan(attributes: Attributes): void {
  if (!enabled) return;
  const span = trace.getActiveSpan();
  if (span?.isRecording()) span.setAttributes(attributes);
}

/** The active span's trace id, if a span is recording. */
export function activeTraceId(): string | undefined {
  if (!enabled) return undefined;
  const span = trace.getActiveSpan();
  return span?.isRecording() ? span.spanContext().traceId : undefined;
}

export interface SpanOptions {
  readonly kind?: SpanKind;
  readonly attributes?: Attributes;
  readonly links?: Link[];
  /** The parent; the active context by default. */
  readonly parent?: Context | undefined;
}

/**
 * Runs `fn` in a new active span, ended when it settles (an error is recorded on it and rethrown). While tracing
 * is off `fn` runs as it is, with a non-recording span.
 */
export async function inSpan<T>(
  name: string,
  options: SpanOptions,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  if (!enabled) return fn(trace.wrapSpanContext(INVALID));
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(
    name,
    {
      kind: options.kind ?? SpanKind.INTERNAL,
      ...(options.attributes ? { attributes: options.attributes } : {}),
      ...(options.links ? { links: options.links } : {}),
    },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), () => fn(span));
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: error instanceof Error ? error.message : String(error),
    });
    throw error;
  } finally {
    span.end();
  }
}

const INVALID: SpanContext = { traceId: '0'.repeat(32), spanId: '0'.repeat(16), traceFlags: 0 };

/** The pino mixin: the active span's `traceId` and `spanId` in every record written inside it. */
export function traceLogFields(): { traceId?: string; spanId?: string } {
  if (!enabled) return {};
  const span = trace.getActiveSpan();
  if (span === undefined) return {};
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}

/**
 * Express/Node middleware of an HTTP server: a SERVER span per request, child of the caller's `traceparent`, active
 * while the request is handled, ended with the status it was answered with. Nothing while tracing is off.
 */
export function traceHttpRequests(
  name: (request: IncomingMessage) => string | undefined,
  /** Attributes of the answer (a request id…), added when the span ends. */
  answered?: (response: ServerResponse) => Attributes,
): (request: IncomingMessage, response: ServerResponse, next: () => void) => void {
  return (request, response, next) => {
    const spanName = enabled ? name(request) : undefined;
    if (spanName === undefined) return next();
    const headers: Record<string, string> = {};
    for (const h of [TRACEPARENT, 'tracestate']) {
      const v = request.headers[h];
      if (typeof v === 'string') headers[h] = v;
    }
    const parent = propagation.extract(ROOT_CONTEXT, headers);
    const span = tracer().startSpan(
      spanName,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': request.method ?? '',
          'url.path': (request.url ?? '').split('?')[0] ?? '',
        },
      },
      parent,
    );
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      span.setAttribute('http.response.status_code', response.statusCode);
      if (answered) span.setAttributes(answered(response));
      if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      if (!response.writableFinished) span.setAttribute('cde.client_gave_up', true);
      span.end();
    };
    response.once('finish', end);
    response.once('close', end);
    context.with(trace.setSpan(parent, span), next);
  };
}
