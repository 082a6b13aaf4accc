import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The original's data_exporter_uuid: a UUID per exported sales entity (order, order item, credit memo,
 * shipment), given once and never regenerated. Kept in the feed state, since services only read the Commerce DB.
 * The unique (entity_id, type) key is what makes assignment safe under several replicas: INSERT IGNORE, then read.
 */
export class CreateEntityUuids1797300000000 implements MigrationInterface {
  name = 'CreateEntityUuids1797300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS data_exporter_uuid (
        uuid varchar(36) NOT NULL,
        entity_id bigint unsigned NOT NULL COMMENT 'id of the entity in the Commerce DB',
        type varchar(32) NOT NULL COMMENT 'order, order_item, credit_memo or shipment',
        created_at datetime(3) NOT NULL DEFAULT current_timestamp(3),
        PRIMARY KEY (uuid),
        UNIQUE KEY data_exporter_uuid_entity (entity_id, type)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS data_exporter_uuid');
  }
}
