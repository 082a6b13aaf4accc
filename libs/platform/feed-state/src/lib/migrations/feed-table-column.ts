import { FEED_NAMES, FEEDS } from '@cde/contracts';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A migration that adds a column to every feed's state table (`cde_feed_<feed>`), and drops it on the way down. */
export abstract class FeedTableColumnMigration implements MigrationInterface {
  abstract readonly name: string;

  /** `definition`: the column's type and options, as written after its name in ADD COLUMN. */
  protected constructor(
    private readonly column: string,
    private readonly definition: string,
  ) {}

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const feed of FEED_NAMES) {
      const table = FEEDS[feed].stateTable;
      // MySQL 8 has no ADD COLUMN IF NOT EXISTS: look first, so a half-applied run can be run again.
      const found = (await queryRunner.query(
        `SELECT COUNT(*) AS n FROM information_schema.columns
          WHERE table_schema = DATABASE() AND table_name = ? AND column_name = ?`,
        [table, this.column],
      )) as { n: number | string }[];
      if (Number(found[0]?.n ?? 0) > 0) continue;
      await queryRunner.query(`ALTER TABLE \`${table}\` ADD COLUMN ${this.column} ${this.definition}`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const feed of FEED_NAMES)
      await queryRunner.query(`ALTER TABLE \`${FEEDS[feed].stateTable}\` DROP COLUMN ${this.column}`);
  }
}
