import 'reflect-metadata';
import { createLogger, startTracing } from '@cde/platform/observability';
import { loadConfig } from './app.config';
import { createApp } from './app.factory';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const tracing = startTracing(config.tracing, config.service);
  const logger = createLogger({ service: config.service, level: config.logLevel });
  tracing.reportTo(logger);
  const app = await createApp(config, logger, { tracing });
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  logger.info(
    { environmentId: config.environmentId, rateLimit: config.rateLimit },
    `${config.service} listening on http://${config.host}:${config.port}`,
  );
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `commerce-services failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
