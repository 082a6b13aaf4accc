/**
 * The admin dashboard's workload: a Deployment serving the page, the API, /metrics and its probes on one port
 * (`http`, 8080), with its Service, PodDisruptionBudget, ServiceMonitor, and the NetworkPolicies that let the
 * ingress controller reach it and it reach the receiver's read API. It talks to Kafka as the operator's user
 * (`cde-operator`: writes cde.commands, reads cde.events) and reads the feed state; it migrates and writes nothing.
 */
import {
  CLUSTER_CA_SECRET,
  containerSecurityContext,
  httpProbe,
  IMAGE_TAG,
  MALLOC_ARENA_MAX,
  podSecurityContext,
  RECEIVER_PORT,
  type Manifest,
} from './deploy-constants';

export const ADMIN_PORT = 8080;
const NAME = 'admin';
const labels = {
  'app.kubernetes.io/name': NAME,
  'app.kubernetes.io/component': 'admin',
  'app.kubernetes.io/part-of': 'cde',
};
const selector = { 'app.kubernetes.io/name': NAME };
const secretEnv = (name: string, secret: string, key: string) => ({
  name,
  valueFrom: { secretKeyRef: { name: secret, key } },
});

function deployment(): Manifest {
  const probe = (path: string, periodSeconds: number, failureThreshold: number) =>
    httpProbe('http', path, periodSeconds, failureThreshold);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: NAME, labels },
    spec: {
      // Sessions are signed cookies and every replica follows cde.events itself: replicas share nothing else.
      replicas: 2,
      revisionHistoryLimit: 3,
      selector: { matchLabels: selector },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels },
        spec: {
          automountServiceAccountToken: false,
          terminationGracePeriodSeconds: 30,
          securityContext: podSecurityContext(),
          containers: [
            {
              name: NAME,
              image: `cde/${NAME}:${IMAGE_TAG}`,
              imagePullPolicy: 'IfNotPresent',
              ports: [{ name: 'http', containerPort: ADMIN_PORT, protocol: 'TCP' }],
              envFrom: [{ configMapRef: { name: 'cde-config' } }],
              env: [
                { name: 'CDE_ADMIN_HOST', value: '0.0.0.0' },
                { name: 'CDE_ADMIN_PORT', value: String(ADMIN_PORT) },
                { name: 'CDE_ADMIN_SECURE_COOKIES', value: '1' },
                { name: 'CDE_ADMIN_PASSWORD_HASH_FILE', value: '/etc/cde/admin/password.scrypt' },
                { name: 'CDE_ADMIN_SESSION_KEY_FILE', value: '/etc/cde/admin/session.key' },
                { name: 'CDE_KAFKA_SASL_USERNAME', value: 'cde-operator' },
                secretEnv('CDE_KAFKA_SASL_PASSWORD', 'cde-operator', 'password'),
                secretEnv('CDE_FEED_DB_PASSWORD', 'cde-db', 'feed-password'),
                { name: 'CDE_RECEIVER_URL', value: `http://commerce-services:${RECEIVER_PORT}` },
                secretEnv('CDE_RECEIVER_API_KEY', 'cde-commerce-services', 'api-key'),
                { name: 'NODE_OPTIONS', value: '--max-old-space-size=192' },
                { name: 'MALLOC_ARENA_MAX', value: MALLOC_ARENA_MAX },
              ],
              resources: {
                requests: { cpu: '50m', memory: '128Mi' },
                limits: { cpu: '500m', memory: '256Mi' },
              },
              startupProbe: probe('/health/live', 5, 60),
              livenessProbe: probe('/health/live', 10, 3),
              readinessProbe: probe('/health/ready', 5, 2),
              securityContext: containerSecurityContext(),
              volumeMounts: [
                { name: 'tmp', mountPath: '/tmp' },
                { name: 'kafka-ca', mountPath: '/etc/cde/kafka-ca', readOnly: true },
                { name: 'admin', mountPath: '/etc/cde/admin', readOnly: true },
              ],
            },
          ],
          volumes: [
            { name: 'tmp', emptyDir: { sizeLimit: '16Mi' } },
            {
              name: 'kafka-ca',
              secret: { secretName: CLUSTER_CA_SECRET, items: [{ key: 'ca.crt', path: 'ca.crt' }] },
            },
            // The local admin's scrypt hash and the session key; set OIDC in the ConfigMap or env for SSO.
            {
              name: 'admin',
              secret: {
                secretName: 'cde-admin',
                items: [
                  { key: 'password.scrypt', path: 'password.scrypt' },
                  { key: 'session.key', path: 'session.key' },
                ],
              },
            },
          ],
        },
      },
    },
  };
}

/** Every resource of the admin, in one file (`base/apps/admin.yaml`). */
export function adminResources(): Manifest[] {
  return [
    deployment(),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: NAME, labels },
      spec: { selector, ports: [{ name: 'http', port: ADMIN_PORT, targetPort: 'http', protocol: 'TCP' }] },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: NAME, labels },
      spec: { maxUnavailable: 1, selector: { matchLabels: selector } },
    },
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: NAME, labels },
      spec: {
        selector: { matchLabels: selector },
        endpoints: [{ port: 'http', path: '/metrics', interval: '30s' }],
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'cde-allow-ingress-to-admin', labels },
      spec: {
        podSelector: { matchLabels: selector },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [
              { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } },
            ],
            ports: [{ port: 'http', protocol: 'TCP' }],
          },
        ],
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'cde-allow-admin-to-receiver', labels },
      spec: {
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'commerce-services' } },
        policyTypes: ['Ingress'],
        ingress: [
          { from: [{ podSelector: { matchLabels: selector } }], ports: [{ port: 'http', protocol: 'TCP' }] },
        ],
      },
    },
  ];
}
