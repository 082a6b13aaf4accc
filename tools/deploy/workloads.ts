/** The workloads of deploy/k8s: one Deployment per deployable, with its Service, PDB, ServiceMonitor and scaler. */
import { SERVICE_NAMES, Topics, type FeedName, type FeedServiceName } from '@cde/contracts';
import type { KafkaPrincipal } from './acls';
import {
  CLUSTER_CA_SECRET,
  containerSecurityContext,
  httpProbe,
  IMAGE_TAG,
  MALLOC_ARENA_MAX,
  KAFKA_BOOTSTRAP,
  KAFKA_CLUSTER,
  METRICS_PORT,
  podSecurityContext,
  RECEIVER_PORT,
  type Manifest,
  type Role,
} from './deploy-constants';

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
    limits: { cpu: '1', memory: '512Mi' },
    heapMb: 384,
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

/**
 * The V8 heap ceiling an app's Deployment gives it (`NODE_OPTIONS`), for what runs the app outside Kubernetes and
 * should use the same memory (the full-sync benchmark, whose peak RSS is held against the pods' limits).
 */
export function heapOptionOf(app: Deployable['app']): string {
  const d = deployables().find((x) => x.app === app && x.name === app);
  if (d === undefined) throw new Error(`no Deployment runs ${app}`);
  return `--max-old-space-size=${SIZING[d.role].heapMb}`;
}

/** The process environment an app's Deployment gives it beyond its configuration: heap ceiling, malloc arenas. */
export function processEnvOf(app: Deployable['app']): { NODE_OPTIONS: string; MALLOC_ARENA_MAX: string } {
  return { NODE_OPTIONS: heapOptionOf(app), MALLOC_ARENA_MAX };
}

function deployment(d: Deployable): Manifest {
  const receiver = d.role === 'receiver';
  const port = receiver
    ? { name: 'http', containerPort: RECEIVER_PORT, protocol: 'TCP' }
    : { name: 'metrics', containerPort: METRICS_PORT, protocol: 'TCP' };
  const probe = (path: string, periodSeconds: number, failureThreshold: number) =>
    httpProbe(port.name, path, periodSeconds, failureThreshold);
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
          securityContext: podSecurityContext(),
          containers: [
            {
              name: d.app,
              image: `cde/${d.app}:${IMAGE_TAG}`,
              imagePullPolicy: 'IfNotPresent',
              ports: [port],
              envFrom: [{ configMapRef: { name: 'cde-config' } }],
              env: [
                ...envOf(d),
                { name: 'NODE_OPTIONS', value: `--max-old-space-size=${sizing.heapMb}` },
                { name: 'MALLOC_ARENA_MAX', value: MALLOC_ARENA_MAX },
              ],
              resources: { requests: sizing.requests, limits: sizing.limits },
              startupProbe: probe(receiver ? '/health' : '/health/live', 5, 60),
              livenessProbe: probe(receiver ? '/health' : '/health/live', 10, 3),
              readinessProbe: probe(receiver ? '/ready' : '/health/ready', 5, 2),
              securityContext: containerSecurityContext(),
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
