import 'reflect-metadata';
import { runService } from '@cde/platform/service';
import { productsFeedService } from './app.module';

runService(productsFeedService);
