import { TRACING_OFF } from '@cde/platform/observability';
import type { KafkaPublisher } from '@cde/platform/kafka';
import pino from 'pino';
import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { request } from 'undici';
import type { ServiceConfig } from './service.config';
import { ServiceLifecycle, type ServiceParts } from './service.lifecycle';
import type { ServiceContext } from './service.tokens';

/** The lifecycle every service shares, with a real metrics endpoint on loopback and recorded steps. */
describe(ServiceLifecycle.name, () => {
  const config: ServiceConfig = {
    service: 'scopes-feed',
    kafka: {
      brokers: [],
      security: { protocol: 'PLAINTEXT' },
      ensureTopics: true,
      consumerGroup: 'g',
      partitionsConsumedConcurrently: 1,
      maxBytesPerPartition: 1,
      maxMessageBytes: 4_194_304,
    },
    log: { level: 'silent', extendedLog: false },
    metrics: { host: '127.0.0.1', port: 0 },
    tracing: TRACING_OFF,
  };
  const context = { config, logger: pino({ level: 'silent' }), kafka: {} } as unknown as ServiceContext;

  it('starts the work before it turns ready, and shuts down in order, the metrics endpoint last', async () => {
    const steps: string[] = [];
    const step = (name: string) => () => {
      steps.push(name);
      return Promise.resolve();
    };
    const parts: ServiceParts = {
      registry: new Registry(),
      start: step('start'),
      beforeTransportClose: step('cut waits short'),
      stop: step('stop'),
      close: [step('close commerce db')],
    };
    const publisher = { disconnect: step('disconnect publisher') } as unknown as KafkaPublisher;
    const dataSource = { destroy: step('close feed state') } as unknown as DataSource;
    const sut = new ServiceLifecycle(parts, context, publisher, dataSource);
    const health = async (): Promise<number> =>
      (await request(`http://127.0.0.1:${sut.metricsPort}/health/ready`)).statusCode;

    await sut.onApplicationBootstrap();
    expect(steps).toEqual(['start']);
    expect(await health()).toBe(200);

    await sut.beforeApplicationShutdown();
    expect(await health()).toBe(503);
    await sut.onApplicationShutdown();
    expect(steps).toEqual([
      'start',
      'cut waits short',
      'stop',
      'disconnect publisher',
      'close commerce db',
      'close feed state',
    ]);
    await expect(request(`http://127.0.0.1:${sut.metricsPort}/health/live`)).rejects.toThrow();
  });

  it('goes on with the next steps when one fails', async () => {
    const closed: string[] = [];
    const parts: ServiceParts = {
      registry: new Registry(),
      stop: () => Promise.reject(new Error('stuck')),
      close: [() => Promise.resolve(void closed.push('commerce db'))],
    };
    const publisher = { disconnect: () => Promise.reject(new Error('gone')) } as unknown as KafkaPublisher;
    const sut = new ServiceLifecycle(parts, context, publisher);
    await sut.onApplicationBootstrap();
    await sut.onApplicationShutdown();
    expect(closed).toEqual(['commerce db']);
  });
});
