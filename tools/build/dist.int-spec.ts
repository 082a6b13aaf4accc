import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  connectCommerceDbAsShop,
  freePort,
  scratchDatabaseName,
  startService,
  uniqueName,
  type ServiceProcess,
} from '@cde/testing/runtime';
import type { Connection } from 'mysql2/promise';
import { request } from 'undici';
import { buildableApps } from './build-apps';

const ROOT = path.resolve(__dirname, '../..');
/** Refuses every dev dependency, as an image built with `npm ci --omit=dev` would. */
const PRODUCTION_ONLY = ['--require', path.join(__dirname, 'production-only.cjs')];

async function status(url: string): Promise<number> {
  return request(url).then(
    async (r) => (await r.body.dump(), r.statusCode),
    () => 0,
  );
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return true;
}

/**
 * The built apps (`./dev build`, `dist/apps/<app>/main.js`) start on this Node, without tsx or any dev dependency,
 * and answer their health checks: the receiver over HTTP, the exporter on its metrics port against the runtime's
 * Kafka and feed state.
 */
describe('the built apps', () => {
  const keys = mkdtempSync(path.join(tmpdir(), 'cde-dist-'));
  const receiverDb = scratchDatabaseName('dist_receiver');
  const stateDb = scratchDatabaseName('dist_state');
  const apiKey = randomBytes(16).toString('hex');
  const running: ServiceProcess[] = [];
  let shop: Connection;

  beforeAll(async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(path.join(keys, 'private.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(path.join(keys, 'public.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
    shop = await connectCommerceDbAsShop({ multipleStatements: true });
    await shop.query(`CREATE DATABASE \`${receiverDb}\`; CREATE DATABASE \`${stateDb}\``);
  });

  afterAll(async () => {
    for (const s of running.reverse()) await s.stop();
    await shop.query(`DROP DATABASE IF EXISTS \`${receiverDb}\`; DROP DATABASE IF EXISTS \`${stateDb}\``);
    await shop.end();
    rmSync(keys, { recursive: true, force: true });
  });

  it('are bundled for every app', () => {
    const missing = buildableApps().filter(
      (app) => !existsSync(path.join(ROOT, 'dist/apps', app, 'main.js')),
    );
    expect(missing).toEqual([]);
  });

  it('start from dist with production dependencies only and turn healthy', async () => {
    const receiverPort = await freePort();
    const receiver = startService(
      'commerce-services',
      {
        CDE_RECEIVER_PORT: String(receiverPort),
        CDE_RECEIVER_API_KEY: apiKey,
        CDE_RECEIVER_PUBLIC_KEY_FILE: path.join(keys, 'public.pem'),
        CDE_RECEIVER_DB_USER: 'root',
        CDE_RECEIVER_DB_PASSWORD: '',
        CDE_RECEIVER_DB_NAME: receiverDb,
      },
      { nodeArgs: PRODUCTION_ONLY, from: 'dist' },
    );
    running.push(receiver);
    const receiverHealthy = await until(
      async () => (await status(`http://127.0.0.1:${receiverPort}/health`)) === 200,
      30_000,
    );
    expect({ receiverHealthy, lines: receiverHealthy ? [] : receiver.lines.slice(-10) }).toEqual({
      receiverHealthy: true,
      lines: [],
    });

    const metricsPort = await freePort();
    const exporter = startService(
      'exporter',
      {
        CDE_FEED_DB_NAME: stateDb,
        CDE_FEED_DB_USER: 'root',
        CDE_FEED_DB_PASSWORD: '',
        CDE_KAFKA_CONSUMER_GROUP: uniqueName('cde-dist-exporter'),
        CDE_FEEDS: 'scopesWebsite',
        CDE_EXPORT_TOPIC_PREFIX: `${uniqueName('dist')}.`,
        CDE_EXPORT_BASE_URL: `http://127.0.0.1:${receiverPort}`,
        CDE_EXPORT_ENVIRONMENT_ID: 'local',
        CDE_EXPORT_API_KEY: apiKey,
        CDE_EXPORT_PRIVATE_KEY_FILE: path.join(keys, 'private.pem'),
        CDE_METRICS_PORT: String(metricsPort),
      },
      { nodeArgs: PRODUCTION_ONLY, from: 'dist' },
    );
    running.push(exporter);
    await exporter.waitForLine(/joined the consumer group/, 90_000);
    expect(await status(`http://127.0.0.1:${metricsPort}/health/ready`)).toBe(200);
    expect(exporter.lines.some((l) => /dev dependency/.test(l))).toBe(false);
  });
});
