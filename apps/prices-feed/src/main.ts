import 'reflect-metadata';
import { runService } from '@cde/platform/service';
import { pricesFeedService } from './app.module';

runService(pricesFeedService);
