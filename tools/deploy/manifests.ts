/**
 * The Kubernetes manifests of deploy/k8s, generated from the code that owns each fact: the deployables and feeds of
 * `@cde/contracts`, the topic specs of `@cde/platform/kafka`, the ACLs of ./acls.ts and the committed Debezium
 * connector. `./dev manifests` writes them; the deploy checks hold the committed files to this rendering, so a new
 * service in the contracts gets its Deployment, scaler, user and topics by running it.
 */
import {
  FEED_NAMES,
  feedsOfService,
  SERVICE_NAMES,
  Topics,
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
import { stringify } from 'yaml';
import { kafkaPrincipals, type KafkaPrincipal } from './acls';
import {
  CONNECTOR_CLASSES,
  connectorVariant,
  kafkaConnectorOf,
  loadConnector,
  type ConnectorFile,
} from './connector';

export const KAFKA_CLUSTER = 'cde-kafka';
export const CONNECT_CLUSTER = 'cde-connect';
export const KAFKA_VERSION = '4.3.1';
export const KAFKA_METADATA_VERSION = '4.3-IV0';
/** Debezium plugins Strimzi builds into the Connect image (the versions of deploy/local/pom.xml). */
export const DEBEZIUM_PLUGINS = { mariadb: '3.5.0.Final', mysql: '3.6.1.Final' } as const;
/** The SCRAM-over-TLS listener every client uses. */
export const KAFKA_BOOTSTRAP = `${KAFKA_CLUSTER}-kafka-bootstrap:9093`;
const CLUSTER_CA_SECRET = `${KAFKA_CLUSTER}-cluster-ca-cert`;
const IMAGE_TAG = '0.1.0';
/** Where every service serves /metrics and /health in a pod (one port name, `metrics`). */
export const METRICS_PORT = 9464;
const RECEIVER_PORT = 8090;
const RUN_AS = 10001;

type Manifest = Record<string, unknown>;
export type Role = 'feed-service' | 'exporter' | 'receiver';

/** A Deployment of ours: an app of the contracts, or a split of one (a feed or a feed's export of its own). */
export interface Deployable {
  /** Deployment, Service, consumer group, label: one name. */
  readonly name: string;
  /** The app it runs (image `cde/<app>`). */
  readonly app: FeedServiceName | 'exporter' | 'commerce-services';
  readonly role: Role;
  /** CDE_FEEDS, when it runs fewer feeds than its app has. */
  readonly feeds?: readonly FeedName[];
}

/** Every deployable of a base install: each feed service of the contracts, the exporter, the bundled receiver. */
export function deployables(): Deployable[] {
  return [
    ...SERVICE_NAMES.map((s): Deployable => ({ name: s, app: s, role: 'feed-service' })),
    { name: 'exporter', app: 'exporter', role: 'exporter' },
    { name: 'commerce-services', app: 'commerce-services', role: 'receiver' },
  ];
}

const labels = (d: Deployable) => ({
  'app.kubernetes.io/name': d.name,
  'app.kubernetes.io/component': d.role,
  'app.kubernetes.io/part-of': 'cde',
});
const selector = (d: Deployable) => ({ 'app.kubernetes.io/name': d.name });

/** The Kafka user a deployable connects as (a split runs as its app). */
const kafkaUserOf = (d: Deployable): string => d.app;

const secretEnv = (name: string, secret: string, key: string) => ({
  name,
  valueFrom: { secretKeyRef: { name: secret, key } },
});

/** What the container of a deployable reads beside the shared ConfigMap. */
function envOf(d: Deployable): Manifest[] {
  const env: Manifest[] = [];
  if (d.role !== 'receiver') {
    env.push(
      { name: 'CDE_KAFKA_SASL_USERNAME', value: kafkaUserOf(d) },
      secretEnv('CDE_KAFKA_SASL_PASSWORD', kafkaUserOf(d), 'password'),
      { name: 'CDE_KAFKA_CONSUMER_GROUP', value: d.name },
      secretEnv('CDE_FEED_DB_PASSWORD', 'cde-db', 'feed-password'),
    );
    if (d.feeds !== undefined) env.push({ name: 'CDE_FEEDS', value: d.feeds.join(',') });
  }
  if (d.role === 'feed-service')
    env.push(secretEnv('CDE_COMMERCE_DB_READER_PASSWORD', 'cde-db', 'reader-password'));
  if (d.role === 'exporter') {
    env.push(secretEnv('CDE_EXPORT_API_KEY', 'cde-commerce-services', 'api-key'), {
      name: 'CDE_EXPORT_PRIVATE_KEY_FILE',
      value: '/etc/cde/commerce-services/merchant-private.pem',
    });
  }
  if (d.role === 'receiver') {
    env.push(
      { name: 'CDE_RECEIVER_HOST', value: '0.0.0.0' },
      { name: 'CDE_RECEIVER_PORT', value: String(RECEIVER_PORT) },
      secretEnv('CDE_RECEIVER_API_KEY', 'cde-commerce-services', 'api-key'),
      { name: 'CDE_RECEIVER_PUBLIC_KEY_FILE', value: '/etc/cde/commerce-services/merchant-public.pem' },
      secretEnv('CDE_RECEIVER_DB_PASSWORD', 'cde-db', 'receiver-password'),
    );
  }
  return env;
}

interface Sizing {
  readonly requests: { cpu: string; memory: string };
  readonly limits: { cpu: string; memory: string };
  /** V8's heap ceiling, under the memory limit. */
  readonly heapMb: number;
}

const SIZING: Readonly<Record<Role, Sizing>> = {
  'feed-service': {
    requests: { cpu: '250m', memory: '384Mi' },
    limits: { cpu: '1', memory: '768Mi' },
    heapMb: 576,
  },
  exporter: {
    requests: { cpu: '200m', memory: '256Mi' },
    limits: { cpu: '1', memory: '512Mi' },
    heapMb: 384,
  },
  receiver: {
    requests: { cpu: '100m', memory: '256Mi' },
    limits: { cpu: '500m', memory: '512Mi' },
    heapMb: 384,
  },
};

function deployment(d: Deployable): Manifest {
  const receiver = d.role === 'receiver';
  const port = receiver
    ? { name: 'http', containerPort: RECEIVER_PORT, protocol: 'TCP' }
    : { name: 'metrics', containerPort: METRICS_PORT, protocol: 'TCP' };
  const probe = (p: string, periodSeconds: number, failureThreshold: number) => ({
    httpGet: { path: p, port: port.name },
    periodSeconds,
    timeoutSeconds: 3,
    failureThreshold,
  });
  const volumes: Manifest[] = [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }];
  const mounts: Manifest[] = [{ name: 'tmp', mountPath: '/tmp' }];
  if (!receiver) {
    volumes.push({
      name: 'kafka-ca',
      secret: { secretName: CLUSTER_CA_SECRET, items: [{ key: 'ca.crt', path: 'ca.crt' }] },
    });
    mounts.push({ name: 'kafka-ca', mountPath: '/etc/cde/kafka-ca', readOnly: true });
  }
  if (d.role === 'exporter' || receiver) {
    const key = receiver ? 'merchant-public.pem' : 'merchant-private.pem';
    volumes.push({
      name: 'commerce-services',
      secret: { secretName: 'cde-commerce-services', items: [{ key, path: key }] },
    });
    mounts.push({ name: 'commerce-services', mountPath: '/etc/cde/commerce-services', readOnly: true });
  }
  const sizing = SIZING[d.role];
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: d.name, labels: labels(d) },
    spec: {
      replicas: 1,
      revisionHistoryLimit: 3,
      selector: { matchLabels: selector(d) },
      // One consumer at a time hands its partitions over; the transport commits before it leaves.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels: labels(d) },
        spec: {
          automountServiceAccountToken: false,
          // Inside the transport's 25 s drain plus the lifecycle's closing steps.
          terminationGracePeriodSeconds: 45,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: RUN_AS,
            runAsGroup: RUN_AS,
            fsGroup: RUN_AS,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: d.app,
              image: `cde/${d.app}:${IMAGE_TAG}`,
              imagePullPolicy: 'IfNotPresent',
              ports: [port],
              envFrom: [{ configMapRef: { name: 'cde-config' } }],
              env: [...envOf(d), { name: 'NODE_OPTIONS', value: `--max-old-space-size=${sizing.heapMb}` }],
              resources: { requests: sizing.requests, limits: sizing.limits },
              startupProbe: probe(receiver ? '/health' : '/health/live', 5, 60),
              livenessProbe: probe(receiver ? '/health' : '/health/live', 10, 3),
              readinessProbe: probe(receiver ? '/ready' : '/health/ready', 5, 2),
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                runAsNonRoot: true,
                capabilities: { drop: ['ALL'] },
              },
              volumeMounts: mounts,
            },
          ],
          volumes,
        },
      },
    },
  };
}

