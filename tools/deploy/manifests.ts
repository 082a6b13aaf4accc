/**
 * The Kubernetes manifests of deploy/k8s, generated from the code that owns each fact: the deployables and feeds of
 * `@cde/contracts`, the topic specs of `@cde/platform/kafka`, the ACLs of ./acls.ts and the committed Debezium
 * connector. `./dev manifests` writes them; the deploy checks hold the committed files to this rendering, so a new
 * service in the contracts gets its Deployment, scaler, user and topics by running it.
 */
import { adminResources } from './admin';
import {
  FEED_NAMES,
  feedsOfService,
  SERVICE_NAMES,
  type FeedName,
  type FeedServiceName,
} from '@cde/contracts';
import {
  commandsTopicSpec,
  eventsTopicSpec,
  feedDeadLetterTopicSpec,
  feedTopicSpec,
  serviceDeadLetterTopicSpec,
  type TopicSpec,
} from '@cde/platform/kafka';
import { kafkaPrincipals } from './acls';
import { connectorVariant, kafkaConnectorOf, loadConnector, type ConnectorFile } from './connector';
import {
  CLUSTER_CA_SECRET,
  CONNECT_CLUSTER,
  DEBEZIUM_PLUGINS,
  KAFKA_BOOTSTRAP,
  KAFKA_CLUSTER,
  KAFKA_METADATA_VERSION,
  KAFKA_VERSION,
  METRICS_PORT,
  RECEIVER_PORT,
  type Manifest,
} from './deploy-constants';
import { renderOverlays } from './overlays';
import { kustomization, yamlOf } from './yaml-files';
import { deployableResources, deployables, kafkaUser, type Deployable } from './workloads';

export * from './deploy-constants';
export { SPLIT_FEED } from './overlays';
export { yamlOf } from './yaml-files';
export * from './workloads';

/** The ConfigMap every deployable reads: where things are and how to reach Kafka. Secrets stay in Secrets. */
function configMap(): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cde-config', labels: { 'app.kubernetes.io/part-of': 'cde' } },
    data: {
      CDE_KAFKA_BROKERS: KAFKA_BOOTSTRAP,
      CDE_KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      CDE_KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      CDE_KAFKA_SSL_CA_FILE: '/etc/cde/kafka-ca/ca.crt',
      CDE_KAFKA_ENSURE_TOPICS: '0',
      CDE_METRICS_HOST: '0.0.0.0',
      CDE_METRICS_PORT: String(METRICS_PORT),
      CDE_LOG_LEVEL: 'info',
      CDE_COMMERCE_DB_HOST: 'commerce-db',
      CDE_COMMERCE_DB_PORT: '3306',
      CDE_COMMERCE_DB_NAME: 'magento',
      CDE_COMMERCE_DB_READER_USER: 'cde_reader',
      CDE_FEED_DB_HOST: 'commerce-db',
      CDE_FEED_DB_PORT: '3306',
      CDE_FEED_DB_NAME: 'data_export',
      CDE_FEED_DB_USER: 'cde_feed',
      CDE_CONNECT_URL: `http://${CONNECT_CLUSTER}-connect-api:8083`,
      CDE_EXPORT_BASE_URL: `http://commerce-services:${RECEIVER_PORT}`,
      CDE_EXPORT_ENVIRONMENT_ID: 'production',
      CDE_RECEIVER_ENVIRONMENT_ID: 'production',
      CDE_RECEIVER_DB_HOST: 'commerce-db',
      CDE_RECEIVER_DB_PORT: '3306',
      CDE_RECEIVER_DB_USER: 'cde_receiver',
      CDE_RECEIVER_DB_NAME: 'commerce_services',
    },
  };
}

/** Ingress is denied unless allowed: Prometheus scrapes, the exporter reaches the receiver. */
function networkPolicies(): Manifest[] {
  const partOf = { 'app.kubernetes.io/part-of': 'cde' };
  return [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'cde-default-deny-ingress' },
      spec: { podSelector: { matchLabels: partOf }, policyTypes: ['Ingress'], ingress: [] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'cde-allow-metrics-scrape' },
      spec: {
        podSelector: { matchLabels: partOf },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
            ports: [
              { port: 'metrics', protocol: 'TCP' },
              { port: 'http', protocol: 'TCP' },
            ],
          },
        ],
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'cde-allow-exporter-to-receiver' },
      spec: {
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'commerce-services' } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/component': 'exporter' } } }],
            ports: [{ port: 'http', protocol: 'TCP' }],
          },
        ],
      },
    },
  ];
}

