import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import { writeJson } from '@cde/platform/http';
import { requestIdOf } from '../http/request-id';
import { readBody } from './batch-body';
import { IngestionService } from './ingestion.service';

/** `POST <feed endpoint path>` for every feed; the service decides everything, this only speaks HTTP. */
@Controller()
export class IngestionController {
  constructor(@Inject(IngestionService) private readonly ingestion: IngestionService) {}

  @Post('feeds/*path')
  async ingest(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    // The body is read by the service, after the cheaper checks (the app has no body parser).
    const clientGone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) clientGone.abort();
    });
    const reply = await this.ingestion.handle({
      method: req.method ?? 'POST',
      path: new URL(req.url ?? '/', 'http://receiver').pathname,
      headers: req.headers,
      requestId: requestIdOf(res),
      signal: clientGone.signal,
      readBody: (maxBytes) => readBody(req, maxBytes),
    });
    if (reply === undefined || res.destroyed) return;
    writeJson(res, reply.status, reply.body, reply.headers);
  }
}
