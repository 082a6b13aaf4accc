import {
  Inject,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { createFeedItemValidator, type FeedItemValidator } from '@cde/contracts';
import type { KeyLike } from 'jose';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { ReceiverConfig } from './app.config';
import {
  CLOCK,
  DATA_SOURCE,
  FEED_ITEM_VALIDATOR,
  INGESTION_KEY,
  LOGGER,
  RECEIVER_CONFIG,
  type Clock,
} from './app.tokens';
import { FaultsController } from './faults/faults.controller';
import { FaultsService } from './faults/faults.service';
import { FeedItemsController } from './feed-items/feed-items.controller';
import { FeedItemsRepository } from './feed-items/feed-items.repository';
import { ApiKeyGuard } from './http/api-key.guard';
import { IngestionController } from './ingestion/ingestion.controller';
import { IngestionService } from './ingestion/ingestion.service';
import { SlidingWindowRateLimiter } from './ingestion/rate-limiter';
import { HealthController } from './observability/health.controller';
import { MetricsController } from './observability/metrics.controller';
import { ReceiverMetrics } from './observability/receiver.metrics';
import { RequestLog } from './requests/request-log';
import { RequestsController } from './requests/requests.controller';

/** What the composition root hands the module: validated config, logger, an initialised pool, the key. */
export interface ReceiverDependencies {
  readonly config: ReceiverConfig;
  readonly logger: Logger;
  readonly dataSource: DataSource;
  readonly key: KeyLike;
  readonly clock: Clock;
  /** Replaces the seeded fault random source (tests). */
  readonly random?: () => number;
}

@Module({})
export class AppModule implements BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(FaultsService) private readonly faults: FaultsService,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  static register(deps: ReceiverDependencies): DynamicModule {
    const { config } = deps;
    return {
      module: AppModule,
      controllers: [
        FaultsController,
        FeedItemsController,
        HealthController,
        IngestionController,
        MetricsController,
        RequestsController,
      ],
      providers: [
        ApiKeyGuard,
        { provide: CLOCK, useValue: deps.clock },
        { provide: DATA_SOURCE, useValue: deps.dataSource },
        { provide: FEED_ITEM_VALIDATOR, useFactory: createFeedItemValidator },
        { provide: INGESTION_KEY, useValue: deps.key },
        { provide: LOGGER, useValue: deps.logger },
        { provide: RECEIVER_CONFIG, useValue: config },
        {
          provide: FaultsService,
          useFactory: () =>
            new FaultsService({
              initial: config.faults,
              seed: config.faultSeed,
              hangTimeoutMs: config.hangTimeoutMs,
              random: deps.random,
            }),
        },
        {
          provide: FeedItemsRepository,
          useFactory: (dataSource: DataSource) => new FeedItemsRepository(dataSource),
          inject: [DATA_SOURCE],
        },
        {
          provide: IngestionService,
          useFactory: (
            validate: FeedItemValidator,
            repository: FeedItemsRepository,
            faults: FaultsService,
            rateLimiter: SlidingWindowRateLimiter,
            requestLog: RequestLog,
            metrics: ReceiverMetrics,
          ) =>
            new IngestionService({
              config,
              logger: deps.logger,
              clock: deps.clock,
              key: deps.key,
              validate,
              repository,
              faults,
              rateLimiter,
              requestLog,
              metrics,
            }),
          inject: [
            FEED_ITEM_VALIDATOR,
            FeedItemsRepository,
            FaultsService,
            SlidingWindowRateLimiter,
            RequestLog,
            ReceiverMetrics,
          ],
        },
        { provide: ReceiverMetrics, useFactory: () => new ReceiverMetrics() },
        { provide: RequestLog, useFactory: () => new RequestLog(config.requestLogSize) },
        { provide: SlidingWindowRateLimiter, useFactory: () => new SlidingWindowRateLimiter() },
      ],
    };
  }

  /** Held requests go on before the server stops accepting, so closing does not wait for the hang timeout. */
  beforeApplicationShutdown(): void {
    this.faults.releaseHeld();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
