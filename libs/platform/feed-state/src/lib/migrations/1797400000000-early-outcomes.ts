import type { QueryRunner } from 'typeorm';
import { FeedTableColumnMigration } from './feed-table-column';

/**
 * Outcomes in any order with saves. A feed service publishes, then saves (I1), so a fast receiver's outcome can
 * come back first. `outcome_of` names the publish (its message's `producedAt`) whose outcome `status` holds, so a
 * save of that same publish keeps it; `cde_early_outcome` keeps an outcome whose row does not hold the version
 * yet, until the save applies it.
 */
export class EarlyOutcomes1797400000000 extends FeedTableColumnMigration {
  name = 'EarlyOutcomes1797400000000';

  constructor() {
    super(
      'outcome_of',
      "datetime(3) NULL COMMENT 'producedAt of the published message whose outcome status holds' AFTER acked_at",
    );
  }

  override async up(queryRunner: QueryRunner): Promise<void> {
    await super.up(queryRunner);
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

  override async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS cde_early_outcome');
    await super.down(queryRunner);
  }
}
