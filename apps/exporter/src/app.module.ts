import { ExportModule, type ExporterConfig } from '@cde/export';
import { Module, type DynamicModule } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';

@Module({})
export class AppModule {
  static register(
    config: ExporterConfig,
    logger: Logger,
    kafka: Kafka,
    onMetricsListening?: (port: number) => void,
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ExportModule.register({
          config,
          logger,
          kafka,
          ...(onMetricsListening ? { onMetricsListening } : {}),
        }),
      ],
    };
  }
}
