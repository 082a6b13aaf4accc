import 'reflect-metadata';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createLogger } from '@cde/platform/observability';
import { loadConfig } from './app.config';
import { createApp } from './app.factory';

/** The page's files: beside the bundle (dist/apps/admin/assets) or, run from source, in src/web/assets. */
function assetsDir(): string {
  const candidates = [path.join(__dirname, 'assets'), path.join(__dirname, 'web/assets')];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'index.html')));
  if (!found) throw new Error(`the dashboard's files are missing (looked in ${candidates.join(', ')})`);
  return found;
}

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ service: config.service, level: config.logLevel });
  const app = await createApp(config, logger, assetsDir());
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  logger.info(
    { signIn: { local: config.localUser !== null, oidc: config.oidc !== null } },
    `admin listening on http://${config.host}:${config.port}`,
  );
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `admin failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
