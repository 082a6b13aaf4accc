import 'reflect-metadata';
import { ExportTopics } from '@cde/export';
import { createKafka, KafkaBatchTransport } from '@cde/platform/kafka';
import { createLogger, PinoNestLogger } from '@cde/platform/observability';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from './app.config';
import { AppModule } from './app.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ service: config.service, level: config.logLevel });
  const kafka = createKafka({ brokers: [...config.kafkaBrokers], clientId: config.service, logger });
  const topics = new ExportTopics(config.topicPrefix, config.feeds);
  const app = await NestFactory.createMicroservice(AppModule.register(config, logger, kafka), {
    strategy: new KafkaBatchTransport({
      kafka,
      service: config.service,
      groupId: config.consumerGroup,
      logger,
      deadLetterTopic: topics.serviceDeadLetter,
      partitionsConsumedConcurrently: config.partitionsConsumedConcurrently,
      maxBytesPerPartition: config.maxBytesPerPartition,
    }),
    logger: new PinoNestLogger(logger),
  });
  app.enableShutdownHooks();
  await app.listen();
  logger.info(
    { feeds: config.feeds, receiver: config.receiver.baseUrl, maxRps: config.rate.maxRps },
    `${config.service} consuming`,
  );
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `exporter failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
