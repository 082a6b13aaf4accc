import { FEED_NAMES, FEEDS } from '@cde/contracts';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The trace an item waits in: legacy mode stores items for its scheduled sender, and `trace_parent` (the W3C
 * `traceparent` of the sync that stored the version) lets that later publish continue the change's trace (ADR 0017).
 * Null while tracing is off.
 */
export class TraceParent1797500000000 implements MigrationInterface {
  name = 'TraceParent1797500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const feed of FEED_NAMES) {
      const table = FEEDS[feed].stateTable;
      // MySQL 8 has no ADD COLUMN IF NOT EXISTS: look first, so a half-applied run can be run again.
      const found = (await queryRunner.query(
        `SELECT COUNT(*) AS n FROM information_schema.columns
          WHERE table_schema = DATABASE() AND table_name = ? AND column_name = 'trace_parent'`,
        [table],
      )) as { n: number | string }[];
      if (Number(found[0]?.n ?? 0) > 0) continue;
      await queryRunner.query(
        `ALTER TABLE \`${table}\` ADD COLUMN trace_parent varchar(64) NULL
           COMMENT 'W3C traceparent of the sync that stored this version (legacy sender)'`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const feed of FEED_NAMES)
      await queryRunner.query(`ALTER TABLE \`${FEEDS[feed].stateTable}\` DROP COLUMN trace_parent`);
  }
}
