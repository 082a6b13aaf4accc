import 'reflect-metadata';
import { runService } from '@cde/platform/service';
import { ordersFeedService } from './app.module';

runService(ordersFeedService);
