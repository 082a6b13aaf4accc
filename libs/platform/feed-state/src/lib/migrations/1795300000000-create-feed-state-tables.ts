import { FEED_NAMES, FEEDS } from '@cde/contracts';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One table per feed with the original's columns (`id`, `source_entity_id`, `feed_id` unique, `modified_at`,
 * `is_deleted`, `status`, `feed_data`, `feed_hash`, `errors`, `metadata`) plus ours: `sent_hash` (the version last
 * published, which outcomes are written against), `attempts` and `parked` (retry budget), and timings.
 * Also the resync lock holders and resync checkpoints.
 */
export class CreateFeedStateTables1795300000000 implements MigrationInterface {
  name = 'CreateFeedStateTables1795300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const feed of FEED_NAMES) {
      const table = FEEDS[feed].stateTable;
      await queryRunner.query(`
        CREATE TABLE IF NOT EXISTS \`${table}\` (
          id int unsigned NOT NULL AUTO_INCREMENT,
          source_entity_id bigint unsigned NOT NULL COMMENT 'entity id in the Commerce DB',
          feed_id varchar(64) NOT NULL COMMENT 'sha1 of the identity values joined by NUL',
          modified_at timestamp(3) NOT NULL DEFAULT current_timestamp(3) ON UPDATE current_timestamp(3),
          is_deleted tinyint NOT NULL DEFAULT 0,
          status smallint NOT NULL DEFAULT 0 COMMENT '0 pending, 200 accepted, 400 rejected, 1 failed item, 2 retryable',
          feed_data mediumtext NOT NULL COMMENT 'minimal payload (immediate) or the whole item (legacy)',
          feed_hash varchar(64) NOT NULL COMMENT 'hash of the version last assembled',
          errors text NULL,
          metadata text NULL COMMENT 'JSON; [0] is the receiver request id',
          sent_hash varchar(64) NULL COMMENT 'hash of the version last published',
          attempts smallint unsigned NOT NULL DEFAULT 0 COMMENT 'failed deliveries of sent_hash',
          parked tinyint NOT NULL DEFAULT 0 COMMENT 'retry budget exhausted; retried on demand',
          produced_at datetime(3) NULL COMMENT 'last publish to the feed topic',
          acked_at datetime(3) NULL COMMENT 'last outcome from the receiver',
          source_commit_time datetime(3) NULL COMMENT 'commit time of the change that caused the last publish',
          PRIMARY KEY (id),
          UNIQUE KEY \`${table}_feed_id\` (feed_id),
          KEY \`${table}_source_modified\` (source_entity_id, modified_at),
          KEY \`${table}_status\` (status),
          KEY \`${table}_parked\` (parked)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci`);
    }
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS cde_sync_lock (
        feed varchar(64) NOT NULL,
        holder varchar(255) NOT NULL COMMENT 'operation(command id) by service pid on host',
        acquired_at datetime(3) NOT NULL,
        PRIMARY KEY (feed)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci`);
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS cde_resync_checkpoint (
        feed varchar(64) NOT NULL,
        command_id varchar(64) NOT NULL,
        last_source_id bigint unsigned NOT NULL DEFAULT 0,
        options text NOT NULL,
        processed int unsigned NOT NULL DEFAULT 0,
        updated_at datetime(3) NOT NULL,
        completed tinyint NOT NULL DEFAULT 0,
        PRIMARY KEY (feed)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS cde_resync_checkpoint');
    await queryRunner.query('DROP TABLE IF EXISTS cde_sync_lock');
    for (const feed of FEED_NAMES)
      await queryRunner.query(`DROP TABLE IF EXISTS \`${FEEDS[feed].stateTable}\``);
  }
}
