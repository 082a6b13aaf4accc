import { Topics, type FeedServiceName } from '@cde/contracts';
import { createKafka, KafkaBatchTransport } from '@cde/platform/kafka';
import { createLogger, PinoNestLogger } from '@cde/platform/observability';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { FeedServiceConfig } from '../feed-service.config';

/** How an app composes its root module from what every feed service has. */
export type FeedServiceRoot = (config: FeedServiceConfig, logger: Logger, kafka: Kafka) => DynamicModule;

/**
 * Starts a feed service the same way for every app: one logger and Kafka client, the batch transport with the
 * service's consumer group (`cde.commands` read from its end for a new group), shutdown hooks. Resolves once it
 * consumes; a failure to start is the caller's to report.
 */
export async function startFeedService(config: FeedServiceConfig, root: FeedServiceRoot): Promise<void> {
  const logger = createLogger({ service: config.service, level: config.logLevel });
  const kafka = createKafka({ brokers: [...config.kafkaBrokers], clientId: config.service, logger });
  const app = await NestFactory.createMicroservice(root(config, logger, kafka), {
    strategy: new KafkaBatchTransport({
      kafka,
      service: config.service,
      groupId: config.consumerGroup,
      startAtLatest: [Topics.commands],
      logger,
      partitionsConsumedConcurrently: config.partitionsConsumedConcurrently,
    }),
    logger: new PinoNestLogger(logger),
  });
  app.enableShutdownHooks();
  await app.listen();
  logger.info({ feeds: config.feeds }, `${config.service} consuming`);
}

/** The entry point of a feed service's main.ts: start, or say why not on stderr and exit 1. */
export function runFeedService(
  service: FeedServiceName,
  loadConfig: () => FeedServiceConfig,
  root: FeedServiceRoot,
): void {
  const start = async (): Promise<void> => startFeedService(loadConfig(), root);
  start().catch((error: unknown) => {
    process.stderr.write(
      `${service} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}
