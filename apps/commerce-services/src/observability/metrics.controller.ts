import type { ServerResponse } from 'node:http';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ReceiverMetrics } from './receiver.metrics';

/** Prometheus scrape endpoint; no key, like the probes. */
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(ReceiverMetrics) private readonly metrics: ReceiverMetrics) {}

  @Get()
  async scrape(@Res() res: ServerResponse): Promise<void> {
    const text = await this.metrics.render();
    res.statusCode = 200;
    res.setHeader('content-type', this.metrics.contentType());
    res.end(text);
  }
}
