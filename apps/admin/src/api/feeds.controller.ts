import { Controller, Get, Inject, Param, Query, UseGuards } from '@nestjs/common';
import {
  AdminReadRepository,
  diffItem,
  itemHistory,
  parseItemFilter,
  scopeFieldsOf,
  type AdminItem,
  type FeedCounts,
  type HistoryStep,
  type ItemDiff,
  type ItemPage,
  type JobSummary,
} from '@cde/admin-api';
import { AdminCode, FEED_NAMES, FEEDS, parseFeedName, type FeedName } from '@cde/contracts';
import type { Logger } from 'pino';
import { LOGGER } from '../app.tokens';
import { SessionGuard } from '../auth/session.guard';
import { ApiError } from '@cde/platform/http';
import { PipelineHealth, type ConnectorHealth } from '../ops/pipeline-health';
import { ReceiverClient } from '../ops/receiver-client';

export interface FeedOverview extends FeedCounts {
  readonly service: string;
  readonly mode: string;
  readonly identity: readonly string[];
  readonly scopeFilters: readonly string[];
  /** Messages of the feed topic the exporter has not consumed; null when Kafka did not answer. */
  readonly backlog: number | null;
}

export interface Overview {
  readonly at: string;
  readonly feeds: readonly FeedOverview[];
  readonly connector: ConnectorHealth;
  readonly problems: readonly string[];
}

export interface ItemDetail {
  readonly feed: FeedName;
  readonly item: AdminItem;
  readonly history: readonly HistoryStep[];
  /** What the receiver holds (null: nothing, or the receiver is not configured or did not answer). */
  readonly receiver: Record<string, unknown> | null;
  readonly receiverError: string | null;
  readonly diff: ItemDiff;
  readonly jobs: readonly JobSummary[];
}

/** The read side of the dashboard: every feed at a glance, a feed's items page by page, one item in full. */
@Controller('api')
@UseGuards(SessionGuard)
export class FeedsController {
  constructor(
    @Inject(AdminReadRepository) private readonly repository: AdminReadRepository,
    @Inject(PipelineHealth) private readonly health: PipelineHealth,
    @Inject(ReceiverClient) private readonly receiver: ReceiverClient | null,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Get('overview')
  async overview(): Promise<Overview> {
    const problems: string[] = [];
    const [lag, connector] = await Promise.all([
      this.health.feedLag().catch((error: unknown) => {
        problems.push(`consumer lag unavailable: ${error instanceof Error ? error.message : String(error)}`);
        this.logger.warn(
          { operation: 'overview', code: AdminCode.SourceUnavailable, err: error },
          'lag unavailable',
        );
        return null;
      }),
      this.health.connector(),
    ]);
    const feeds: FeedOverview[] = [];
    for (const feed of FEED_NAMES) {
      const counts = await this.repository.counts(feed);
      feeds.push({
        ...counts,
        service: FEEDS[feed].service,
        mode: FEEDS[feed].defaultMode,
        identity: FEEDS[feed].identity,
        scopeFilters: scopeFieldsOf(feed),
        backlog: lag === null ? null : (lag[feed] ?? 0),
      });
    }
    return { at: new Date().toISOString(), feeds, connector, problems };
  }

  @Get('feeds/:feed/items')
  async items(@Param('feed') name: string, @Query() params: Record<string, unknown>): Promise<ItemPage> {
    const feed = feedOf(name);
    const filter = parseItemFilter(feed, params);
    if (!filter.ok) throw new ApiError(400, 'invalid_query', filter.message, AdminCode.BadRequest);
    return this.repository.page(feed, filter.value);
  }

  @Get('feeds/:feed/items/:feedId')
  async item(@Param('feed') name: string, @Param('feedId') feedId: string): Promise<ItemDetail> {
    const feed = feedOf(name);
    if (!/^[0-9a-f]{40}$/.test(feedId))
      throw new ApiError(400, 'invalid_query', 'a feedId is 40 hex digits', AdminCode.BadRequest);
    const item = await this.repository.item(feed, feedId);
    if (!item) throw new ApiError(404, 'not_found', `no ${feed} item ${feedId}`);
    let receiver: Record<string, unknown> | null = null;
    let receiverError: string | null = this.receiver ? null : 'no receiver read API configured';
    if (this.receiver) {
      try {
        receiver = await this.receiver.item(feed, item.feedData);
      } catch (error) {
        receiverError = error instanceof Error ? error.message : String(error);
        this.logger.warn(
          { operation: 'item detail', feed, code: AdminCode.SourceUnavailable },
          receiverError,
        );
      }
    }
    return {
      feed,
      item,
      history: itemHistory(item),
      receiver,
      receiverError,
      // A feed's mode is chosen per deployment (CDE_FEED_MODES): the stored payload may be minimal even for a legacy
      // feed, so fields only the receiver holds are shown, not counted.
      diff: diffItem(item.feedData, receiver, false),
      jobs: (await this.repository.jobs(feed, 10)).filter(
        (j) => j.finishedAt === null || j.finishedAt >= item.modifiedAt.slice(0, 19),
      ),
    };
  }

  @Get('jobs')
  async jobs(@Query('feed') name: string | undefined): Promise<JobSummary[]> {
    return this.repository.jobs(name ? feedOf(name) : undefined, 50);
  }
}

function feedOf(name: string): FeedName {
  const feed = parseFeedName(name);
  if (feed === undefined) throw new ApiError(404, 'unknown_feed', `unknown feed "${name}"`);
  return feed;
}
