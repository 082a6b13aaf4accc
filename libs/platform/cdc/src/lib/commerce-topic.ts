import { CdcCode, COMMERCE_TOPIC_PREFIX, Topics } from '@cde/contracts';
import { CdcDecodeError } from './cdc-decode.error';

/** Debezium's heartbeat topic for our connector (`topic.heartbeat.prefix` + `.` + `topic.prefix`). */
export const COMMERCE_HEARTBEAT_TOPIC = `__debezium-heartbeat.${COMMERCE_TOPIC_PREFIX}`;

export interface TableTopic {
  readonly prefix: string;
  readonly database: string;
  readonly table: string;
}

/** The topic Debezium writes a table's changes to. */
export function tableTopic(database: string, table: string): string {
  return Topics.commerceTable(table, database);
}

/** Splits `commerce.magento.catalog_product_entity` into its parts. Table names never contain dots in Magento. */
export function parseTableTopic(topic: string): TableTopic {
  const parts = topic.split('.');
  const [prefix, database, table] = parts;
  if (parts.length !== 3 || !prefix || !database || !table) {
    throw new CdcDecodeError(CdcCode.InvalidTopic, `expected <prefix>.<database>.<table>, got "${topic}"`, {
      topic,
    });
  }
  return { prefix, database, table };
}
