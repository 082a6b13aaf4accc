import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Get, Inject, Req, Res, UseGuards } from '@nestjs/common';
import type { CdeEvent } from '@cde/contracts';
import { SessionGuard } from '../auth/session.guard';
import { EventsHub } from '../ops/events-hub';

/** Live progress: `cde.events` as Server-Sent Events, the recent ones first, then each as it comes. */
@Controller('api/events')
@UseGuards(SessionGuard)
export class EventsController {
  constructor(@Inject(EventsHub) private readonly hub: EventsHub) {}

  @Get()
  stream(@Req() req: IncomingMessage, @Res() res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const send = (event: CdeEvent): void => {
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    };
    const { recent, unsubscribe } = this.hub.subscribe(send);
    for (const event of recent) send(event);
    res.write(': ready\n\n');
    // A comment now and then keeps proxies from closing an idle stream.
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  }
}
