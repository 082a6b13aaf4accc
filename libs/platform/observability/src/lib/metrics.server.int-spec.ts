import { Counter, Registry } from 'prom-client';
import { request } from 'undici';
import { MetricsServer } from './metrics.server';

/** The metrics and health endpoints over real loopback HTTP, as Prometheus and the kubelet call them. */
describe(MetricsServer.name, () => {
  const registry = new Registry();
  const items = new Counter({
    name: 'test_items_total',
    help: 'Items.',
    labelNames: ['feed'],
    registers: [registry],
  });
  let ready = false;
  const server = new MetricsServer({ host: '127.0.0.1', port: 0, registry, ready: () => ready });
  let origin = '';

  const get = async (path: string, method: 'GET' | 'POST' = 'GET') => {
    const res = await request(`${origin}${path}`, { method });
    return { status: res.statusCode, type: res.headers['content-type'], body: await res.body.text() };
  };

  beforeAll(async () => {
    const port = await server.start();
    expect(port).toBeGreaterThan(0); // port 0 picked a free one
    origin = `http://127.0.0.1:${port}`;
  });

  afterAll(() => server.close());

  it('serves the registry as Prometheus text', async () => {
    items.inc({ feed: 'products' }, 3);
    const res = await get('/metrics');
    expect(res.status).toBe(200);
    expect(res.type).toBe(registry.contentType);
    expect(res.body).toContain('test_items_total{feed="products"} 3');
  });

  it('is live while the process runs, and ready only when the service says so', async () => {
    ready = false;
    expect(await get('/health/live')).toMatchObject({ status: 200, body: '{"status":"ok"}' });
    expect(await get('/health/ready')).toMatchObject({ status: 503, body: '{"status":"unavailable"}' });
    expect((await get('/health')).status).toBe(503);
    ready = true;
    expect(await get('/health/ready')).toMatchObject({ status: 200, body: '{"status":"ok"}' });
    expect((await get('/health?probe=1')).status).toBe(200);
    expect((await get('/health/live')).status).toBe(200);
  });

  it('answers 404 to unknown paths and 405 to other methods', async () => {
    expect((await get('/nope')).status).toBe(404);
    expect((await get('/metrics', 'POST')).status).toBe(405);
  });

  it('refuses a port that is taken, and closes twice without harm', async () => {
    const port = Number(new URL(origin).port);
    const second = new MetricsServer({ host: '127.0.0.1', port, registry, ready: () => true });
    await expect(second.start()).rejects.toThrow(/EADDRINUSE/);
    await second.close();
    await second.close();
  });
});
