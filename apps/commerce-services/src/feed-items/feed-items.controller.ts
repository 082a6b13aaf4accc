import { Controller, Get, Inject, Param, Query, UseGuards } from '@nestjs/common';
import { parseFeedName, ReceiverCode, type FeedName } from '@cde/contracts';
import { ApiError } from '@cde/platform/http';
import { ApiKeyGuard } from '../http/api-key.guard';
import { FeedItemsRepository, type FeedStats } from './feed-items.repository';
import { parseItemQuery } from './item-query';

/** The read API: what the receiver holds per feed, for tests, demos and the I1 oracle. */
@Controller('api/feeds')
@UseGuards(ApiKeyGuard)
export class FeedItemsController {
  constructor(@Inject(FeedItemsRepository) private readonly repository: FeedItemsRepository) {}

  @Get(':feed/items')
  async items(
    @Param('feed') name: string,
    @Query() params: Record<string, unknown>,
  ): Promise<{ items: unknown[]; total: number }> {
    const feed = feedOf(name);
    const parsed = parseItemQuery(feed, params);
    if (!parsed.ok) throw new ApiError(400, 'invalid_query', parsed.message, ReceiverCode.BadApiRequest);
    return this.repository.findItems(feed, parsed.query);
  }

  @Get(':feed/stats')
  async stats(@Param('feed') name: string): Promise<FeedStats> {
    return this.repository.stats(feedOf(name));
  }
}

function feedOf(name: string): FeedName {
  const feed = parseFeedName(name);
  if (feed === undefined) throw new ApiError(404, 'unknown_feed', `unknown feed "${name}"`);
  return feed;
}