function service(d: Deployable): Manifest {
  const name = d.role === 'receiver' ? 'http' : 'metrics';
  const port = d.role === 'receiver' ? RECEIVER_PORT : METRICS_PORT;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: d.name, labels: labels(d) },
    spec: { selector: selector(d), ports: [{ name, port, targetPort: name, protocol: 'TCP' }] },
  };
}

function podDisruptionBudget(d: Deployable): Manifest {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: d.name, labels: labels(d) },
    spec: { maxUnavailable: 1, selector: { matchLabels: selector(d) } },
  };
}

function serviceMonitor(d: Deployable): Manifest {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: { name: d.name, labels: labels(d) },
    spec: {
      selector: { matchLabels: selector(d) },
      endpoints: [{ port: d.role === 'receiver' ? 'http' : 'metrics', path: '/metrics', interval: '30s' }],
    },
  };
}

/** Lag (messages behind) per replica that adds a replica; the exporter's batches are cheap to count, not to send. */
const LAG_THRESHOLD: Readonly<Record<'feed-service' | 'exporter', number>> = {
  'feed-service': 500,
  exporter: 2000,
};
/** Partitions of the busiest topics a deployable reads: more replicas would idle. */
const MAX_REPLICAS: Readonly<Record<'feed-service' | 'exporter', number>> = {
  'feed-service': 3,
  exporter: 6,
};

