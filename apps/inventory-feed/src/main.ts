import 'reflect-metadata';
import { runService } from '@cde/platform/service';
import { inventoryFeedService } from './app.module';

runService(inventoryFeedService);
