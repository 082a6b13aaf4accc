import { feedOfIngestionPath, IngestionHeaders, ReceiverCode } from '@cde/contracts';
import { ApiErrorFilter } from '@cde/platform/http';
import {
  PinoNestLogger,
  traceHttpRequests,
  withTracingShutdown,
  type Tracing,
} from '@cde/platform/observability';
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
  /** Started tracing: ingestion requests get SERVER spans, flushed when the app shuts down. */
  readonly tracing?: Tracing;
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
    const root = AppModule.register({
      config,
      logger,
      dataSource,
      key,
      clock: options.clock ?? (() => new Date()),
      random: options.random,
    });
    const app = await NestFactory.create<NestExpressApplication>(
      options.tracing?.enabled === true ? withTracingShutdown(root, options.tracing) : root,
      { bodyParser: false, logger: new PinoNestLogger(logger), abortOnError: false },
    );
    app.disable('x-powered-by');
    app.use(assignRequestId);
    // A SERVER span per ingestion request, child of the exporter's `traceparent` (reads and probes are not traced).
    app.use(
      traceHttpRequests(
        (req) => {
          const feed =
            req.method === 'POST' ? feedOfIngestionPath((req.url ?? '').split('?')[0] ?? '') : undefined;
          return feed === undefined ? undefined : `ingest ${feed.feed}`;
        },
        (res) => ({ 'cde.request_id': String(res.getHeader(IngestionHeaders.requestId) ?? '') }),
      ),
    );
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
