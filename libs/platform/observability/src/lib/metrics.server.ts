import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface MetricsServerOptions {
  readonly host: string;
  /** 0 picks a free port (tests); `start()` returns the one chosen. */
  readonly port: number;
  readonly registry: Registry;
  /** Readiness: false while starting and shutting down. */
  readonly ready: () => boolean;
}

/**
 * A service's small HTTP side door: `GET /metrics` (Prometheus text), `GET /health/live` (200 while the process
 * runs: Kubernetes' liveness probe), `GET /health/ready` and `GET /health` (200 when ready, 503 otherwise:
 * the readiness probe).
 */
export class MetricsServer {
  private server: Server | undefined;

  constructor(private readonly options: MetricsServerOptions) {}

  async start(): Promise<number> {
    const server = createServer((request, response) => {
      const path = (request.url ?? '/').split('?')[0];
      if (request.method !== 'GET') {
        response.writeHead(405, { allow: 'GET' }).end();
      } else if (path === '/metrics') {
        this.options.registry.metrics().then(
          (text) => response.writeHead(200, { 'content-type': this.options.registry.contentType }).end(text),
          (error: unknown) => response.writeHead(500).end(String(error)),
        );
      } else if (path === '/health/live') {
        // Answering at all is the proof of life; readiness must not decide it, or a shutdown would be a restart.
        status(response, true);
      } else if (path === '/health' || path === '/health/ready') {
        status(response, this.options.ready());
      } else {
        response.writeHead(404).end();
      }
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function status(response: ServerResponse, ok: boolean): void {
  response
    .writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
    .end(JSON.stringify({ status: ok ? 'ok' : 'unavailable' }));
}