/** KEDA scales the deployable on its consumer group's lag, reading it with the deployable's own Kafka user. */
function scaler(d: Deployable): Manifest[] {
  if (d.role === 'receiver') return [];
  const auth = `${d.name}-kafka`;
  const metadata: Record<string, string> = {
    bootstrapServers: KAFKA_BOOTSTRAP,
    consumerGroup: d.name,
    lagThreshold: String(LAG_THRESHOLD[d.role]),
    offsetResetPolicy: 'earliest',
    sasl: 'scram_sha512',
    tls: 'enable',
  };
  // A split exporter follows the topics of its feeds; a whole deployable, every topic of its group.
  if (d.role === 'exporter' && d.feeds?.length === 1) metadata['topic'] = Topics.feed(d.feeds[0]!);
  return [
    {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'TriggerAuthentication',
      metadata: { name: auth, labels: labels(d) },
      spec: {
        env: [{ parameter: 'username', name: 'CDE_KAFKA_SASL_USERNAME', containerName: d.app }],
        secretTargetRef: [
          { parameter: 'password', name: kafkaUserOf(d), key: 'password' },
          { parameter: 'ca', name: CLUSTER_CA_SECRET, key: 'ca.crt' },
        ],
      },
    },
    {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: { name: d.name, labels: labels(d) },
      spec: {
        scaleTargetRef: { name: d.name },
        // Never to zero: a feed service also runs timers (legacy sends, cleanup, dead-letter retries).
        minReplicaCount: 1,
        maxReplicaCount: MAX_REPLICAS[d.role],
        pollingInterval: 30,
        cooldownPeriod: 300,
        advanced: {
          horizontalPodAutoscalerConfig: {
            behavior: {
              scaleDown: {
                stabilizationWindowSeconds: 300,
                policies: [{ type: 'Pods', value: 1, periodSeconds: 120 }],
              },
            },
          },
        },
        triggers: [{ type: 'kafka', metadata, authenticationRef: { name: auth } }],
      },
    },
  ];
}

export function kafkaUser(principal: KafkaPrincipal): Manifest {
  return {
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaUser',
    metadata: { name: principal.user, labels: { 'strimzi.io/cluster': KAFKA_CLUSTER } },
    spec: {
      authentication: { type: 'scram-sha-512' },
      authorization: { type: 'simple', acls: principal.acls },
    },
  };
}

/** All resources of one deployable, in one file. */
export function deployableResources(d: Deployable): Manifest[] {
  return [deployment(d), service(d), podDisruptionBudget(d), serviceMonitor(d), ...scaler(d)];
}

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

const HEADER =
  '# Generated by tools/deploy/render.ts (./dev manifests): edit the generator, not this file.\n';

export function yamlOf(resources: readonly Manifest[]): string {
  return HEADER + resources.map((r) => `---\n${stringify(r, { lineWidth: 0 })}`).join('');
}

const kustomization = (body: Record<string, unknown>): string =>
  HEADER +
  stringify(
    { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', ...body },
    { lineWidth: 0 },
  );

/** The split of the `prices` feed's export into a Deployment of its own (`overlays/split-prices`). */
export const SPLIT_FEED: FeedName = 'prices';

/** Every file under deploy/k8s, by path relative to it. */
export function renderManifests(connector: ConnectorFile = loadConnector()): Map<string, string> {
  const files = new Map<string, string>();
  const apps = deployables();
  for (const d of apps) files.set(`base/apps/${d.name}.yaml`, yamlOf(deployableResources(d)));
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
      ],
    }),
  );
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
