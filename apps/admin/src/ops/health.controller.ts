import type { ServerResponse } from 'node:http';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import { AdminReadRepository } from '@cde/admin-api';
import { AdminMetrics } from './admin.metrics';

/** Probes and Prometheus: unauthenticated, and nothing in them that needs a session. */
@Controller()
export class HealthController {
  constructor(
    @Inject(AdminReadRepository) private readonly repository: AdminReadRepository,
    @Inject(AdminMetrics) private readonly metrics: AdminMetrics,
  ) {}

  @Get('health/live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready when the feed state answers: without it no page can be shown. */
  @Get(['health', 'health/ready'])
  async ready(@Res() res: ServerResponse): Promise<void> {
    const ok = await this.repository.ping().then(
      () => true,
      () => false,
    );
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: ok ? 'ok' : 'unavailable' }));
  }

  @Get('metrics')
  async scrape(@Res() res: ServerResponse): Promise<void> {
    const text = await this.metrics.registry.metrics();
    res.writeHead(200, { 'content-type': this.metrics.registry.contentType }).end(text);
  }
}
