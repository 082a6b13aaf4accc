import { FeedTableColumnMigration } from './feed-table-column';

/**
 * The trace an item waits in: legacy mode stores items for its scheduled sender, and `trace_parent` (the W3C
 * `traceparent` of the sync that stored the version) lets that later publish continue the change's trace (ADR 0017).
 * Null while tracing is off.
 */
export class TraceParent1797500000000 extends FeedTableColumnMigration {
  name = 'TraceParent1797500000000';

  constructor() {
    super(
      'trace_parent',
      "varchar(64) NULL COMMENT 'W3C traceparent of the sync that stored this version (legacy sender)'",
    );
  }
}
