import { Controller, Delete, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { parseFeedName, ReceiverCode } from '@cde/contracts';
import { ApiError } from '@cde/platform/http';
import { ApiKeyGuard } from '../http/api-key.guard';
import { RequestLog, type RequestRecord } from './request-log';

/** `/api/requests`: the most recent ingestion requests (in memory), newest first. */
@Controller('api/requests')
@UseGuards(ApiKeyGuard)
export class RequestsController {
  constructor(@Inject(RequestLog) private readonly log: RequestLog) {}

  @Get()
  recent(@Query('limit') limit?: string, @Query('feed') feedName?: string): { requests: RequestRecord[] } {
    const n = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > this.log.capacity)
      throw new ApiError(
        400,
        'invalid_query',
        `limit must be an integer from 1 to ${this.log.capacity}`,
        ReceiverCode.BadApiRequest,
      );
    const feed = feedName === undefined ? undefined : parseFeedName(feedName);
    if (feedName !== undefined && feed === undefined)
      throw new ApiError(404, 'unknown_feed', `unknown feed "${feedName}"`);
    return { requests: this.log.recent(n, feed) };
  }

  @Delete()
  clear(): { requests: RequestRecord[] } {
    this.log.clear();
    return { requests: [] };
  }
}
