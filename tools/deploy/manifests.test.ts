/**
 * Checks of deploy/k8s that need no cluster (`./dev test deploy`): the committed files are the generator's
 * rendering; every overlay renders and validates against the Kubernetes schemas (kubernetes-models), KEDA's and
 * the Prometheus operator's CRD schemas, and the Strimzi subset of ./strimzi-schema.ts; every Deployment has
 * probes, requests and limits and runs non-root on a read-only root; topics, groups and users match the contracts;
 * the KafkaConnector is the committed connector JSON.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FEED_NAMES, SERVICE_NAMES, Topics } from '@cde/contracts';
import Ajv from 'ajv';
import { kafkaPrincipals } from './acls';
import { connectorJson, connectorOfKafkaConnector, loadConnector, MYSQL_CONNECTOR_FILE } from './connector';
import { renderKustomization, type Resource } from './kustomize';
import { deployables, mysqlConnectorOf, renderManifests, SPLIT_FEED, topicSpecs } from './manifests';
import { filesUnder, K8S_DIR } from './render';
import { STRIMZI_SCHEMAS } from './strimzi-schema';

const OVERLAYS = ['production', 'local', 'mysql', `split-${SPLIT_FEED}`];
type Validator = (resource: Resource) => string | undefined;

/** One validator per kind, from the models' generated JSON Schema validation or the Strimzi subset. */
async function validators(): Promise<Map<string, Validator>> {
  const core = await import('kubernetes-models/v1');
  const apps = await import('kubernetes-models/apps/v1');
  const policy = await import('kubernetes-models/policy/v1');
  const networking = await import('kubernetes-models/networking.k8s.io/v1');
  const keda = await import('@kubernetes-models/keda/keda.sh/v1alpha1');
  const monitoring = await import('@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1');
  const model =
    // The models' declared types omit `validate`, which every model has at run time (@kubernetes-models/base).
    (Class: new (data: never) => object): Validator =>
      (resource) => {
        try {
          (new Class(resource as never) as { validate(): void }).validate();
          return undefined;
        } catch (error) {
          return error instanceof Error ? error.message : String(error);
        }
      };
  const out = new Map<string, Validator>([
    ['v1/ConfigMap', model(core.ConfigMap)],
    ['v1/Service', model(core.Service)],
    ['apps/v1/Deployment', model(apps.Deployment)],
    ['policy/v1/PodDisruptionBudget', model(policy.PodDisruptionBudget)],
    ['networking.k8s.io/v1/NetworkPolicy', model(networking.NetworkPolicy)],
    ['keda.sh/v1alpha1/ScaledObject', model(keda.ScaledObject)],
    ['keda.sh/v1alpha1/TriggerAuthentication', model(keda.TriggerAuthentication)],
    ['monitoring.coreos.com/v1/ServiceMonitor', model(monitoring.ServiceMonitor)],
  ]);
  const ajv = new Ajv({ allErrors: true, strict: false });
  for (const [kind, schema] of Object.entries(STRIMZI_SCHEMAS)) {
    const validate = ajv.compile(schema);
    out.set(`kafka.strimzi.io/v1/${kind}`, (resource) =>
      validate(resource) ? undefined : ajv.errorsText(validate.errors, { separator: '; ' }),
    );
  }
  return out;
}

const rendered = new Map(OVERLAYS.map((o) => [o, renderKustomization(path.join(K8S_DIR, 'overlays', o))]));
const overlay = (name: string): Resource[] => rendered.get(name) ?? assert.fail(`no overlay ${name}`);
const ofKind = <T = Record<string, unknown>>(resources: Resource[], kind: string) =>
  resources.filter((r) => r.kind === kind) as unknown as (Resource & T)[];

interface Container {
  name: string;
  image: string;
  env?: { name: string; value?: string }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  startupProbe?: unknown;
  livenessProbe?: unknown;
  readinessProbe?: unknown;
  securityContext?: {
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    capabilities?: { drop?: string[] };
  };
}
interface DeploymentShape {
  spec: {
    template: {
      spec: { securityContext?: { runAsNonRoot?: boolean; runAsUser?: number }; containers: Container[] };
    };
  };
}
const containerOf = (d: DeploymentShape): Container =>
  d.spec.template.spec.containers[0] ?? assert.fail('no container');
const envOf = (d: DeploymentShape, name: string): string | undefined =>
  containerOf(d).env?.find((e) => e.name === name)?.value;

