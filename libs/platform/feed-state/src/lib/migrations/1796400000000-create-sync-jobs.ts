import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sync jobs replace the resync lock and checkpoint tables: every long sync (a feed's onboarding, a resync
 * command, a change that reaches many entities) is a row that survives restarts, is leased by one replica at a
 * time and records where it got to, so it resumes instead of starting over or being lost.
 */
export class CreateSyncJobs1796400000000 implements MigrationInterface {
  name = 'CreateSyncJobs1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS cde_sync_job (
        id bigint unsigned NOT NULL AUTO_INCREMENT,
        feed varchar(64) NOT NULL,
        kind varchar(16) NOT NULL COMMENT 'onboarding, resync or fan-out',
        priority tinyint unsigned NOT NULL COMMENT 'lower runs first: fan-outs of live changes before long syncs',
        reason varchar(512) NOT NULL COMMENT 'what asked for it: a change, a command, the first start',
        spec mediumtext NOT NULL COMMENT 'JSON: what to sync (all, ids or keyset queries) and the options',
        spec_hash char(40) NOT NULL COMMENT 'sha1 of feed, kind and spec: an identical job still waiting is not added twice',
        command_id varchar(64) NULL,
        requested_by varchar(255) NULL,
        singleton varchar(128) NULL COMMENT 'onboarding:<feed>: at most one such job, ever',
        state varchar(16) NOT NULL DEFAULT 'pending' COMMENT 'pending, running, done, failed or cancelled',
        query_index int unsigned NOT NULL DEFAULT 0,
        after_id varchar(64) NULL COMMENT 'last source id done in the current listing; null before the first page',
        total bigint unsigned NULL COMMENT 'entities to sync, when known',
        processed bigint unsigned NOT NULL DEFAULT 0,
        synced bigint unsigned NOT NULL DEFAULT 0,
        skipped bigint unsigned NOT NULL DEFAULT 0,
        deleted bigint unsigned NOT NULL DEFAULT 0,
        failed bigint unsigned NOT NULL DEFAULT 0,
        attempts int unsigned NOT NULL DEFAULT 0 COMMENT 'failed waves in a row',
        last_error text NULL,
        lease_owner varchar(255) NULL,
        lease_until datetime(3) NULL,
        source_commit_time datetime(3) NULL,
        trace_id varchar(64) NULL,
        created_at datetime(3) NOT NULL DEFAULT current_timestamp(3),
        started_at datetime(3) NULL,
        updated_at datetime(3) NOT NULL DEFAULT current_timestamp(3) ON UPDATE current_timestamp(3),
        finished_at datetime(3) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY cde_sync_job_singleton (singleton),
        KEY cde_sync_job_runnable (feed, state, priority, id),
        KEY cde_sync_job_waiting (feed, spec_hash, state)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci`);
    await queryRunner.query('DROP TABLE IF EXISTS cde_resync_checkpoint');
    await queryRunner.query('DROP TABLE IF EXISTS cde_sync_lock');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS cde_sync_job');
  }
}
