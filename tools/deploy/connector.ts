/**
 * The Debezium connector from its one source, `deploy/debezium/commerce-connector.json` (MariaDB, what `./dev`
 * registers): the MySQL variant and variants for another database name or a Magento table prefix are derived
 * from it, and so is the Strimzi KafkaConnector.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
export const CONNECTOR_FILE = path.join(ROOT, 'deploy/debezium/commerce-connector.json');
export const MYSQL_CONNECTOR_FILE = path.join(ROOT, 'deploy/debezium/commerce-connector.mysql.json');

export interface ConnectorFile {
  readonly name: string;
  readonly config: Readonly<Record<string, string>>;
}

export type Flavor = 'mariadb' | 'mysql';

export const CONNECTOR_CLASSES: Readonly<Record<Flavor, string>> = {
  mariadb: 'io.debezium.connector.mariadb.MariaDbConnector',
  mysql: 'io.debezium.connector.mysql.MySqlConnector',
};

export interface VariantOptions {
  readonly flavor: Flavor;
  /** The Magento database's name on the server (default `magento`). */
  readonly database?: string;
  /** Magento's `db.table_prefix` (env.php), e.g. `mg_`. */
  readonly tablePrefix?: string;
}

/** The Commerce database of the committed connector; topic names keep it whatever the server calls it. */
const SOURCE_DATABASE = 'magento';

export function loadConnector(file = CONNECTOR_FILE): ConnectorFile {
  return JSON.parse(readFileSync(file, 'utf8')) as ConnectorFile;
}

/**
 * The connector for another server: MySQL's connector class, and for another database name or a table prefix the
 * captured tables renamed, with a RegexRouter that gives their topics the names the feed services subscribe to
 * (`commerce.magento.<table>`), so nothing downstream changes.
 */
export function connectorVariant(source: ConnectorFile, options: VariantOptions): ConnectorFile {
  const database = options.database ?? SOURCE_DATABASE;
  const prefix = options.tablePrefix ?? '';
  if (!/^[A-Za-z0-9_]*$/.test(prefix) || !/^[A-Za-z0-9_]+$/.test(database)) {
    throw new Error(`database "${database}" and table prefix "${prefix}" must be letters, digits and _`);
  }
  const rename = (entry: string): string =>
    entry.startsWith(`${SOURCE_DATABASE}\\.`)
      ? `${database}\\.${prefix}${entry.slice(SOURCE_DATABASE.length + 2)}`
      : entry;
  const renameList = (list: string): string => list.split(',').map(rename).join(',');
  const config: Record<string, string> = {
    ...source.config,
    'connector.class': CONNECTOR_CLASSES[options.flavor],
  };
  for (const key of ['table.include.list', 'column.exclude.list']) {
    const value = config[key];
    if (value !== undefined) config[key] = renameList(value);
  }
  const databases = config['database.include.list'];
  if (databases !== undefined) {
    config['database.include.list'] = databases
      .split(',')
      .map((d) => (d === SOURCE_DATABASE ? database : d))
      .join(',');
  }
  if (database !== SOURCE_DATABASE || prefix !== '') {
    const topicPrefix = config['topic.prefix'] ?? 'commerce';
    config['transforms'] = 'magentoTopics';
    config['transforms.magentoTopics.type'] = 'org.apache.kafka.connect.transforms.RegexRouter';
    config['transforms.magentoTopics.regex'] = `${topicPrefix}\\.${database}\\.${prefix}(.*)`;
    config['transforms.magentoTopics.replacement'] = `${topicPrefix}.${SOURCE_DATABASE}.$1`;
  }
  return { name: source.name, config };
}

/** The connector file as committed (two-space JSON, final newline). */
export function connectorJson(connector: ConnectorFile): string {
  return `${JSON.stringify(connector, null, 2)}\n`;
}

/**
 * The Strimzi KafkaConnector of a connector file: `connector.class` and `tasks.max` move to `spec.class` and
 * `spec.tasksMax` (Strimzi refuses them in `spec.config`); every other key is the file's, value for value.
 */
export function kafkaConnectorOf(connector: ConnectorFile, connectCluster: string): Record<string, unknown> {
  const { 'connector.class': connectorClass, 'tasks.max': tasksMax, ...config } = connector.config;
  if (connectorClass === undefined) throw new Error(`${connector.name} has no connector.class`);
  return {
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaConnector',
    metadata: { name: connector.name, labels: { 'strimzi.io/cluster': connectCluster } },
    spec: { class: connectorClass, tasksMax: Number(tasksMax ?? '1'), config },
  };
}

/** The inverse of `kafkaConnectorOf`: what a KafkaConnector would register, to compare with a connector file. */
export function connectorOfKafkaConnector(resource: {
  metadata?: { name?: string };
  spec?: { class?: string; tasksMax?: number; config?: Record<string, string> };
}): ConnectorFile {
  const spec = resource.spec ?? {};
  return {
    name: resource.metadata?.name ?? '',
    config: {
      'connector.class': spec.class ?? '',
      'tasks.max': String(spec.tasksMax ?? 1),
      ...(spec.config ?? {}),
    },
  };
}