describe('deploy/k8s', () => {
  it('is the rendering of tools/deploy/manifests.ts (run ./dev manifests after changing a source)', () => {
    const files = renderManifests();
    assert.deepEqual(filesUnder(K8S_DIR), [...files.keys()].sort());
    for (const [relative, text] of files) {
      assert.equal(
        readFileSync(path.join(K8S_DIR, relative), 'utf8'),
        text,
        `${relative} differs from its rendering`,
      );
    }
  });

  it('renders every overlay into resources that validate against their schemas', async () => {
    const validate = await validators();
    for (const [name, resources] of rendered) {
      assert.ok(resources.length > 0, `${name} renders nothing`);
      for (const r of resources) {
        const check = validate.get(`${r.apiVersion}/${r.kind}`);
        assert.ok(check, `${name}: no schema for ${r.apiVersion} ${r.kind}`);
        const problem = check(r);
        assert.equal(problem, undefined, `${name}: ${r.kind}/${r.metadata.name}: ${problem ?? ''}`);
        if (name !== 'local' && r.kind !== 'Namespace') assert.equal(r.metadata.namespace, 'cde');
      }
    }
  });

  it('gives every Deployment probes, requests and limits, a non-root user, a read-only root, a PDB and scraping', () => {
    for (const [name, resources] of rendered) {
      for (const d of ofKind<DeploymentShape>(resources, 'Deployment')) {
        const c = containerOf(d);
        const what = `${name}: ${d.metadata.name}`;
        assert.ok(c.startupProbe && c.livenessProbe && c.readinessProbe, `${what} lacks a probe`);
        for (const r of ['cpu', 'memory']) {
          assert.ok(
            c.resources?.requests?.[r] && c.resources.limits?.[r],
            `${what} lacks a ${r} request or limit`,
          );
        }
        const pod = d.spec.template.spec.securityContext;
        assert.ok(pod?.runAsNonRoot === true && (pod.runAsUser ?? 0) > 0, `${what} may run as root`);
        assert.equal(c.securityContext?.readOnlyRootFilesystem, true, `${what} has a writable root`);
        assert.equal(c.securityContext?.allowPrivilegeEscalation, false, `${what} may escalate`);
        assert.deepEqual(c.securityContext?.capabilities?.drop, ['ALL'], `${what} keeps capabilities`);
        assert.match(c.image, /:[0-9][\w.-]*$|@sha256:/, `${what} image is not pinned`);
        for (const kind of ['PodDisruptionBudget', 'ServiceMonitor', 'Service']) {
          assert.ok(
            resources.some((r) => r.kind === kind && r.metadata.name === d.metadata.name),
            `${what} has no ${kind}`,
          );
        }
        // The receiver consumes nothing; the admin follows cde.events in a group per process of its own.
        if (!['receiver', 'admin'].includes(d.metadata.labels?.['app.kubernetes.io/component'] ?? '')) {
          assert.equal(
            envOf(d, 'CDE_KAFKA_CONSUMER_GROUP'),
            d.metadata.name,
            `${what}: group is not its name`,
          );
        }
      }
    }
  });

  it('runs one Deployment per deployable of the contracts, each consuming one scaled on its lag', () => {
    const base = overlay('production');
    const names = ofKind(base, 'Deployment').map((d) => d.metadata.name);
    assert.deepEqual(names.sort(), [...SERVICE_NAMES, 'exporter', 'commerce-services', 'admin'].sort());
    assert.deepEqual(
      [
        ...deployables().map((d) => d.name),
        // The dashboard consumes no feed: not a deployable of the contracts, one Deployment of its own.
        'admin',
      ].sort(),
      names.sort(),
    );
    const scaled = ofKind<{
      spec: {
        scaleTargetRef: { name: string };
        triggers: { type: string; metadata: Record<string, string> }[];
      };
    }>(base, 'ScaledObject');
    assert.deepEqual(
      scaled.map((s) => s.spec.scaleTargetRef.name).sort(),
      [...SERVICE_NAMES, 'exporter'].sort(),
    );
    for (const s of scaled) {
      const trigger = s.spec.triggers[0];
      assert.equal(trigger?.type, 'kafka');
      assert.equal(trigger?.metadata['consumerGroup'], s.spec.scaleTargetRef.name);
    }
  });

  it('declares every topic of the contracts and the connector as KafkaTopics, with the specs the services check', () => {
    const topics = ofKind<{
      spec: { topicName: string; partitions: number; config: Record<string, string> };
    }>(overlay('production'), 'KafkaTopic');
    const byName = new Map(topics.map((t) => [t.spec.topicName, t.spec]));
    for (const feed of FEED_NAMES) {
      assert.ok(byName.has(Topics.feed(feed)), `no KafkaTopic for ${Topics.feed(feed)}`);
      assert.ok(byName.has(Topics.feedDeadLetter(feed)), `no KafkaTopic for ${Topics.feedDeadLetter(feed)}`);
    }
    for (const t of [
      Topics.commands,
      Topics.events,
      ...[...SERVICE_NAMES, 'exporter' as const].map(Topics.serviceDeadLetter),
    ]) {
      assert.ok(byName.has(t), `no KafkaTopic for ${t}`);
    }
    for (const spec of topicSpecs(loadConnector())) {
      assert.deepEqual(byName.get(spec.topic), {
        topicName: spec.topic,
        partitions: spec.numPartitions,
        config: spec.configs,
      });
    }
    assert.equal(
      new Set(topics.map((t) => t.metadata.name)).size,
      topics.length,
      'two topics share a resource name',
    );
  });

  it('gives each service a Kafka user whose ACLs name only declared topics, and lets only the operator write commands', () => {
    const base = overlay('production');
    const topics = ofKind<{ spec: { topicName: string } }>(base, 'KafkaTopic').map((t) => t.spec.topicName);
    const users = ofKind<{
      spec: {
        authorization: {
          acls: { resource: { type: string; name?: string; patternType?: string }; operations: string[] }[];
        };
      };
    }>(base, 'KafkaUser');
    assert.deepEqual(
      users.map((u) => u.metadata.name).sort(),
      kafkaPrincipals()
        .map((p) => p.user)
        .sort(),
    );
    for (const user of users) {
      for (const acl of user.spec.authorization.acls) {
        if (acl.resource.type !== 'topic') continue;
        const name = acl.resource.name ?? '';
        const declared =
          acl.resource.patternType === 'prefix'
            ? topics.some((t) => t.startsWith(name))
            : topics.includes(name);
        assert.ok(
          declared || name.startsWith('cde-connect-'),
          `${user.metadata.name}: ACL on undeclared topic ${name}`,
        );
      }
    }
    const writers = (topic: string) =>
      users
        .filter((u) =>
          u.spec.authorization.acls.some((a) => a.resource.name === topic && a.operations.includes('Write')),
        )
        .map((u) => u.metadata.name);
    assert.deepEqual(writers(Topics.commands), ['cde-operator']);
    for (const feed of FEED_NAMES) assert.deepEqual(writers(Topics.feedDeadLetter(feed)), ['exporter']);
    for (const s of ofKind<DeploymentShape>(base, 'Deployment')) {
      const user = envOf(s, 'CDE_KAFKA_SASL_USERNAME');
      if (user !== undefined)
        assert.ok(
          users.some((u) => u.metadata.name === user),
          `${s.metadata.name}: no user ${user}`,
        );
    }
  });

  it('renders the committed connector JSON as the KafkaConnector, and its MySQL variant in the mysql overlay', () => {
    const connectorIn = (name: string) => {
      const [resource] = ofKind(overlay(name), 'KafkaConnector');
      return connectorOfKafkaConnector(resource as Parameters<typeof connectorOfKafkaConnector>[0]);
    };
    assert.deepEqual(connectorIn('production'), loadConnector());
    assert.deepEqual(connectorIn('mysql'), mysqlConnectorOf());
    assert.equal(readFileSync(MYSQL_CONNECTOR_FILE, 'utf8'), connectorJson(mysqlConnectorOf()));
  });

  it(`splits the ${SPLIT_FEED} feed's export into a Deployment and group of its own, the others staying`, () => {
    const deployments = ofKind<DeploymentShape>(overlay(`split-${SPLIT_FEED}`), 'Deployment');
    const feedsOf = (name: string) =>
      (
        envOf(deployments.find((d) => d.metadata.name === name) ?? assert.fail(`no ${name}`), 'CDE_FEEDS') ??
        ''
      ).split(',');
    assert.deepEqual(feedsOf(`exporter-${SPLIT_FEED}`), [SPLIT_FEED]);
    assert.deepEqual([...feedsOf('exporter'), SPLIT_FEED].sort(), [...FEED_NAMES].sort());
    assert.ok(
      existsSync(path.join(K8S_DIR, 'overlays', `split-${SPLIT_FEED}`, `exporter-${SPLIT_FEED}.yaml`)),
    );
  });
});
