import type { ResultSetHeader } from 'mysql2/promise';
import { OtlpCollector, SpanKinds, type CollectedSpan } from './otlp-collector';
import { eventually, Pipeline } from './pipeline-harness';

/**
 * One store-view rename, traced from the change event to the receiver's answer: the services export their spans
 * over OTLP/HTTP (JSON) to a collector in this process, and one trace holds every hop with its parent — the feed
 * service's consumer span, its sync, the publish to cde.feed.scopesWebsite (whose `traceparent` header the exporter
 * reads), the exporter's delivery and POST, and the receiver's server span with the status it answered. The trace
 * id is in the log records of those hops.
 */
describe('a change traced end to end', () => {
  const collector = new OtlpCollector();
  let pipeline: Pipeline;
  let tag = '';

  beforeAll(async () => {
    const endpoint = await collector.start();
    const otel = { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' };
    pipeline = new Pipeline({
      feedService: 'scopes-feed',
      feeds: ['scopesWebsite'],
      feedServiceEnv: { ...otel, CDE_FEEDS: 'scopesWebsite' },
      exporterEnv: otel,
      receiverEnv: otel,
    });
    tag = pipeline.tag;
    await pipeline.start();
  });

  afterAll(async () => {
    await pipeline.shop.query(
      `DELETE FROM store WHERE code LIKE '${tag}%'; DELETE FROM store_group WHERE code LIKE '${tag}%'; DELETE FROM store_website WHERE code LIKE '${tag}%'`,
    );
    await pipeline.stop();
    await collector.stop();
  });

  it('shows every hop of a store-view rename in one trace, with the receiver answer', async () => {
    const { shop } = pipeline;
    const [w] = await shop.query<ResultSetHeader>(
      'INSERT INTO store_website (code, name, sort_order, default_group_id, is_default) VALUES (?, ?, 70, 0, 0)',
      [`${tag}_w`, 'Traced'],
    );
    const [g] = await shop.query<ResultSetHeader>(
      'INSERT INTO store_group (website_id, name, root_category_id, default_store_id, code) VALUES (?, ?, 2, 0, ?)',
      [w.insertId, 'Traced Group', `${tag}_g`],
    );
    await shop.query(
      'INSERT INTO store (code, website_id, group_id, name, sort_order, is_active) VALUES (?, ?, ?, ?, 0, 1)',
      [`${tag}_v`, w.insertId, g.insertId, 'Traced View'],
    );
    const holds = (text: string) => async () =>
      JSON.stringify(await pipeline.items('scopesWebsite')).includes(text);
    // Real signals: the new store view reached the receiver, and the feed settled (every outcome recorded).
    expect(await eventually(holds(`"${tag}_v"`), 180_000)).toBe(true);
    await pipeline.waitSettled('scopesWebsite', 120_000);

    const renamedAt = Date.now();
    await shop.query('UPDATE store SET code = ? WHERE code = ?', [`${tag}_renamed`, `${tag}_v`]);
    expect(await eventually(holds(`"${tag}_renamed"`), 90_000)).toBe(true);

    // The consumer span of the rename's change event, and then its whole trace, as the exporters flush (≤ 1 s
    // apart, bounded wait).
    const consumerOfRename = (): CollectedSpan | undefined =>
      collector.spans.find(
        (s) =>
          s.service === 'scopes-feed' &&
          s.kind === SpanKinds.consumer &&
          s.attributes['cde.table'] === 'store' &&
          s.startMs >= renamedAt - 1_000 &&
          collector.spans.some(
            (c) =>
              c.parentSpanId === s.spanId &&
              c.name === 'sync scopesWebsite' &&
              Number(c.attributes['cde.items.synced']) >= 1,
          ),
      );
    const traceOf = (traceId: string): CollectedSpan[] =>
      collector.spans.filter((s) => s.traceId === traceId);
    const answered = (): Promise<boolean> => {
      const consumer = consumerOfRename();
      return Promise.resolve(
        consumer !== undefined &&
          traceOf(consumer.traceId).some(
            (s) => s.service === 'commerce-services' && s.kind === SpanKinds.server,
          ),
      );
    };
    const complete = await eventually(answered, 60_000, 500);
    expect(collector.errors).toEqual([]);
    expect(complete).toBe(true);
    const consumer = consumerOfRename()!;
    const spans = traceOf(consumer.traceId);
    process.stdout.write(
      `trace ${consumer.traceId}:\n${spans
        .map(
          (s) =>
            `  ${s.service} ${s.name} kind=${s.kind} span=${s.spanId} parent=${s.parentSpanId || '-'}` +
            (s.attributes['http.response.status_code'] !== undefined
              ? ` status=${String(s.attributes['http.response.status_code'])}`
              : ''),
        )
        .join('\n')}\n`,
    );

    const one = (what: string, match: (s: CollectedSpan) => boolean): CollectedSpan => {
      const found = spans.filter(match);
      if (found.length === 0)
        throw new Error(
          `no span ${what} in the trace: ${JSON.stringify(spans.map((s) => [s.service, s.name]))}`,
        );
      return found[0]!;
    };

    // The change event: a new trace (Debezium sends no traceparent), with where it came from.
    expect(consumer.parentSpanId).toBe('');
    expect(consumer.name).toMatch(/^process [a-z_]+\.[a-z_]+\.store$/);
    expect(consumer.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.destination.name': expect.stringMatching(/\.store$/) as unknown,
      'messaging.destination.partition.id': expect.any(String) as unknown,
      'messaging.kafka.offset': expect.any(Number) as unknown,
      'cde.source.commit_time': expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
    });
    // Assembly, then the publish to the feed topic: at once (immediate mode), or by the scheduled sender of legacy
    // mode (scopesWebsite's default), whose span continues the trace the sync stored with the item.
    const sync = one('sync', (s) => s.name === 'sync scopesWebsite' && s.parentSpanId === consumer.spanId);
    expect(sync.service).toBe('scopes-feed');
    const pending = spans.find((s) => s.name === 'send pending scopesWebsite');
    if (pending !== undefined) expect(pending.parentSpanId).toBe(sync.spanId);
    const publish = one(
      'publish',
      (s) =>
        s.name === 'send cde.feed.scopesWebsite' &&
        s.kind === SpanKinds.producer &&
        s.parentSpanId === (pending ?? sync).spanId,
    );
    expect(publish.service).toBe('scopes-feed');
    // The exporter continues the trace from the message's traceparent header.
    const deliver = one('delivery', (s) => s.service === 'exporter' && s.name === 'deliver scopesWebsite');
    expect(deliver.parentSpanId).toBe(publish.spanId);
    const post = one(
      'POST',
      (s) => s.service === 'exporter' && s.kind === SpanKinds.client && s.parentSpanId === deliver.spanId,
    );
    expect(post.attributes['http.response.status_code']).toBe(200);
    // The receiver's answer, child of the exporter's POST.
    const ingest = one(
      'receiver answer',
      (s) => s.service === 'commerce-services' && s.kind === SpanKinds.server,
    );
    expect(ingest.name).toBe('ingest scopesWebsite');
    expect(ingest.parentSpanId).toBe(post.spanId);
    expect(ingest.attributes['http.response.status_code']).toBe(200);
    expect(ingest.attributes['cde.request_id']).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown);

    // The trace id in the log records of the hops.
    const logged = (lines: readonly string[]) =>
      lines
        .filter((l) => l.includes(`"traceId":"${consumer.traceId}"`))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged(pipeline.feedService.lines)).toContainEqual(
      expect.objectContaining({
        feed: 'scopesWebsite',
        operation: 'partial sync',
        status: expect.stringMatching(/^Complete/) as unknown,
      }),
    );
    expect(logged(pipeline.exporter.lines)).toContainEqual(
      expect.objectContaining({
        feed: 'scopesWebsite',
        statusCode: 200,
        spanId: expect.any(String) as unknown,
      }),
    );
  });
});
