/** The Kustomize overlays of deploy/k8s: production, a one-broker local cluster, MySQL, and one split feed. */
import { FEED_NAMES, type FeedName } from '@cde/contracts';
import { stringify } from 'yaml';
import { CONNECTOR_CLASSES, connectorVariant, type ConnectorFile } from './connector';
import { IMAGE_TAG, KAFKA_CLUSTER } from './deploy-constants';
import { HEADER, kustomization, yamlOf } from './yaml-files';
import { deployableResources, type Deployable } from './workloads';

/** The split of the `prices` feed's export into a Deployment of its own (`overlays/split-prices`). */
export const SPLIT_FEED: FeedName = 'prices';

/** Every overlay's files, by path under deploy/k8s. */
export function renderOverlays(connector: ConnectorFile, apps: readonly Deployable[]): Map<string, string> {
  const files = new Map<string, string>();
  files.set(
    'overlays/production/kustomization.yaml',
    kustomization({
      namespace: 'cde',
      resources: ['../../base'],
      images: apps.map((d) => ({
        name: `cde/${d.app}`,
        newName: `registry.example.com/cde/${d.app}`,
        newTag: IMAGE_TAG,
      })),
    }),
  );
  // A cluster of one broker (kind, minikube): replication 1, smaller pools.
  files.set(
    'overlays/local/kustomization.yaml',
    kustomization({
      namespace: 'cde',
      resources: ['../../base'],
      patches: [
        { target: { kind: 'KafkaNodePool', name: 'dual-role' }, path: 'single-node.yaml' },
        { target: { kind: 'Kafka', name: KAFKA_CLUSTER }, path: 'replication-one.yaml' },
      ],
    }),
  );
  files.set(
    'overlays/local/single-node.yaml',
    HEADER +
      stringify([
        { op: 'replace', path: '/spec/replicas', value: 1 },
        { op: 'replace', path: '/spec/storage/volumes/0/size', value: '10Gi' },
        {
          op: 'replace',
          path: '/spec/resources',
          value: { requests: { cpu: '250m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } },
        },
      ]),
  );
  files.set(
    'overlays/local/replication-one.yaml',
    HEADER +
      stringify(
        [
          'offsets.topic.replication.factor',
          'transaction.state.log.replication.factor',
          'transaction.state.log.min.isr',
          'default.replication.factor',
          'min.insync.replicas',
        ].map((key) => ({ op: 'replace', path: `/spec/kafka/config/${key}`, value: 1 })),
      ),
  );
  // MySQL 8 (RDS, Aurora MySQL): the connector of deploy/debezium/commerce-connector.mysql.json.
  const mysql = connectorVariant(connector, { flavor: 'mysql' });
  files.set(
    'overlays/mysql/kustomization.yaml',
    kustomization({
      namespace: 'cde',
      resources: ['../../base'],
      patches: [
        {
          target: { kind: 'KafkaConnector', name: connector.name },
          patch: stringify([
            {
              op: 'replace',
              path: '/spec/class',
              value: mysql.config['connector.class'] ?? CONNECTOR_CLASSES.mysql,
            },
          ]),
        },
      ],
    }),
  );
  // One feed's export in a Deployment (and consumer group) of its own, scaled on that feed's lag alone.
  const rest = FEED_NAMES.filter((f) => f !== SPLIT_FEED);
  const split: Deployable = {
    name: `exporter-${SPLIT_FEED}`,
    app: 'exporter',
    role: 'exporter',
    feeds: [SPLIT_FEED],
  };
  files.set(`overlays/split-${SPLIT_FEED}/exporter-${SPLIT_FEED}.yaml`, yamlOf(deployableResources(split)));
  files.set(
    `overlays/split-${SPLIT_FEED}/kustomization.yaml`,
    kustomization({
      namespace: 'cde',
      resources: ['../../base', `exporter-${SPLIT_FEED}.yaml`],
      patches: [
        {
          target: { kind: 'Deployment', name: 'exporter' },
          patch: stringify([
            {
              op: 'add',
              path: '/spec/template/spec/containers/0/env/-',
              value: { name: 'CDE_FEEDS', value: rest.join(',') },
            },
          ]),
        },
      ],
    }),
  );
  return files;
}
