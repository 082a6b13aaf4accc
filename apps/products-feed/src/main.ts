import 'reflect-metadata';
import { Topics } from '@cde/contracts';
import { createKafka, KafkaBatchTransport } from '@cde/platform/kafka';
import { createLogger, PinoNestLogger } from '@cde/platform/observability';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { loadConfig } from './app.config';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ service: config.service, level: config.logLevel });
  const kafka = createKafka({ brokers: [...config.kafkaBrokers], clientId: config.service, logger });
  const app = await NestFactory.createMicroservice(AppModule.register(config, logger, kafka), {
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

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `products-feed failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
