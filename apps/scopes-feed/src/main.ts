import 'reflect-metadata';
import { runService } from '@cde/platform/service';
import { scopesFeedService } from './app.module';

runService(scopesFeedService);
