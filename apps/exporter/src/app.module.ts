import { ExportModule, exportTransportOptions, type ExporterConfig } from '@cde/export';
import type { ServiceContext, ServiceDefinition } from '@cde/platform/service';
import { Module, type DynamicModule } from '@nestjs/common';
import { loadConfig } from './app.config';

@Module({})
export class AppModule {
  static register(context: ServiceContext<ExporterConfig>): DynamicModule {
    return { module: AppModule, imports: [ExportModule.register({ context })] };
  }
}

/** The exporter as main.ts runs it and its integration test boots it. */
export const exporterService: ServiceDefinition<ExporterConfig> = {
  name: 'exporter',
  loadConfig,
  root: (context) => AppModule.register(context),
  transport: exportTransportOptions,
  logFields: (config) => ({
    feeds: config.feeds,
    receiver: config.receiver.baseUrl,
    maxRps: config.rate.maxRps,
  }),
};
