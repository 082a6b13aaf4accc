import { AdminCode } from '@cde/contracts';
import { createFeedStateDataSource } from '@cde/platform/feed-state';
import { ApiErrorFilter } from '@cde/platform/http';
import { createKafka, KafkaPublisher } from '@cde/platform/kafka';
import { PinoNestLogger } from '@cde/platform/observability';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import type { AdminConfig } from './app.config';
import { AppModule } from './app.module';
import { EventsHub } from './ops/events-hub';
import { PipelineHealth } from './ops/pipeline-health';

/**
 * Builds the admin app as main.ts runs it: the feed-state pool (read only: the admin never migrates or writes
 * it), Kafka (a publisher for commands, a listener for events), then the Nest app, not listening yet.
 */
export async function createApp(
  config: AdminConfig,
  logger: Logger,
  assetsDir: string,
): Promise<INestApplication> {
  const dataSource = createFeedStateDataSource(config.feedState, 4);
  await dataSource.initialize();
  const kafka = createKafka({
    brokers: config.kafka.brokers,
    clientId: 'admin',
    logger,
    security: config.kafka.security,
  });
  const publisher = new KafkaPublisher(kafka, logger);
  const events = new EventsHub(kafka, config.eventsGroupPrefix, logger);
  const health = new PipelineHealth(kafka, config.exporterGroup, config.connectUrl, config.connectorName);
  try {
    await publisher.connect();
    await events.start();
    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.register({ config, logger, dataSource, publisher, events, health, assetsDir }),
      { logger: new PinoNestLogger(logger), abortOnError: false },
    );
    app.disable('x-powered-by');
    app.useBodyParser('json', { limit: '1mb' });
    app.useGlobalFilters(
      new ApiErrorFilter(logger, {
        internalCode: AdminCode.Internal,
        headers: { 'cache-control': 'no-store' },
      }),
    );
    return app;
  } catch (error: unknown) {
    await events.stop();
    await publisher.disconnect().catch(() => undefined);
    await dataSource.destroy();
    throw error;
  }
}
