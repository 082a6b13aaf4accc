import { ReceiverCode } from '@cde/contracts';
import { ApiErrorFilter } from '@cde/platform/http';
import { PinoNestLogger } from '@cde/platform/observability';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import type { ReceiverConfig } from './app.config';
import { AppModule } from './app.module';
import type { Clock } from './app.tokens';
import { createReceiverDataSource, runReceiverMigrations } from './database/receiver.data-source';
import { assignRequestId, requestIdOf } from './http/request-id';
import { loadIngestionPublicKey } from './ingestion/ingestion-auth';

export interface CreateAppOptions {
  readonly clock?: Clock;
  readonly random?: () => number;
}

/**
 * Builds the receiver as main.ts runs it and the integration test boots it: the public key is read, the
 * database migrated, then the Nest app is created (not listening yet). No body parser: ingestion reads its
 * body itself, after the cheap checks, and gzip is decoded there with its own limits.
 */
export async function createApp(
  config: ReceiverConfig,
  logger: Logger,
  options: CreateAppOptions = {},
): Promise<INestApplication> {
  const key = await loadIngestionPublicKey(config.publicKeyFile);
  const dataSource = createReceiverDataSource(config.db);
  await dataSource.initialize();
  try {
    await runReceiverMigrations(dataSource);
    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.register({
        config,
        logger,
        dataSource,
        key,
        clock: options.clock ?? (() => new Date()),
        random: options.random,
      }),
      { bodyParser: false, logger: new PinoNestLogger(logger), abortOnError: false },
    );
    app.disable('x-powered-by');
    app.use(assignRequestId);
    app.useGlobalFilters(
      new ApiErrorFilter(logger, {
        internalCode: ReceiverCode.Internal,
        logFields: (res) => ({ traceId: requestIdOf(res) }),
      }),
    );
    return app;
  } catch (error: unknown) {
    await dataSource.destroy();
    throw error;
  }
}
