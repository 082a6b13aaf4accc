import { SyncCode, type FeedName } from '@cde/contracts';
import { BatchHeldBackError } from '@cde/platform/kafka';
import { errorChain } from './transient-error';

/** What a reader's statement met instead of the schema it was written for. */
export type SchemaMismatchKind = 'missing-table' | 'missing-column' | 'ambiguous-column' | 'invalid-view';

/**
 * MariaDB / MySQL errors that say the schema is not what a statement names. They fail every entity alike, so they
 * are never blamed on one: a column dropped or renamed, a table dropped or renamed, a column added to a joined table
 * under a name the statement uses unqualified, a view whose tables changed under it. Not here: errors of the server's
 * configuration (ER_WRONG_FIELD_WITH_GROUP is sql_mode's) or of privileges.
 */
const SCHEMA_ERRORS: readonly (readonly [code: string, errno: number, kind: SchemaMismatchKind])[] = [
  ['ER_BAD_FIELD_ERROR', 1054, 'missing-column'], // Unknown column 'e.x' in 'field list'
  ['ER_NON_UNIQ_ERROR', 1052, 'ambiguous-column'], // Column 'x' in field list is ambiguous
  ['ER_NO_SUCH_TABLE', 1146, 'missing-table'], // Table 'magento.x' doesn't exist
  ['ER_BAD_TABLE_ERROR', 1051, 'missing-table'], // Unknown table 'x'
  ['ER_UNKNOWN_TABLE', 1109, 'missing-table'], // Unknown table 'x' in order clause
  ['ER_VIEW_INVALID', 1356, 'invalid-view'], // View 'x' references invalid table(s) or column(s) …
];

/** A schema error of the Commerce DB, as the database reported it. */
export interface SchemaMismatch {
  readonly kind: SchemaMismatchKind;
  /** mysql2's code, e.g. `ER_BAD_FIELD_ERROR`. */
  readonly code: string;
  readonly errno: number;
  /** The database's own text, e.g. `Unknown column 'e.row_id' in 'field list'`. */
  readonly detail: string;
  /** The name the text quotes first: the column, table or view (`e.row_id`, `magento.store_group`). */
  readonly object?: string;
  /** The tables the failing statement reads (its FROM and JOIN clauses), when the error carries the statement. */
  readonly tables: readonly string[];
}

/** The schema mismatch an error is or wraps (TypeORM's `driverError`, a `cause`), or undefined for any other error. */
export function schemaMismatchOf(error: unknown): SchemaMismatch | undefined {
  for (const e of errorChain(error)) {
    const code = e['code'];
    const entry = SCHEMA_ERRORS.find(([c, errno]) =>
      typeof code === 'string' ? code === c : e['errno'] === errno,
    );
    if (!entry) continue;
    const [c, errno, kind] = entry;
    const text = typeof e['sqlMessage'] === 'string' ? e['sqlMessage'] : e['message'];
    const detail = typeof text === 'string' && text.length > 0 ? text : c;
    const object = /'([^']+)'/.exec(detail)?.[1];
    return {
      kind,
      code: c,
      errno,
      detail,
      ...(object === undefined ? {} : { object }),
      tables: typeof e['sql'] === 'string' ? tablesOf(e['sql']) : [],
    };
  }
  return undefined;
}

const NAME = '(?:`[^`]+`|[A-Za-z_][\\w$]*)';
const TABLE_REFERENCE = new RegExp(`\\b(?:FROM|JOIN)\\s+(${NAME}(?:\\.${NAME})?)`, 'gi');

/** The tables a SELECT names after FROM and JOIN, in order and once each, without quotes (aliases name columns). */
export function tablesOf(sql: string): string[] {
  const tables = new Set<string>();
  for (const m of sql.matchAll(TABLE_REFERENCE)) tables.add((m[1] ?? '').replaceAll('`', ''));
  return [...tables];
}

/** What the operator must do, by kind. */
function remedyOf(m: SchemaMismatch): string {
  const name = m.object === undefined ? '' : ` ${m.object}`;
  switch (m.kind) {
    case 'missing-column':
      return `restore the column${name}`;
    case 'missing-table':
      return `restore the table${name}`;
    case 'ambiguous-column':
      return `drop or rename the column${name} that was added to a table the statement joins`;
    case 'invalid-view':
      return `repair the view${name}`;
  }
}

/** The one message of a schema error: what the database said, where, and what fixes it. */
export function schemaMismatchMessage(feed: FeedName, m: SchemaMismatch): string {
  const where = m.tables.length > 0 ? `, reading ${m.tables.join(', ')}` : '';
  return (
    `${SyncCode.SchemaMismatch} feed ${feed} cannot read the Commerce DB: ${m.detail} (${m.code}${where}). ` +
    `The schema is not the one this version of cde reads: upgrade cde to a version that reads it, or ${remedyOf(m)}. ` +
    `The sync is retried until it reads; nothing is parked or committed meanwhile.`
  );
}

/**
 * A sync (or a read it needs) met a schema error: it fails as a whole, nothing of it is committed, and its transport
 * retries it. Held back on purpose, so the stall watchdog does not take a feed waiting for a fix for a wedged consumer.
 */
export class CommerceSchemaError extends BatchHeldBackError {
  override readonly name = 'CommerceSchemaError';
  readonly code = SyncCode.SchemaMismatch;

  constructor(
    readonly feed: FeedName,
    readonly mismatch: SchemaMismatch,
    cause: unknown,
  ) {
    super(schemaMismatchMessage(feed, mismatch), { cause });
  }
}

/** The error as a schema error of the feed when it is or wraps one; undefined for any other error. */
export function commerceSchemaErrorOf(feed: FeedName, error: unknown): CommerceSchemaError | undefined {
  if (error instanceof CommerceSchemaError) return error;
  const mismatch = schemaMismatchOf(error);
  return mismatch ? new CommerceSchemaError(feed, mismatch, error) : undefined;
}
