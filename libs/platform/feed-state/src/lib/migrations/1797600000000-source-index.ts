import { FEED_NAMES, FEEDS } from '@cde/contracts';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The feed tables' source index without `modified_at` (ADR 0021). Every save and every outcome sets `modified_at`,
 * so an index holding it was rewritten on each write, while no query reads it by `modified_at`: deletes are found by
 * comparing the entities' stored feed ids with those just produced, not by an age as in the original.
 */
export class SourceIndex1797600000000 implements MigrationInterface {
  name = 'SourceIndex1797600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await replaceIndex(queryRunner, 'source_modified', { name: 'source', columns: 'source_entity_id' });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await replaceIndex(queryRunner, 'source', {
      name: 'source_modified',
      columns: 'source_entity_id, modified_at',
    });
  }
}

interface FeedIndex {
  /** The name after the table's: `<table>_<name>`. */
  readonly name: string;
  readonly columns: string;
}

/**
 * On every feed table, index `<table>_<from>` dropped and `to` added in one ALTER, each only where needed (a rerun
 * changes nothing).
 */
async function replaceIndex(queryRunner: QueryRunner, from: string, to: FeedIndex): Promise<void> {
  for (const feed of FEED_NAMES) {
    const table = FEEDS[feed].stateTable;
    const held = await indexesOf(queryRunner, table);
    const changes = [
      held.has(`${table}_${from}`) ? `DROP INDEX \`${table}_${from}\`` : null,
      held.has(`${table}_${to.name}`) ? null : `ADD INDEX \`${table}_${to.name}\` (${to.columns})`,
    ].filter((c) => c !== null);
    if (changes.length > 0) await queryRunner.query(`ALTER TABLE \`${table}\` ${changes.join(', ')}`);
  }
}

/** The table's index names: MySQL 8 has no DROP INDEX IF EXISTS, so a half-applied run looks first. */
async function indexesOf(queryRunner: QueryRunner, table: string): Promise<Set<string>> {
  const rows = (await queryRunner.query(
    `SELECT DISTINCT index_name AS name FROM information_schema.statistics
      WHERE table_schema = DATABASE() AND table_name = ?`,
    [table],
  )) as { name: string }[];
  return new Set(rows.map((r) => r.name));
}
