import 'reflect-metadata';
import { runService } from '@cde/platform/service';
import { exporterService } from './app.module';

runService(exporterService);
