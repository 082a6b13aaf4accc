import { SERVICE_NAMES } from '@cde/contracts';
import { DEFAULT_METRICS_PORTS } from '@cde/platform/service';
import { parseFeedServiceConfig } from './feed-service.config';

describe(parseFeedServiceConfig.name, () => {
  it('serves metrics on loopback at a port of its own per service unless told otherwise', () => {
    expect(parseFeedServiceConfig('scopes-feed', {}).metrics).toEqual({ host: '127.0.0.1', port: 9465 });
    expect(parseFeedServiceConfig('products-feed', {}).metrics.port).toBe(9466);
    // Side by side under `./dev up`: no two services (nor the exporter's 9464) share a default.
    const ports = SERVICE_NAMES.map((s) => DEFAULT_METRICS_PORTS[s]);
    expect(new Set([...ports, 9464]).size).toBe(ports.length + 1);
  });

  it('takes CDE_METRICS_HOST and CDE_METRICS_PORT, 0 for a free port, and refuses a port out of range', () => {
    expect(
      parseFeedServiceConfig('products-feed', { CDE_METRICS_HOST: '0.0.0.0', CDE_METRICS_PORT: '0' }).metrics,
    ).toEqual({ host: '0.0.0.0', port: 0 });
    expect(parseFeedServiceConfig('scopes-feed', { CDE_METRICS_PORT: '' }).metrics.port).toBe(9465);
    expect(() => parseFeedServiceConfig('scopes-feed', { CDE_METRICS_PORT: '70000' })).toThrow(
      /CDE_METRICS_PORT/,
    );
  });

  it('takes the dead-letter retry budget from CDE_DLT_RETRY_*', () => {
    expect(parseFeedServiceConfig('scopes-feed', {}).retryPolicy).toEqual({
      maxAttempts: 5,
      baseDelayMs: 5_000,
      maxDelayMs: 120_000,
    });
    expect(
      parseFeedServiceConfig('scopes-feed', {
        CDE_DLT_RETRY_MAX_ATTEMPTS: '3',
        CDE_DLT_RETRY_BASE_MS: '100',
        CDE_DLT_RETRY_MAX_MS: '1000',
      }).retryPolicy,
    ).toEqual({ maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 });
  });

  it('watches the connector every 30 s where CDE_CONNECT_URL is set, and refuses an interval out of bounds', () => {
    expect(parseFeedServiceConfig('scopes-feed', {}).connect).toBeUndefined();
    const url = 'http://127.0.0.1:8083';
    expect(parseFeedServiceConfig('scopes-feed', { CDE_CONNECT_URL: url }).connect).toEqual({
      url,
      connector: 'commerce-connector',
      watchIntervalMs: 30_000,
    });
    expect(
      parseFeedServiceConfig('scopes-feed', { CDE_CONNECT_URL: url, CDE_CONNECTOR_WATCH_INTERVAL_MS: '5000' })
        .connect?.watchIntervalMs,
    ).toBe(5_000);
    for (const bad of ['999', '600001', 'soon'])
      expect(() =>
        parseFeedServiceConfig('scopes-feed', { CDE_CONNECT_URL: url, CDE_CONNECTOR_WATCH_INTERVAL_MS: bad }),
      ).toThrow(/CDE_CONNECTOR_WATCH_INTERVAL_MS/);
  });

  it('runs the feeds CDE_FEEDS names, and refuses one of another service', () => {
    expect(parseFeedServiceConfig('scopes-feed', { CDE_FEEDS: 'SCOPESWEBSITE' }).feeds).toEqual([
      'scopesWebsite',
    ]);
    expect(() => parseFeedServiceConfig('scopes-feed', { CDE_FEEDS: 'products' })).toThrow(
      /CDE_FEEDS names feeds scopes-feed does not run: products/,
    );
  });
});
