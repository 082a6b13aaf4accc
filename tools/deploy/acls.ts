/**
 * Who may do what on Kafka, per deployable: the ACLs of each KafkaUser (deploy/k8s) and of the users the local
 * SASL test (kafka-security.int-spec.ts) creates on a broker of its own, from one list. Derived from the contracts: a feed service writes its feeds and `cde.events`,
 * reads change events, commands and its feeds' dead letters; the exporter reads every feed and writes the feed
 * dead-letter topics; only the operator (CLI, dashboard) writes `cde.commands`.
 */
import { FEED_NAMES, feedsOfService, SERVICE_NAMES, Topics, type FeedServiceName } from '@cde/contracts';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  type AclEntry,
} from 'kafkajs';

export type AclResourceType = 'topic' | 'group' | 'cluster';
export type AclOperation = 'Read' | 'Write' | 'Describe' | 'DescribeConfigs' | 'Create' | 'Delete';

/** Strimzi's `simple` authorization rule (KafkaUser `spec.authorization.acls[]`). */
export interface KafkaAcl {
  readonly resource:
    | { readonly type: 'topic' | 'group'; readonly name: string; readonly patternType: 'literal' | 'prefix' }
    | { readonly type: 'cluster' };
  readonly operations: readonly AclOperation[];
  readonly host: '*';
}

/** A Kafka principal of ours: the KafkaUser name, the SASL user name and the service's name are one. */
export interface KafkaPrincipal {
  readonly user: string;
  readonly acls: readonly KafkaAcl[];
}

const topic = (name: string, ...operations: AclOperation[]): KafkaAcl => ({
  resource: { type: 'topic', name, patternType: 'literal' },
  operations,
  host: '*',
});
const topicPrefix = (name: string, ...operations: AclOperation[]): KafkaAcl => ({
  resource: { type: 'topic', name, patternType: 'prefix' },
  operations,
  host: '*',
});
/** Consumer groups named after the deployable (`products-feed`, `products-feed-variants` for a split). */
const groupPrefix = (name: string, ...operations: AclOperation[]): KafkaAcl => ({
  resource: { type: 'group', name, patternType: 'prefix' },
  operations,
  host: '*',
});

/** Reading a topic's metadata and configs: what a service that only checks its topics needs beside Read/Write. */
const CHECK: AclOperation[] = ['Describe', 'DescribeConfigs'];

/** Change events of the Commerce DB (`commerce.<db>.<table>`). */
export const CHANGE_TOPIC_PREFIX = 'commerce.';

export function feedServicePrincipal(service: FeedServiceName): KafkaPrincipal {
  const feeds = feedsOfService(service);
  return {
    user: service,
    acls: [
      topicPrefix(CHANGE_TOPIC_PREFIX, 'Read', ...CHECK),
      topic(Topics.commands, 'Read', ...CHECK),
      topic(Topics.events, 'Write', ...CHECK),
      topic(Topics.serviceDeadLetter(service), 'Write', ...CHECK),
      ...feeds.map((f) => topic(Topics.feed(f), 'Write', ...CHECK)),
      ...feeds.map((f) => topic(Topics.feedDeadLetter(f), 'Read', ...CHECK)),
      groupPrefix(service, 'Read'),
    ],
  };
}

export function exporterPrincipal(): KafkaPrincipal {
  return {
    user: 'exporter',
    acls: [
      ...FEED_NAMES.map((f) => topic(Topics.feed(f), 'Read', ...CHECK)),
      ...FEED_NAMES.map((f) => topic(Topics.feedDeadLetter(f), 'Write', ...CHECK)),
      topic(Topics.events, 'Write', ...CHECK),
      topic(Topics.serviceDeadLetter('exporter'), 'Write', ...CHECK),
      groupPrefix('exporter', 'Read'),
    ],
  };
}

/** The operator's tools (the `cde` CLI, the dashboard): the only writers of `cde.commands`. */
export function operatorPrincipal(): KafkaPrincipal {
  return {
    user: 'cde-operator',
    acls: [
      topic(Topics.commands, 'Write', 'Describe'),
      topic(Topics.events, 'Read', 'Describe'),
      // `cde resync` follows its command in a group of its own and deletes it when done.
      groupPrefix('cde-cli-', 'Read', 'Delete'),
      // The dashboard follows cde.events in a group per process and removes it when the process stops; it reads
      // the exporter group's offsets for each feed's backlog.
      groupPrefix('admin', 'Read', 'Delete'),
      groupPrefix('exporter', 'Describe'),
    ],
  };
}

/** Kafka Connect running the Debezium connector: its internal topics, the change topics and the schema history. */
export function connectPrincipal(): KafkaPrincipal {
  return {
    user: 'cde-connect',
    acls: [
      topicPrefix('cde-connect-', 'Read', 'Write', 'Create', ...CHECK),
      topicPrefix(CHANGE_TOPIC_PREFIX, 'Write', 'Create', ...CHECK),
      topic('__debezium-heartbeat.commerce', 'Write', 'Create', ...CHECK),
      topic('cde-schema-history.commerce', 'Read', 'Write', 'Create', ...CHECK),
      groupPrefix('cde-connect', 'Read'),
      groupPrefix('commerce-connector', 'Read'),
      { resource: { type: 'cluster' }, operations: ['Describe', 'DescribeConfigs'], host: '*' },
    ],
  };
}

/** Every Kafka user of a deployment, in a stable order. */
export function kafkaPrincipals(): KafkaPrincipal[] {
  return [
    ...SERVICE_NAMES.map(feedServicePrincipal),
    exporterPrincipal(),
    operatorPrincipal(),
    connectPrincipal(),
  ];
}

/** Kafka's operations as the broker's ACL API numbers them (kafkajs' enums). */
const OPERATION_TYPES: Record<AclOperation, AclOperationTypes> = {
  Read: AclOperationTypes.READ,
  Write: AclOperationTypes.WRITE,
  Describe: AclOperationTypes.DESCRIBE,
  DescribeConfigs: AclOperationTypes.DESCRIBE_CONFIGS,
  Create: AclOperationTypes.CREATE,
  Delete: AclOperationTypes.DELETE,
};

/**
 * A principal's ACLs as bindings of the broker's authorizer (`User:<user>`, allowed from any host), one per
 * resource and operation: what Strimzi's User Operator creates from a KafkaUser, and what the local SASL test
 * applies with `admin.createAcls`.
 */
export function aclBindingsOf(principal: KafkaPrincipal): AclEntry[] {
  return principal.acls.flatMap(({ resource, operations, host }) =>
    operations.map((operation) => ({
      ...(resource.type === 'cluster'
        ? {
            resourceType: AclResourceTypes.CLUSTER,
            resourceName: 'kafka-cluster',
            resourcePatternType: ResourcePatternTypes.LITERAL,
          }
        : {
            resourceType: resource.type === 'topic' ? AclResourceTypes.TOPIC : AclResourceTypes.GROUP,
            resourceName: resource.name,
            resourcePatternType:
              resource.patternType === 'prefix'
                ? ResourcePatternTypes.PREFIXED
                : ResourcePatternTypes.LITERAL,
          }),
      principal: `User:${principal.user}`,
      host,
      operation: OPERATION_TYPES[operation],
      permissionType: AclPermissionTypes.ALLOW,
    })),
  );
}
