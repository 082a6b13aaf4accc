import 'reflect-metadata';
import { runFeedService } from '@cde/feed-engine';
import { AppModule } from './app.module';
import { loadConfig } from './app.config';

runFeedService('products-feed', loadConfig, (config, logger, kafka) =>
  AppModule.register(config, logger, kafka),
);
