import type { MigrationInterface, QueryRunner } from 'typeorm';
import { FeedTableColumnMigration } from './feed-table-column';

const TRACE_PARENT = new FeedTableColumnMigration(
  'trace_parent',
  "varchar(64) NULL COMMENT 'W3C traceparent of the sync that stored this version (legacy sender)'",
);

/**
 * The trace an item waits in: legacy mode stores items for its scheduled sender, and `trace_parent` (the W3C
 * `traceparent` of the sync that stored the version) lets that later publish continue the change's trace (ADR 0017).
 * Null while tracing is off.
 */
export class TraceParent1797500000000 implements MigrationInterface {
  name = 'TraceParent1797500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await TRACE_PARENT.up(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await TRACE_PARENT.down(queryRunner);
  }
}