function kafkaCluster(): Manifest[] {
  return [
    {
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'KafkaNodePool',
      metadata: { name: 'dual-role', labels: { 'strimzi.io/cluster': KAFKA_CLUSTER } },
      spec: {
        replicas: 3,
        roles: ['controller', 'broker'],
        storage: {
          type: 'jbod',
          volumes: [
            { id: 0, type: 'persistent-claim', size: '100Gi', deleteClaim: false, kraftMetadata: 'shared' },
          ],
        },
        resources: { requests: { cpu: '500m', memory: '2Gi' }, limits: { cpu: '2', memory: '2Gi' } },
      },
    },
    {
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'Kafka',
      metadata: { name: KAFKA_CLUSTER },
      spec: {
        kafka: {
          version: KAFKA_VERSION,
          metadataVersion: KAFKA_METADATA_VERSION,
          listeners: [
            {
              name: 'tls',
              port: 9093,
              type: 'internal',
              tls: true,
              authentication: { type: 'scram-sha-512' },
            },
            { name: 'mtls', port: 9094, type: 'internal', tls: true, authentication: { type: 'tls' } },
          ],
          authorization: { type: 'simple' },
          config: {
            'offsets.topic.replication.factor': 3,
            'transaction.state.log.replication.factor': 3,
            'transaction.state.log.min.isr': 2,
            'default.replication.factor': 3,
            'min.insync.replicas': 2,
            // Topics are declared (KafkaTopic), never created by a typo'd producer or consumer.
            'auto.create.topics.enable': false,
          },
        },
        entityOperator: { topicOperator: {}, userOperator: {} },
      },
    },
  ];
}

