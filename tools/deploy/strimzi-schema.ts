/**
 * JSON Schemas of the Strimzi `kafka.strimzi.io/v1` resources deploy/k8s uses, written from Strimzi's API
 * reference for the fields we set: required fields, types and enums, and no unknown field where we write one
 * (a misspelt key fails here instead of being dropped by the API server). No npm, Maven or Debian package ships
 * Strimzi's CRDs, so this subset stands in for them.
 */
const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const strMap = { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } } as const;
const closed = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});
const metadata = closed(
  {
    name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', maxLength: 253 },
    namespace: str,
    labels: { type: 'object', additionalProperties: str },
    annotations: { type: 'object', additionalProperties: str },
  },
  ['name'],
);
const resource = (kind: string, spec: unknown) =>
  closed({ apiVersion: { const: 'kafka.strimzi.io/v1' }, kind: { const: kind }, metadata, spec }, [
    'apiVersion',
    'kind',
    'metadata',
    'spec',
  ]);
const resources = closed({ requests: strMap, limits: strMap });
const envVar = closed(
  {
    name: str,
    value: str,
    valueFrom: closed({
      secretKeyRef: closed({ name: str, key: str }, ['name', 'key']),
      configMapKeyRef: closed({ name: str, key: str }, ['name', 'key']),
    }),
  },
  ['name'],
);
const aclOperation = {
  enum: [
    'Read',
    'Write',
    'Create',
    'Delete',
    'Alter',
    'Describe',
    'ClusterAction',
    'AlterConfigs',
    'DescribeConfigs',
    'IdempotentWrite',
    'All',
  ],
};

export const STRIMZI_SCHEMAS: Readonly<Record<string, object>> = {
  KafkaNodePool: resource(
    'KafkaNodePool',
    closed(
      {
        replicas: { type: 'integer', minimum: 0 },
        roles: { type: 'array', items: { enum: ['controller', 'broker'] }, minItems: 1 },
        storage: closed(
          {
            type: { enum: ['jbod', 'persistent-claim', 'ephemeral'] },
            volumes: {
              type: 'array',
              items: closed(
                {
                  id: int,
                  type: { enum: ['persistent-claim', 'ephemeral'] },
                  size: { type: 'string', pattern: '^[0-9]+([KMGTPE]i?)?$' },
                  deleteClaim: { type: 'boolean' },
                  kraftMetadata: { enum: ['shared'] },
                },
                ['type'],
              ),
            },
          },
          ['type'],
        ),
        resources,
      },
      ['replicas', 'roles', 'storage'],
    ),
  ),
  Kafka: resource(
    'Kafka',
    closed(
      {
        kafka: closed(
          {
            version: str,
            metadataVersion: str,
            listeners: {
              type: 'array',
              minItems: 1,
              items: closed(
                {
                  name: { type: 'string', pattern: '^[a-z0-9]{1,11}$' },
                  port: { type: 'integer', minimum: 9092 },
                  type: { enum: ['internal', 'route', 'loadbalancer', 'nodeport', 'ingress', 'cluster-ip'] },
                  tls: { type: 'boolean' },
                  authentication: closed({ type: { enum: ['tls', 'scram-sha-512', 'oauth', 'custom'] } }, [
                    'type',
                  ]),
                },
                ['name', 'port', 'type', 'tls'],
              ),
            },
            authorization: closed({ type: { enum: ['simple', 'opa', 'keycloak', 'custom'] } }, ['type']),
            config: { type: 'object' },
          },
          ['listeners'],
        ),
        entityOperator: closed({ topicOperator: { type: 'object' }, userOperator: { type: 'object' } }),
      },
      ['kafka'],
    ),
  ),
  KafkaConnect: resource(
    'KafkaConnect',
    closed(
      {
        version: str,
        replicas: int,
        bootstrapServers: str,
        tls: closed({
          trustedCertificates: {
            type: 'array',
            items: closed({ secretName: str, pattern: str, certificate: str }, ['secretName']),
          },
        }),
        authentication: closed(
          {
            type: { enum: ['tls', 'scram-sha-256', 'scram-sha-512', 'plain', 'oauth'] },
            username: str,
            passwordSecret: closed({ secretName: str, password: str }, ['secretName', 'password']),
          },
          ['type'],
        ),
        groupId: str,
        configStorageTopic: str,
        offsetStorageTopic: str,
        statusStorageTopic: str,
        config: { type: 'object' },
        resources,
        build: closed(
          {
            output: closed({ type: { enum: ['docker', 'imagestream'] }, image: str, pushSecret: str }, [
              'type',
              'image',
            ]),
            plugins: {
              type: 'array',
              items: closed(
                {
                  name: { type: 'string', pattern: '^[a-z0-9][-_a-z0-9]*[a-z0-9]$' },
                  artifacts: {
                    type: 'array',
                    items: closed(
                      {
                        type: { enum: ['jar', 'tgz', 'zip', 'maven', 'other'] },
                        group: str,
                        artifact: str,
                        version: str,
                        url: str,
                        sha512sum: str,
                      },
                      ['type'],
                    ),
                  },
                },
                ['name', 'artifacts'],
              ),
            },
          },
          ['output', 'plugins'],
        ),
        template: closed({ connectContainer: closed({ env: { type: 'array', items: envVar } }) }),
      },
      ['bootstrapServers', 'groupId', 'configStorageTopic', 'offsetStorageTopic', 'statusStorageTopic'],
    ),
  ),
  KafkaConnector: resource(
    'KafkaConnector',
    closed(
      {
        class: str,
        tasksMax: { type: 'integer', minimum: 1 },
        config: {
          type: 'object',
          additionalProperties: str,
          not: {
            anyOf: [{ required: ['connector.class'] }, { required: ['tasks.max'] }, { required: ['name'] }],
          },
        },
        state: { enum: ['running', 'paused', 'stopped'] },
      },
      ['class'],
    ),
  ),
  KafkaTopic: resource(
    'KafkaTopic',
    closed(
      {
        topicName: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,249}$' },
        partitions: { type: 'integer', minimum: 1 },
        replicas: { type: 'integer', minimum: 1, maximum: 32767 },
        config: strMap,
      },
      [],
    ),
  ),
  KafkaUser: resource(
    'KafkaUser',
    closed({
      authentication: closed({ type: { enum: ['tls', 'tls-external', 'scram-sha-512'] } }, ['type']),
      authorization: closed(
        {
          type: { const: 'simple' },
          acls: {
            type: 'array',
            items: closed(
              {
                resource: {
                  oneOf: [
                    closed(
                      {
                        type: { enum: ['topic', 'group', 'transactionalId'] },
                        name: str,
                        patternType: { enum: ['literal', 'prefix'] },
                      },
                      ['type', 'name'],
                    ),
                    closed({ type: { const: 'cluster' } }, ['type']),
                  ],
                },
                operations: { type: 'array', items: aclOperation, minItems: 1 },
                host: str,
                type: { enum: ['allow', 'deny'] },
              },
              ['resource', 'operations'],
            ),
          },
        },
        ['type'],
      ),
    }),
  ),
};
