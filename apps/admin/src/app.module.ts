import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { AdminReadRepository } from '@cde/admin-api';
import type { KafkaPublisher } from '@cde/platform/kafka';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { ActionsController } from './api/actions.controller';
import { EventsController } from './api/events.controller';
import { FeedsController } from './api/feeds.controller';
import type { AdminConfig } from './app.config';
import { ADMIN_CONFIG, LOGGER, PUBLISHER } from './app.tokens';
import { AuthController } from './auth/auth.controller';
import { OidcClient } from './auth/oidc';
import { SessionCodec } from './auth/session';
import { SessionGuard } from './auth/session.guard';
import { AdminMetrics } from './ops/admin.metrics';
import { EventsHub } from './ops/events-hub';
import { HealthController } from './ops/health.controller';
import { PipelineHealth } from './ops/pipeline-health';
import { ReceiverClient } from './ops/receiver-client';
import { ASSETS_DIR, WebController } from './web/web.controller';

/** What the composition root hands the module: config, logger, an open feed-state pool, Kafka clients. */
export interface AdminDependencies {
  readonly config: AdminConfig;
  readonly logger: Logger;
  readonly dataSource: DataSource;
  readonly publisher: KafkaPublisher;
  readonly events: EventsHub;
  readonly health: PipelineHealth;
  readonly assetsDir: string;
}

@Module({})
export class AppModule implements OnApplicationShutdown {
  constructor(
    @Inject(EventsHub) private readonly events: EventsHub,
    @Inject(PipelineHealth) private readonly health: PipelineHealth,
    @Inject(PUBLISHER) private readonly publisher: KafkaPublisher,
    @Inject('DATA_SOURCE') private readonly dataSource: DataSource,
  ) {}

  static register(deps: AdminDependencies): DynamicModule {
    const { config } = deps;
    return {
      module: AppModule,
      controllers: [
        ActionsController,
        AuthController,
        EventsController,
        FeedsController,
        HealthController,
        WebController,
      ],
      providers: [
        SessionGuard,
        { provide: ADMIN_CONFIG, useValue: config },
        { provide: ASSETS_DIR, useValue: deps.assetsDir },
        { provide: 'DATA_SOURCE', useValue: deps.dataSource },
        { provide: EventsHub, useValue: deps.events },
        { provide: LOGGER, useValue: deps.logger },
        { provide: PipelineHealth, useValue: deps.health },
        { provide: PUBLISHER, useValue: deps.publisher },
        { provide: AdminReadRepository, useFactory: () => new AdminReadRepository(deps.dataSource) },
        {
          provide: AdminMetrics,
          useFactory: (repository: AdminReadRepository) => new AdminMetrics(repository, deps.health),
          inject: [AdminReadRepository],
        },
        { provide: OidcClient, useFactory: () => (config.oidc ? new OidcClient(config.oidc) : null) },
        {
          provide: ReceiverClient,
          useFactory: () =>
            config.receiver ? new ReceiverClient(config.receiver.url, config.receiver.apiKey) : null,
        },
        {
          provide: SessionCodec,
          useFactory: () =>
            new SessionCodec(config.sessionKey, config.sessionTtlSeconds, config.secureCookies),
        },
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.events.stop();
    await this.health.close();
    await this.publisher.disconnect().catch(() => undefined);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
