import 'reflect-metadata';
import { runFeedService } from '@cde/feed-engine';
import { AppModule } from './app.module';
import { loadConfig } from './app.config';

runFeedService('scopes-feed', loadConfig, (config, logger, kafka) =>
  AppModule.register(config, logger, kafka),
);
