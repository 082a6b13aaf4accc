import { SyncCode, type FeedName } from '@cde/contracts';
import { BatchHeldBackError } from '@cde/platform/kafka';
import { errorChain } from './transient-error';

/** What a reader's statement met instead of the schema it was written for. */
export type SchemaMismatchKind = 'missing-table' | 'missing-column' | 'ambiguous-column' | 'invalid-view';

/**
 * MariaDB / MySQL errors that say the schema is not what a statement names. They fail every entity alike, so they
 * are never blamed on one: a column dropped or renamed, a table dropped or renamed, a column added to a joined table
 * under a name the statement uses unqualified, a view whose tables changed under it. Not here: errors of the server's
 * configuration (ER_WRONG_FIELD_WITH_GROUP is sql_mode's), nor privileges (GRANT_ERRORS below).
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
  const found = dbErrorOf(error, SCHEMA_ERRORS);
  if (!found) return undefined;
  const object = /'([^']+)'/.exec(found.detail)?.[1];
  return { ...found, ...(object === undefined ? {} : { object }) };
}

/**
 * The first error of the chain (TypeORM's `driverError`, a `cause`) that the table lists, by its code or, when it
 * has none, its errno: its kind, the database's text and the tables of its statement.
 */
function dbErrorOf<K extends string>(
  error: unknown,
  table: readonly (readonly [code: string, errno: number, kind: K])[],
): { kind: K; code: string; errno: number; detail: string; tables: string[] } | undefined {
  for (const e of errorChain(error)) {
    const code = e['code'];
    const entry = table.find(([c, errno]) => (typeof code === 'string' ? code === c : e['errno'] === errno));
    if (!entry) continue;
    const [c, errno, kind] = entry;
    const text = typeof e['sqlMessage'] === 'string' ? e['sqlMessage'] : e['message'];
    const detail = typeof text === 'string' && text.length > 0 ? text : c;
    return { kind, code: c, errno, detail, tables: typeof e['sql'] === 'string' ? tablesOf(e['sql']) : [] };
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

/** What the Commerce DB's user was denied: a table, a column, or the database itself (when it connects). */
export type MissingGrantKind = 'table' | 'column' | 'database';

/**
 * MariaDB / MySQL errors that say the feed's database user lacks a privilege. As deterministic as a schema error
 * (every entity fails alike until someone grants it), but the fix is a GRANT, not an upgrade.
 */
const GRANT_ERRORS: readonly (readonly [code: string, errno: number, kind: MissingGrantKind])[] = [
  ['ER_TABLEACCESS_DENIED_ERROR', 1142, 'table'], // SELECT command denied to user 'u'@'h' for table `db`.`t`
  ['ER_COLUMNACCESS_DENIED_ERROR', 1143, 'column'], // SELECT command denied to user 'u'@'h' for column 'c' in table 't'
  ['ER_DBACCESS_DENIED_ERROR', 1044, 'database'], // Access denied for user 'u'@'h' to database 'db' (on connect)
];

/** A privilege the Commerce DB refused the feed's user, as the database reported it. */
export interface MissingGrant {
  readonly kind: MissingGrantKind;
  /** mysql2's code, e.g. `ER_TABLEACCESS_DENIED_ERROR`. */
  readonly code: string;
  readonly errno: number;
  /** The database's own text. */
  readonly detail: string;
  /** The statement's command the user may not run (`SELECT`); absent when the database itself was refused. */
  readonly command?: string;
  /** The account as the server names the connection, quoted: `'cde_reader'@'10.0.0.7'`. */
  readonly user?: string;
  /** The user name alone: `cde_reader`. */
  readonly userName?: string;
  /** The database named by the text (the table's qualifier, or the database refused), without quotes. */
  readonly database?: string;
  /** The table (without its database) or, for a column, `table.column`. */
  readonly object?: string;
  /** The tables the failing statement reads, when the error carries the statement. */
  readonly tables: readonly string[];
}

const QUOTED = "(?:`([^`]+)`|'([^']+)')";
const USER = /user '([^']*)'@'([^']*)'/;
const COMMAND = /^(\w+) command denied/;
const TABLE = new RegExp(`for table ${QUOTED}(?:\\.${QUOTED})?`);
const COLUMN = new RegExp(`for column ${QUOTED} in table ${QUOTED}`);
const DATABASE = new RegExp(`to database ${QUOTED}`);

/** The missing grant an error is or wraps (TypeORM's `driverError`, a `cause`), or undefined for any other error. */
export function missingGrantOf(error: unknown): MissingGrant | undefined {
  const found = dbErrorOf(error, GRANT_ERRORS);
  return found && { ...found, ...grantNamesOf(found.kind, found.detail) };
}

/** What the text names: MariaDB quotes a table `db`.`t`, MySQL 't' or 'db.t'; a column's table is never qualified. */
function grantNamesOf(
  kind: MissingGrantKind,
  detail: string,
): Pick<MissingGrant, 'command' | 'user' | 'userName' | 'database' | 'object'> {
  const named = (m: RegExpExecArray | null, at: number) => m?.[at] ?? m?.[at + 1];
  const user = USER.exec(detail);
  const command = COMMAND.exec(detail)?.[1];
  let database: string | undefined;
  let object: string | undefined;
  if (kind === 'table') {
    const m = TABLE.exec(detail);
    const [first, second] = [named(m, 1), named(m, 3)];
    if (second !== undefined) [database, object] = [first, second];
    else if (first?.includes('.'))
      [database, object] = [first.slice(0, first.indexOf('.')), first.slice(first.indexOf('.') + 1)];
    else object = first;
  } else if (kind === 'column') {
    const m = COLUMN.exec(detail);
    const [column, table] = [named(m, 1), named(m, 3)];
    if (column !== undefined) object = table === undefined ? column : `${table}.${column}`;
  } else database = named(DATABASE.exec(detail), 1);
  return {
    ...(command === undefined ? {} : { command: command.toUpperCase() }),
    ...(user ? { user: `'${user[1]}'@'${user[2]}'`, userName: user[1] } : {}),
    ...(database === undefined ? {} : { database }),
    ...(object === undefined ? {} : { object }),
  };
}

/**
 * The GRANT that gives the feed's reader back what deploy/sql gives it: SELECT on the whole Commerce database, to
 * the account as deploy/sql creates it (`'user'@'%'`; use the host of the account if it has another).
 */
export function grantStatementOf(g: MissingGrant): string {
  const db = g.database;
  const on = db === undefined ? '<commerce database>.*' : `\`${db}\`.*`;
  const to = g.userName === undefined ? '<feed user>' : `'${g.userName}'@'%'`;
  return `GRANT ${g.command ?? 'SELECT'} ON ${on} TO ${to}`;
}

/** The one message of a missing grant: what the database refused, to whom, where, and the GRANT that fixes it. */
export function missingGrantMessage(feed: FeedName, g: MissingGrant): string {
  const what = g.object === undefined ? g.kind : `${g.kind} ${g.object}`;
  const who = g.user === undefined ? 'its database user' : `its database user ${g.user}`;
  const where = g.tables.length > 0 ? `, reading ${g.tables.join(', ')}` : '';
  return (
    `${SyncCode.MissingGrant} feed ${feed} may not read the ${what} of the Commerce DB as ${who}: ${g.detail} ` +
    `(${g.code}${where}). Grant the feed's reader what it needs: ${grantStatementOf(g)} ` +
    `(connections opened before a database-level GRANT see it once they reconnect; a table-level one at once). ` +
    `The sync is retried until it reads; nothing is parked or committed meanwhile.`
  );
}

/** What a Commerce DB error that fails every entity alike says, whichever its kind. */
export interface CommerceReadFault {
  /** mysql2's code. */
  readonly code: string;
  readonly errno: number;
  readonly detail: string;
  readonly object?: string;
  /** The database account the error names (a missing grant's), quoted. */
  readonly user?: string;
  readonly tables: readonly string[];
}

/**
 * A sync (or a read it needs) met an error of the Commerce DB that is no entity's fault (its schema, its grants): it
 * fails as a whole, nothing of it is committed, and its transport retries it. Held back on purpose, so the stall
 * watchdog does not take a feed waiting for a fix for a wedged consumer. Its message is logged once by the
 * service's `SchemaErrorWatch`; `summary` is what the retries name it by.
 */
export abstract class CommerceReadError extends BatchHeldBackError {
  abstract readonly code: typeof SyncCode.SchemaMismatch | typeof SyncCode.MissingGrant;

  constructor(
    readonly feed: FeedName,
    readonly fault: CommerceReadFault,
    message: string,
    cause: unknown,
  ) {
    super(message, { cause });
  }

  /** The code, the feed and the database's error, without the remedy: the full text is in the code's log record. */
  override get summary(): string {
    const object = this.fault.object === undefined ? '' : ` ${this.fault.object}`;
    return `${this.code} feed ${this.feed}: ${this.fault.code}${object}`;
  }
}

/** A read met a schema error (CDE04-29): upgrade cde or restore the schema. */
export class CommerceSchemaError extends CommerceReadError {
  override readonly name = 'CommerceSchemaError';
  override readonly code = SyncCode.SchemaMismatch;

  constructor(
    feed: FeedName,
    readonly mismatch: SchemaMismatch,
    cause: unknown,
  ) {
    super(feed, mismatch, schemaMismatchMessage(feed, mismatch), cause);
  }
}

/** A read was refused a privilege (CDE04-30): GRANT it to the feed's database user. */
export class CommerceGrantError extends CommerceReadError {
  override readonly name = 'CommerceGrantError';
  override readonly code = SyncCode.MissingGrant;

  constructor(
    feed: FeedName,
    readonly grant: MissingGrant,
    cause: unknown,
  ) {
    super(feed, grant, missingGrantMessage(feed, grant), cause);
  }
}

/** The error as a schema or grant error of the feed when it is or wraps one; undefined for any other error. */
export function commerceReadErrorOf(feed: FeedName, error: unknown): CommerceReadError | undefined {
  if (error instanceof CommerceReadError) return error;
  const mismatch = schemaMismatchOf(error);
  if (mismatch) return new CommerceSchemaError(feed, mismatch, error);
  const grant = missingGrantOf(error);
  return grant ? new CommerceGrantError(feed, grant, error) : undefined;
}