function kafkaConnect(): Manifest {
  const env = (name: string, value: string) => ({ name, value });
  const fromSecret = (name: string, secret: string, key: string) => ({
    name,
    valueFrom: { secretKeyRef: { name: secret, key } },
  });
  const configFrom = (name: string) => ({
    name,
    valueFrom: { configMapKeyRef: { name: 'cde-config', key: name } },
  });
  return {
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaConnect',
    metadata: { name: CONNECT_CLUSTER, annotations: { 'strimzi.io/use-connector-resources': 'true' } },
    spec: {
      version: KAFKA_VERSION,
      replicas: 1,
      bootstrapServers: KAFKA_BOOTSTRAP,
      tls: { trustedCertificates: [{ secretName: CLUSTER_CA_SECRET, pattern: '*.crt' }] },
      authentication: {
        type: 'scram-sha-512',
        username: 'cde-connect',
        passwordSecret: { secretName: 'cde-connect', password: 'password' },
      },
      groupId: 'cde-connect',
      configStorageTopic: 'cde-connect-configs',
      offsetStorageTopic: 'cde-connect-offsets',
      statusStorageTopic: 'cde-connect-status',
      config: {
        'config.storage.replication.factor': -1,
        'offset.storage.replication.factor': -1,
        'status.storage.replication.factor': -1,
        // The connector config reads its addresses and credentials as ${env:…}, as on every other worker.
        'config.providers': 'env',
        'config.providers.env.class': 'org.apache.kafka.common.config.provider.EnvVarConfigProvider',
      },
      resources: { requests: { cpu: '250m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } },
      build: {
        output: {
          type: 'docker',
          image: `registry.example.com/cde/connect-debezium:${KAFKA_VERSION}-${DEBEZIUM_PLUGINS.mysql}`,
        },
        plugins: (['mariadb', 'mysql'] as const).map((flavor) => ({
          name: `debezium-connector-${flavor}`,
          artifacts: [
            {
              type: 'maven',
              group: 'io.debezium',
              artifact: `debezium-connector-${flavor}`,
              version: DEBEZIUM_PLUGINS[flavor],
            },
          ],
        })),
      },
      template: {
        connectContainer: {
          env: [
            configFrom('CDE_COMMERCE_DB_HOST'),
            configFrom('CDE_COMMERCE_DB_PORT'),
            env('CDE_DEBEZIUM_DB_USER', 'debezium'),
            fromSecret('CDE_DEBEZIUM_DB_PASSWORD', 'cde-db', 'debezium-password'),
            env('CDE_DEBEZIUM_SERVER_ID', '184054'),
            configFrom('CDE_KAFKA_BROKERS'),
            configFrom('CDE_KAFKA_SECURITY_PROTOCOL'),
            configFrom('CDE_KAFKA_SASL_MECHANISM'),
            env('CDE_KAFKA_SASL_USERNAME', 'cde-connect'),
            fromSecret('CDE_KAFKA_SASL_PASSWORD', 'cde-connect', 'password'),
            env('CDE_KAFKA_SSL_CA_FILE', `/opt/kafka/connect-certs/${CLUSTER_CA_SECRET}/ca.crt`),
          ],
        },
      },
    },
  };
}

/** A KafkaTopic of a spec; resource names cannot hold `_` or capitals, the topic name can. */
export function kafkaTopic(spec: TopicSpec): Manifest {
  return {
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaTopic',
    metadata: {
      name: spec.topic
        .toLowerCase()
        .replace(/_/g, '-')
        .replace(/^[^a-z0-9]+/, ''),
      labels: { 'strimzi.io/cluster': KAFKA_CLUSTER },
    },
    spec: {
      topicName: spec.topic,
      partitions: spec.numPartitions,
      ...(spec.replicationFactor === undefined ? {} : { replicas: spec.replicationFactor }),
      config: spec.configs,
    },
  };
}

/** The Commerce tables the connector captures, as their change topics `commerce.magento.<table>`. */
export function capturedTopics(connector: ConnectorFile): string[] {
  const prefix = connector.config['topic.prefix'] ?? 'commerce';
  return (connector.config['table.include.list'] ?? '')
    .split(',')
    .map((entry) => entry.replace(/\\\./g, '.'))
    .filter(Boolean)
    .map((table) => `${prefix}.${table}`);
}

/**
 * Every topic of a deployment: the feeds and their dead letters, every service's dead letters, commands and
 * events (the services' own specs), the change topics of the captured tables (created by Connect otherwise, with a
 * week of retention and three partitions so feed services can scale), Debezium's heartbeat and its schema history
 * (one partition, kept forever, as Debezium requires).
 */
export function topicSpecs(connector: ConnectorFile): TopicSpec[] {
  const week = String(7 * 24 * 60 * 60 * 1000);
  return [
    ...FEED_NAMES.flatMap((f) => [feedTopicSpec(f), feedDeadLetterTopicSpec(f)]),
    ...[...SERVICE_NAMES, 'exporter' as const].map((s) => serviceDeadLetterTopicSpec(s)),
    commandsTopicSpec(),
    eventsTopicSpec(),
    ...capturedTopics(connector).map((topic): TopicSpec => ({
      topic,
      numPartitions: 3,
      configs: { 'cleanup.policy': 'delete', 'retention.ms': week },
    })),
    {
      topic: '__debezium-heartbeat.commerce',
      numPartitions: 1,
      configs: { 'cleanup.policy': 'delete', 'retention.ms': week },
    },
    {
      topic: connector.config['schema.history.internal.kafka.topic'] ?? 'cde-schema-history.commerce',
      numPartitions: 1,
      configs: { 'cleanup.policy': 'delete', 'retention.ms': '-1', 'retention.bytes': '-1' },
    },
  ];
}

/** Every file under deploy/k8s, by path relative to it. */
export function renderManifests(connector: ConnectorFile = loadConnector()): Map<string, string> {
  const files = new Map<string, string>();
  const apps = deployables();
  for (const d of apps) files.set(`base/apps/${d.name}.yaml`, yamlOf(deployableResources(d)));
  files.set('base/apps/admin.yaml', yamlOf(adminResources()));
  files.set('base/config.yaml', yamlOf([configMap()]));
  files.set('base/network-policies.yaml', yamlOf(networkPolicies()));
  files.set('base/kafka/cluster.yaml', yamlOf(kafkaCluster()));
  files.set(
    'base/kafka/connect.yaml',
    yamlOf([kafkaConnect(), kafkaConnectorOf(connector, CONNECT_CLUSTER)]),
  );
  files.set('base/kafka/topics.yaml', yamlOf(topicSpecs(connector).map(kafkaTopic)));
  files.set('base/kafka/users.yaml', yamlOf(kafkaPrincipals().map(kafkaUser)));
  files.set(
    'base/kustomization.yaml',
    kustomization({
      resources: [
        'config.yaml',
        'network-policies.yaml',
        'kafka/cluster.yaml',
        'kafka/connect.yaml',
        'kafka/topics.yaml',
        'kafka/users.yaml',
        ...apps.map((d) => `apps/${d.name}.yaml`),
        'apps/admin.yaml',
      ],
    }),
  );
  for (const [path, text] of renderOverlays(connector, apps)) files.set(path, text);
  return files;
}

/** The committed MySQL connector file (the one source's MySQL variant). */
export function mysqlConnectorOf(connector: ConnectorFile = loadConnector()): ConnectorFile {
  return connectorVariant(connector, { flavor: 'mysql' });
}

/** The consumer group each deployable of a rendering uses (its name, as the contracts' one-name rule says). */
export function feedsOfDeployable(d: Deployable): readonly FeedName[] {
  if (d.feeds !== undefined) return d.feeds;
  return d.role === 'feed-service'
    ? feedsOfService(d.app as FeedServiceName)
    : d.role === 'exporter'
      ? FEED_NAMES
      : [];
}
