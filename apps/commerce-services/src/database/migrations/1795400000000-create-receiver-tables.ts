import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The receiver's state: the current item per feed and identity (`feed_items`), and per-feed request and item
 * counters (`feed_counters`) so stats survive a restart.
 */
export class CreateReceiverTables1795400000000 implements MigrationInterface {
  name = 'CreateReceiverTables1795400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS feed_items (
        id bigint unsigned NOT NULL AUTO_INCREMENT,
        feed varchar(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        feed_id char(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'sha1 of the identity values joined by NUL',
        identity json NOT NULL COMMENT 'the identity fields and their values',
        item mediumtext NOT NULL COMMENT 'the item JSON as received',
        version varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT '' COMMENT 'modifiedAt or updatedAt of the item',
        deleted tinyint NOT NULL DEFAULT 0,
        received_at datetime(3) NOT NULL,
        request_id char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY feed_items_feed_feed_id (feed, feed_id),
        KEY feed_items_feed_deleted (feed, deleted)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci`);
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS feed_counters (
        feed varchar(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        requests bigint unsigned NOT NULL DEFAULT 0 COMMENT 'ingestion requests for this environment, any answer',
        accepted_items bigint unsigned NOT NULL DEFAULT 0,
        rejected_items bigint unsigned NOT NULL DEFAULT 0 COMMENT 'failed items and items of batches answered 400',
        stale_items bigint unsigned NOT NULL DEFAULT 0 COMMENT 'items older than the stored version (I2)',
        updated_at datetime(3) NOT NULL,
        PRIMARY KEY (feed)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS feed_counters');
    await queryRunner.query('DROP TABLE IF EXISTS feed_items');
  }
}
