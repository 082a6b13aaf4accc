import { KafkaPublisher } from '@cde/platform/kafka';
import { MetricsServer } from '@cde/platform/observability';
import {
  Inject,
  Injectable,
  Optional,
  type BeforeApplicationShutdown,
  type FactoryProvider,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import type { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { PeriodicTasks, type PeriodicTask } from './periodic-tasks';
import {
  FEED_STATE_DATA_SOURCE,
  SERVICE_CONTEXT,
  SERVICE_PARTS,
  type ServiceContext,
} from './service.tokens';

/** What a service contributes to the common lifecycle; everything but the registry is optional. */
export interface ServiceParts {
  /** Its Prometheus registry, served on `/metrics`. */
  readonly registry: Registry;
  /** Starts its background work; the service turns ready after it (the consumer joins right after that). */
  readonly start?: () => Promise<void>;
  readonly tasks?: readonly PeriodicTask[];
  /** On a signal, before the transport closes: cut waits short so in-flight batches finish in time. */
  readonly beforeTransportClose?: () => Promise<void>;
  /** Once the transport closed: stop the background work (bounded), before anything it uses is closed. */
  readonly stop?: () => Promise<void>;
  /** Resources of its own, closed in this order after `stop` and the publisher (the Commerce DB, an HTTP pool). */
  readonly close?: readonly (() => Promise<void>)[];
}

/** How long a periodic task under way may finish on shutdown. */
const TASK_STOP_TIMEOUT_MS = 10_000;

/**
 * Starts and stops a service the same way for every service. On bootstrap: its background work, then
 * `/metrics` and `/health` (ready from then on), then its periodic tasks. On shutdown, in this order: readiness
 * drops and waits are cut short (before the transport closes and lets in-flight batches commit); then the
 * periodic tasks and the background work stop, the publisher disconnects, the service's own resources close,
 * then the feed state, and the metrics endpoint last.
 */
@Injectable()
export class ServiceLifecycle
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private ready = false;
  private port: number | undefined;
  private readonly server: MetricsServer;
  private readonly tasks: PeriodicTasks;

  constructor(
    @Inject(SERVICE_PARTS) private readonly parts: ServiceParts,
    @Inject(SERVICE_CONTEXT) private readonly context: ServiceContext,
    @Inject(KafkaPublisher) private readonly publisher: KafkaPublisher,
    @Optional() @Inject(FEED_STATE_DATA_SOURCE) private readonly dataSource?: DataSource,
  ) {
    const { metrics } = context.config;
    this.server = new MetricsServer({
      host: metrics.host,
      port: metrics.port,
      registry: parts.registry,
      ready: () => this.ready,
    });
    this.tasks = new PeriodicTasks(parts.tasks ?? [], context.logger);
  }

  /** Where `/metrics` and `/health` listen, once bootstrapped. */
  get metricsPort(): number | undefined {
    return this.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.parts.start?.();
    this.port = await this.server.start();
    this.ready = true;
    this.context.logger.info(
      { host: this.context.config.metrics.host, port: this.port },
      'metrics and health listening',
    );
    this.tasks.start();
  }

  /** On a signal Nest runs this before it closes the transport. */
  async beforeApplicationShutdown(): Promise<void> {
    this.ready = false;
    await this.parts.beforeTransportClose?.();
  }

  async onApplicationShutdown(): Promise<void> {
    this.ready = false;
    await this.tasks.stop(TASK_STOP_TIMEOUT_MS);
    await this.step('stopping the background work', this.parts.stop);
    await this.step('disconnecting the publisher', () => this.publisher.disconnect());
    for (const close of this.parts.close ?? []) await this.step('closing a resource', close);
    const dataSource = this.dataSource;
    if (dataSource) await this.step('closing the feed state', () => dataSource.destroy());
    await this.step('closing the metrics endpoint', () => this.server.close());
  }

  /** One shutdown step; a failure is logged and the next steps still run. */
  private async step(what: string, run: (() => Promise<unknown>) | undefined): Promise<void> {
    if (run === undefined) return;
    try {
      await run();
    } catch (error) {
      this.context.logger.warn({ err: error }, `shutdown: ${what} failed`);
    }
  }
}

/**
 * The providers a feature module registers to run the common lifecycle with its parts, e.g.
 * `serviceLifecycle({ inject: [FeedService, FeedMetrics], useFactory: (service, metrics) => ({ … }) })`.
 * The module imports `ServiceModule` for the context, the publisher and the feed state the lifecycle closes.
 */
export function serviceLifecycle(parts: Omit<FactoryProvider<ServiceParts>, 'provide'>): Provider[] {
  return [{ ...parts, provide: SERVICE_PARTS }, ServiceLifecycle];
}
