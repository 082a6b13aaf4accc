import { Inject, Module, type DynamicModule, type OnApplicationShutdown, type Type } from '@nestjs/common';
import type { Tracing } from './tracing';

const TRACING = Symbol('Tracing');

class TracingShutdown implements OnApplicationShutdown {
  constructor(@Inject(TRACING) private readonly tracing: Tracing) {}

  /** Last of the shutdown hooks (the outermost module): the spans of the shutdown itself are exported too. */
  async onApplicationShutdown(): Promise<void> {
    await this.tracing.shutdown();
  }
}

@Module({})
class TracedRootModule {}

/** The app's root module inside one that flushes and stops tracing when the app shuts down. */
export function withTracingShutdown(root: DynamicModule | Type, tracing: Tracing): DynamicModule {
  return {
    module: TracedRootModule,
    imports: [root],
    providers: [{ provide: TRACING, useValue: tracing }, TracingShutdown],
  };
}
