import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { request } from 'undici';
import { prefixedTopic, Topics, type FeedName } from '@cde/contracts';
import type { FeedItemSink } from '@cde/feed-engine';
import {
  createKafka,
  ensureTopicsOn,
  feedTopicSpec,
  KafkaPublisher,
  publishedBytes,
} from '@cde/platform/kafka';
import { openScratchCatalog, shopRows, type ScratchCatalog } from '@cde/testing/commerce-db';
import { feedUnderTest, openScratchFeedState, type ScratchFeedState } from '@cde/testing/feeds';
import {
  freePort,
  loadRuntimeConfig,
  startService,
  uniqueName,
  type ServiceProcess,
} from '@cde/testing/runtime';
import type { ResultSetHeader } from 'mysql2/promise';
import { PRODUCT_ATTRIBUTES_FEED } from './product-attributes/product-attributes.feed';
import { PRODUCTS_FEED } from './products/products.feed';

const STORE_VIEWS = 20;
const PRODUCTS = 100;
const OPTIONS = 30_000;
const FEEDS: readonly FeedName[] = ['products', 'productAttributes'];

/** One produce request as the publisher logs it (debug): its messages and bytes. */
interface ProduceRequest {
  readonly messages: number;
  readonly bytes: number;
}

/**
 * Large batches and large items on the real path (`./dev test reliability`): a scratch catalog grown to 20 store
 * views and an attribute with 30,000 options, assembled by the engine, published by the services' publisher at the
 * default 4 MiB limit, delivered by the exporter (the built app) to the bundled receiver. Everything is its own, so
 * nothing is left on the shared `cde.feed.*` topics or the runtime's databases: the catalog, the feed state and the
 * receiver's database are scratch databases, the topics carry a prefix of their own (the exporter's
 * CDE_EXPORT_TOPIC_PREFIX), and all of it is removed afterwards.
 */
