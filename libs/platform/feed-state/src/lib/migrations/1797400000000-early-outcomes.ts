import { FEED_NAMES, FEEDS } from '@cde/contracts';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outcomes in any order with saves. A feed service publishes, then saves (I1), so a fast receiver's outcome can
 * come back first. `outcome_of` names the publish (its message's `producedAt`) whose outcome `status` holds, so a
 * save of that same publish keeps it; `cde_early_outcome` keeps an outcome whose row does not hold the version
 * yet, until the save applies it.
 */
export class EarlyOutcomes1797400000000 implements MigrationInterface {
  name = 'EarlyOutcomes1797400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const feed of FEED_NAMES) {
      const table = FEEDS[feed].stateTable;
      // MySQL 8 has no ADD COLUMN IF NOT EXISTS: look first, so a half-applied run can be run again.
      const found = (await queryRunner.query(
        `SELECT COUNT(*) AS n FROM information_schema.columns
          WHERE table_schema = DATABASE() AND table_name = ? AND column_name = 'outcome_of'`,
        [table],
      )) as { n: number | string }[];
      if (Number(found[0]?.n ?? 0) > 0) continue;
      await queryRunner.query(
        `ALTER TABLE \`${table}\` ADD COLUMN outcome_of datetime(3) NULL
           COMMENT 'producedAt of the published message whose outcome status holds' AFTER acked_at`,
      );
    }
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS cde_early_outcome (
        feed varchar(64) NOT NULL,
        feed_id varchar(64) NOT NULL,
        sent_hash varchar(64) NOT NULL,
        produced_at datetime(3) NOT NULL COMMENT 'producedAt of the delivered message',
        status smallint NOT NULL,
        errors text NULL,
        metadata text NULL,
        retryable tinyint NOT NULL DEFAULT 0,
        created_at datetime(3) NOT NULL DEFAULT current_timestamp(3),
        PRIMARY KEY (feed, feed_id, sent_hash),
        KEY cde_early_outcome_created (created_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS cde_early_outcome');
    for (const feed of FEED_NAMES)
      await queryRunner.query(`ALTER TABLE \`${FEEDS[feed].stateTable}\` DROP COLUMN outcome_of`);
  }
}
