import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { ServiceConfig } from './service.config';

/** What the root module of a service is built from: its validated config, its logger and its Kafka client. */
export interface ServiceContext<C extends ServiceConfig = ServiceConfig> {
  readonly config: C;
  readonly logger: Logger;
  /** The client the transport consumes with; the publisher produces with it too. */
  readonly kafka: Kafka;
}

/** The service's `ServiceContext`. */
export const SERVICE_CONTEXT = Symbol('SERVICE_CONTEXT');

/** The feed-state `DataSource` (migrated), for services that keep feed state. */
export const FEED_STATE_DATA_SOURCE = Symbol('FEED_STATE_DATA_SOURCE');

/** The `ServiceParts` a service contributes to the common lifecycle. */
export const SERVICE_PARTS = Symbol('SERVICE_PARTS');