describe('100 products × 20 store views and a 30,000-option attribute (reliability)', () => {
  const { kafkaBrokers } = loadRuntimeConfig();
  const kafka = createKafka({
    brokers: kafkaBrokers,
    clientId: 'cde-large-batches',
    logger: pino({ level: 'silent' }),
  });
  const prefix = `${uniqueName('large')}.`;
  const group = uniqueName('large-exporter');
  const keys = mkdtempSync(path.join(tmpdir(), 'cde-large-'));
  const apiKey = randomBytes(16).toString('hex');
  const requests: ProduceRequest[] = [];
  const services: ServiceProcess[] = [];
  let receiverDb = '';
  let base = '';
  let catalog: ScratchCatalog;
  let state: ScratchFeedState;
  let publisher: KafkaPublisher;
  let sink: FeedItemSink;

  /** The publisher's own log, at debug: one `published` record per produce request. */
  const publisherLog = pino(
    { level: 'debug' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
          const record = JSON.parse(line) as { msg?: string; messages?: number; bytes?: number };
          if (record.msg === 'published' && record.messages !== undefined && record.bytes !== undefined)
            requests.push({ messages: record.messages, bytes: record.bytes });
        }
        done();
      },
    }),
  );

  const stats = async (feed: FeedName): Promise<number> => {
    const res = await request(`${base}/api/feeds/${feed}/stats`, { headers: { 'x-api-key': apiKey } });
    return ((await res.body.json()) as { items: number }).items;
  };

  const items = async (feed: FeedName, query: Record<string, string>): Promise<Record<string, unknown>[]> => {
    const params = new URLSearchParams({ ...query, limit: '1000' });
    const res = await request(`${base}/api/feeds/${feed}/items?${params.toString()}`, {
      headers: { 'x-api-key': apiKey },
    });
    return ((await res.body.json()) as { items: Record<string, unknown>[] }).items;
  };

  const waitFor = async (check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await check()) return true;
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  };

  beforeAll(async () => {
    catalog = await openScratchCatalog({ profile: 'small' }, 'large_batches');
    state = await openScratchFeedState('large_batches_state');
    receiverDb = `${state.database}_receiver`;
    await catalog.shop.query(`CREATE DATABASE \`${receiverDb}\``);

    // The feed topics as the services create them (the default 4 MiB max.message.bytes), under the prefix.
    await ensureTopicsOn(
      kafka,
      FEEDS.map((feed) => ({ ...feedTopicSpec(feed), topic: prefixedTopic(prefix, Topics.feed(feed)) })),
    );
    publisher = new KafkaPublisher(kafka, publisherLog);
    await publisher.connect();
    // As the feed services' sink: key = feedId, and the publisher's bound as the largest item.
    sink = {
      publish: (feed, items) =>
        publisher.publishJson(
          prefixedTopic(prefix, Topics.feed(feed)),
          items.map((i) => ({ key: i.message.feedId, json: i.json })),
        ),
      maxMessageBytes: publisher.limits.maxRequestBytes,
    };

    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(path.join(keys, 'private.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(path.join(keys, 'public.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const receiver = startService('commerce-services', {
      CDE_RECEIVER_PORT: String(port),
      CDE_RECEIVER_API_KEY: apiKey,
      CDE_RECEIVER_PUBLIC_KEY_FILE: path.join(keys, 'public.pem'),
      CDE_RECEIVER_ENVIRONMENT_ID: 'large',
      CDE_RECEIVER_DB_USER: 'root',
      CDE_RECEIVER_DB_PASSWORD: '',
      CDE_RECEIVER_DB_NAME: receiverDb,
      CDE_RECEIVER_RATE_LIMIT: '0',
    });
    services.push(receiver);
    const healthy = await waitFor(
      () =>
        request(`${base}/health`).then(
          (r) => (r.body.dump(), r.statusCode === 200),
          () => false,
        ),
      120_000,
    );
    if (!healthy) throw new Error(`receiver not healthy:\n${receiver.lines.slice(-10).join('\n')}`);
    const exporter = startService('exporter', {
      CDE_EXPORT_TOPIC_PREFIX: prefix,
      CDE_KAFKA_CONSUMER_GROUP: group,
      CDE_FEEDS: FEEDS.join(','),
      CDE_EXPORT_BASE_URL: base,
      CDE_EXPORT_ENVIRONMENT_ID: 'large',
      CDE_EXPORT_API_KEY: apiKey,
      CDE_EXPORT_PRIVATE_KEY_FILE: path.join(keys, 'private.pem'),
      CDE_EXPORT_MAX_RPS: '20',
      CDE_METRICS_PORT: '0',
      CDE_FEED_DB_NAME: state.database,
      CDE_FEED_DB_USER: 'root',
      CDE_FEED_DB_PASSWORD: '',
    });
    services.push(exporter);
    await exporter.waitForLine(/joined the consumer group/, 240_000);
  });

  afterAll(async () => {
    for (const s of [...services].reverse()) await s.stop();
    await publisher?.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    try {
      const ours = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
      if (ours.length > 0) await admin.deleteTopics({ topics: ours });
      await admin.deleteGroups([group]).catch(() => undefined);
    } finally {
      await admin.disconnect();
    }
    await catalog?.shop.query(`DROP DATABASE IF EXISTS \`${receiverDb}\``);
    await state?.close();
    await catalog?.drop();
    rmSync(keys, { recursive: true, force: true });
  });

  it(`publishes ${PRODUCTS} products × ${STORE_VIEWS} store views of one sync batch and delivers every item`, async () => {
    // The website with the most products gets store views until it has 20 (in its default store).
    const [website] = await shopRows(
      catalog,
      `SELECT w.website_id, w.default_group_id, COUNT(*) AS products
         FROM store_website w JOIN catalog_product_website pw ON pw.website_id = w.website_id
        WHERE w.website_id > 0 GROUP BY w.website_id ORDER BY products DESC, w.website_id LIMIT 1`,
    );
    const websiteId = Number(website?.['website_id']);
    const [views] = await shopRows(catalog, 'SELECT COUNT(*) AS n FROM store WHERE website_id = ?', [
      websiteId,
    ]);
    for (let i = Number(views?.['n']); i < STORE_VIEWS; i++) {
      await catalog.shop.query(
        'INSERT INTO store (code, website_id, group_id, name, sort_order, is_active) VALUES (?, ?, ?, ?, ?, 1)',
        [`large_view_${i}`, websiteId, website?.['default_group_id'], `Large view ${i}`, 100 + i],
      );
    }
    // Products of that website only: 20 items each.
    const ids = (
      await shopRows(
        catalog,
        `SELECT product_id FROM catalog_product_website GROUP BY product_id
          HAVING COUNT(*) = 1 AND MIN(website_id) = ? ORDER BY product_id LIMIT ?`,
        [websiteId, PRODUCTS],
      )
    ).map((r) => String(r['product_id']));
    expect(ids).toHaveLength(PRODUCTS);

    const processor = state.processor(feedUnderTest(PRODUCTS_FEED, catalog.db), sink);
    requests.length = 0;
    const started = Date.now();
    const result = await processor.sync({ ids, operation: 'partial sync' });
    const publishMs = Date.now() - started;
    expect(result).toMatchObject({ synced: PRODUCTS * STORE_VIEWS, failed: 0 });
    const sizes = result.messages.map((m) => publishedBytes(m.feedId, m));
    const total = sizes.reduce((n, b) => n + b, 0);
    expect(requests.reduce((n, r) => n + r.messages, 0)).toBe(PRODUCTS * STORE_VIEWS);
    for (const r of requests) expect(r.bytes).toBeLessThanOrEqual(publisher.limits.maxRequestBytes);

    expect(await waitFor(async () => (await stats('products')) >= PRODUCTS * STORE_VIEWS, 600_000)).toBe(
      true,
    );
    expect(await stats('products')).toBe(PRODUCTS * STORE_VIEWS);
    const rows = await state.repository.findBySourceIds('products', ids);
    expect(rows).toHaveLength(PRODUCTS * STORE_VIEWS);
    expect(rows.filter((r) => r.parked || r.status !== 200)).toEqual([]);
    process.stdout.write(
      `large batch: ${result.synced} items of ${PRODUCTS} products × ${STORE_VIEWS} store views in one sync, ` +
        `${(total / 1e6).toFixed(2)} MB (largest item ${Math.max(...sizes)} B), ${requests.length} produce ` +
        `request(s) of at most ${Math.max(...requests.map((r) => r.bytes))} B (bound ` +
        `${publisher.limits.maxRequestBytes} B), published in ${publishMs} ms, all delivered, 0 parked\n`,
    );
  });

  it(`delivers the items of an attribute with ${OPTIONS} options, about 1.5 MB per store view`, async () => {
    const [type] = await shopRows(
      catalog,
      "SELECT entity_type_id FROM eav_entity_type WHERE entity_type_code = 'catalog_product'",
    );
    const [inserted] = await catalog.shop.query<ResultSetHeader>(
      `INSERT INTO eav_attribute (entity_type_id, attribute_code, backend_type, frontend_input, frontend_label,
         is_user_defined) VALUES (?, 'large_select', 'int', 'select', 'Large select', 1)`,
      [type?.['entity_type_id']],
    );
    const attributeId = inserted.insertId;
    await catalog.shop.query('INSERT INTO catalog_eav_attribute (attribute_id, is_global) VALUES (?, 0)', [
      attributeId,
    ]);
    for (let from = 1; from <= OPTIONS; from += 5_000) {
      const chunk = Array.from({ length: Math.min(5_000, OPTIONS - from + 1) }, (_, i) => [
        attributeId,
        from + i,
      ]);
      await catalog.shop.query('INSERT INTO eav_attribute_option (attribute_id, sort_order) VALUES ?', [
        chunk,
      ]);
    }
    // Labels of about 45 characters, as a catalog of colours or part numbers has them.
    await catalog.shop.query(
      `INSERT INTO eav_attribute_option_value (option_id, store_id, value)
       SELECT option_id, 0, CONCAT('Option ', LPAD(sort_order, 5, '0'), ' of the large select attribute')
         FROM eav_attribute_option WHERE attribute_id = ?`,
      [attributeId],
    );

    const processor = state.processor(feedUnderTest(PRODUCT_ATTRIBUTES_FEED, catalog.db), sink);
    requests.length = 0;
    const result = await processor.sync({ ids: [String(attributeId)], operation: 'partial sync' });
    expect(result.failed).toBe(0);
    expect(result.synced).toBeGreaterThanOrEqual(STORE_VIEWS);
    const sizes = result.messages.map((m) => publishedBytes(m.feedId, m));
    // Over Kafka's 1 MiB default, under the 4 MiB limit.
    for (const size of sizes) expect(size).toBeGreaterThan(1024 * 1024);

    const delivered = async (): Promise<Record<string, unknown>[]> =>
      items('productAttributes', { attributeCode: 'large_select' });
    expect(await waitFor(async () => (await delivered()).length >= result.synced, 600_000)).toBe(true);
    for (const item of await delivered()) expect(item['attributeOptions']).toHaveLength(OPTIONS);
    const rows = await state.repository.findBySourceIds('productAttributes', [String(attributeId)]);
    expect(rows.filter((r) => r.parked || r.status !== 200)).toEqual([]);
    process.stdout.write(
      `large item: ${result.synced} productAttributes items of ${OPTIONS} options, ${Math.min(...sizes)}–` +
        `${Math.max(...sizes)} B each, ${requests.length} produce request(s) of ` +
        `${requests.map((r) => r.messages).join('/')} message(s), all delivered, 0 parked\n`,
    );
  });
});
