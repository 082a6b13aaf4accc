/**
 * Every code cde writes on a log record, a dead-letter message, an event or an HTTP error body, in the original's
 * `CDEgg-nn` scheme: `gg` is the group, `nn` the case. Groups 01–04 keep the original's meaning (collection,
 * sending, scheduling, sync); 10 and up are ours. A code is a cross-service fact (the exporter writes CDE02-09 on
 * a dead letter, the feed service parks on it), so it is defined here once and nowhere else: lint refuses a
 * `CDEgg-nn` literal in any other source file.
 */

/** `[code, one-line meaning]` per name. */
type Entries = Readonly<Record<string, readonly [code: string, meaning: string]>>;

/** One entry of the catalog. */
export interface CodeDescription {
  readonly code: string;
  /** The group's constant and the code's name in it, e.g. `ExportCode.Rejected`. */
  readonly name: string;
  readonly meaning: string;
}

const catalog: CodeDescription[] = [];

/** The codes of one group by name (their literal types kept), recorded in the catalog with their meanings. */
function codeGroup<const T extends Entries>(group: string, entries: T): { readonly [K in keyof T]: T[K][0] } {
  const codes: Record<string, string> = {};
  for (const [name, [code, meaning]] of Object.entries(entries)) {
    codes[name] = code;
    catalog.push({ code, name: `${group}.${name}`, meaning });
  }
  return Object.freeze(codes) as { readonly [K in keyof T]: T[K][0] };
}

/** Group 02, sending (the exporter; 14 and up are ours). */
export const ExportCode = codeGroup('ExportCode', {
  UnparsableResponse: [
    'CDE02-03',
    "The receiver's response body could not be read as its protocol says; the status code still decides.",
  ],
  RetryBudgetExhausted: [
    'CDE02-06',
    'A batch exhausted the retries of one handler call: it is deferred to a rerun, never dead-lettered.',
  ],
  Throttled: ['CDE02-07', '429: throttled; retried after Retry-After, with a lower allowed rate.'],
  ServerError: ['CDE02-08', '5xx, a timeout or a network error: retried with backoff.'],
  Rejected: [
    'CDE02-09',
    'Data validation failed (400, or an item listed as failed): not retried, final until the item changes.',
  ],
  ClientError: ['CDE02-10', 'Another 4xx (401, 403…): retried, as the original does.'],
  ItemRetryable: [
    'CDE02-11',
    'An item listed as failed with a retryable status (2, 429, 5xx): status 2 and the dead-letter topic.',
  ],
  MalformedFeedMessage: [
    'CDE02-14',
    'A message on a feed topic is not a feed item message: it goes to cde.exporter.dlt.',
  ],
  Deferred: [
    'CDE02-15',
    'Items not sent within the handler call budget or when shutting down: the batch is redone, not committed.',
  ],
  CircuitOpened: [
    'CDE02-16',
    "The receiver failed transiently too often in a row: the feed's deliveries pause, probed until it answers.",
  ],
  CircuitClosed: ['CDE02-17', "The receiver answered a probe: the feed's deliveries resume."],
  ItemStale: [
    'CDE02-19',
    'An item the receiver refused as older than the version it holds (status 409): stored as 409, and the feed service sends the current state again with a newer version.',
  ],
  TooLarge: [
    'CDE02-18',
    'A request larger than the receiver accepts (413): split until it fits; an item too large on its own is rejected, final until it changes.',
  ],
});
export type ExportCode = (typeof ExportCode)[keyof typeof ExportCode];

/** Group 03, scheduling: commands and what they ask for. */
export const SchedulingCode = codeGroup('SchedulingCode', {
  InvalidCommand: [
    'CDE03-09',
    'A command that cannot be carried out: malformed, or options that do not go together.',
  ],
  UnknownIds: ['CDE03-10', '--by-ids values that match no entity; the others are resynced.'],
  StaleCommand: [
    'CDE03-11',
    'A command requested longer ago than the allowed age is ignored (a new group must not rerun old ones).',
  ],
});
export type SchedulingCode = (typeof SchedulingCode)[keyof typeof SchedulingCode];

/** Group 04, sync and feed state (the feed services). */
export const SyncCode = codeGroup('SyncCode', {
  WaveFailed: [
    'CDE04-10',
    'A sync wave failed: retried from its last checkpoint; a resync stops after a few failures in a row.',
  ],
  RetryParkedFailed: ['CDE04-11', 'A retry-parked command failed; parked items stay parked.'],
  Parked: [
    'CDE04-12',
    'An item is parked after a final rejection (400, listed as failed): visible, retried when it changes or on demand.',
  ],
  EmptyIdentifier: [
    'CDE04-19',
    'An item whose identity field is empty: it cannot get a feedId and is skipped.',
  ],
  Locked: ['CDE04-20', 'A resync is refused: another one holds the feed.'],
  BackgroundTaskFailed: [
    'CDE04-21',
    'A background task failed (cleanup, legacy send, job lookup, progress event); retried at its next turn.',
  ],
  CleanupFeed: [
    'CDE04-22',
    '--cleanup-feed empties the feed state: everything is resent, deletes of vanished items are lost.',
  ],
  CaptureNotReady: [
    'CDE04-23',
    'Change capture cannot be asked whether it streams; onboarding waits and asks again.',
  ],
  StillFailing: [
    'CDE04-24',
    'An item failed transiently more often than CDE_DLT_RETRY_MAX_ATTEMPTS: still retried, never parked for it.',
  ],
  ItemTooLarge: [
    'CDE04-25',
    'An item too large for one Kafka message: parked with its size (status 400), the rest of its batch flows.',
  ],
  EntityUnreadable: [
    'CDE04-26',
    'An entity whose rows cannot be assembled (bad data): its items are parked with the error, the rest of its batch flows. A schema error (CDE04-29) or a missing grant (CDE04-30) is never this.',
  ],
  ClockFailed: [
    'CDE04-27',
    'Asking a feed what time alone changed (a day change of prices) failed: asked again from the same moment at the next tick.',
  ],
  BinlogLoss: [
    'CDE04-28',
    'Change capture lost its binlog position after a feed finished its initial load (the connector task failed because the position is no longer available, or it took a new snapshot): changes in the gap were never seen, a reconciliation of the feed is recorded and runs once the connector streams again.',
  ],
  SchemaMismatch: [
    'CDE04-29',
    'The Commerce DB schema is not what a feed reads (a table or column missing, renamed or made ambiguous): the sync fails as a whole and is retried, nothing is parked; logged once per message (again every 10 minutes while it lasts). Upgrade cde or restore the schema.',
  ],
  MissingGrant: [
    'CDE04-30',
    "The feed's Commerce DB user was refused a table, a column or the database (a missing grant): the sync fails as a whole and is retried, nothing is parked; logged once per message (again every 10 minutes while it lasts) with the user and the GRANT it needs (SELECT on the Commerce database, as deploy/sql grants it).",
  ],
});
export type SyncCode = (typeof SyncCode)[keyof typeof SyncCode];

/** Group 10, change capture: Debezium messages that cannot be used (dead-lettered, never retried). */
export const CdcCode = codeGroup('CdcCode', {
  MalformedJson: ['CDE10-01', 'The message value (or key) is not valid JSON.'],
  InvalidEnvelope: ['CDE10-02', 'The value is JSON but not a Debezium change-event envelope.'],
  UnsupportedOperation: [
    'CDE10-03',
    '`op` is not one of c, u, d, r (a truncate or a message, which we do not capture).',
  ],
  InconsistentEnvelope: [
    'CDE10-04',
    'The envelope contradicts its op: an insert without `after`, a delete without `before`.',
  ],
  InvalidKey: ['CDE10-05', 'The key is missing or not an object of primary-key columns.'],
  InvalidTopic: ['CDE10-06', 'The topic name is not `<prefix>.<database>.<table>`.'],
  InvalidRow: ['CDE10-07', 'A row does not match the shape its consumer declared.'],
});
export type CdcCode = (typeof CdcCode)[keyof typeof CdcCode];

/**
 * Group 11, the Kafka clients and the transport. Poison codes (03, 04) travel in the `cde-code` header of
 * dead-lettered messages; the others name what the transport did and why, or why Kafka refused a client (14, 15).
 */
export const KafkaTransportCode = codeGroup('KafkaTransportCode', {
  TransientFailure: [
    'CDE11-01',
    'A handler failed with a transient error, or held its batch back while its downstream is down: nothing was committed, the batch is retried after a backoff.',
  ],
  DeadLettered: ['CDE11-02', 'A poison message was dead-lettered and is committed with its batch.'],
  MalformedJson: ['CDE11-03', 'The value of a message on one of our own topics is not a JSON object.'],
  EmptyValue: ['CDE11-04', 'The value is empty (a tombstone) where a payload was expected.'],
  UnknownPoisonOffset: [
    'CDE11-05',
    'A handler reported a poison offset that is not in its batch; retried, so nothing is skipped.',
  ],
  CommitFailed: [
    'CDE11-06',
    'Dead-lettering or committing a finished batch failed; retried without running the handler again.',
  ],
  HandlerTimeout: [
    'CDE11-07',
    'A handler ran longer than its timeout: it cannot be cancelled safely, so the process exits.',
  ],
  Stalled: [
    'CDE11-08',
    'Messages are waiting but no batch completed within the stall timeout: exit. A batch held back on purpose is paused, not stalled.',
  ],
  Crashed: ['CDE11-09', 'The consumer crashed and kafkajs will not restart it (auth, config): exit.'],
  Restarting: ['CDE11-10', 'The consumer crashed on a retriable error; kafkajs restarts it.'],
  ShutdownTimeout: [
    'CDE11-11',
    'Shutdown did not finish in time; the in-flight batch stays uncommitted and is redone.',
  ],
  InvalidSetup: [
    'CDE11-12',
    'The transport cannot start: bad options, no handler or two for a topic, or Kafka unreachable.',
  ],
  HeartbeatFailed: [
    'CDE11-13',
    'A heartbeat failed while a handler ran (usually a rebalance); the commit may fail and the batch be redone.',
  ],
  AuthenticationFailed: [
    'CDE11-14',
    "Kafka refused the client's SASL credentials (wrong user, password or mechanism): not retried; check CDE_KAFKA_SASL_* against the KafkaUser and its Secret.",
  ],
  NotAuthorized: [
    'CDE11-15',
    "Kafka's ACLs deny the client a topic, group or cluster operation: not retried; check the KafkaUser's ACLs (tools/deploy/acls.ts).",
  ],
});
export type KafkaTransportCode = (typeof KafkaTransportCode)[keyof typeof KafkaTransportCode];

/** Group 20, the bundled receiver (commerce-services): in its error bodies and logs. */
export const ReceiverCode = codeGroup('ReceiverCode', {
  ApiKey: ['CDE20-01', 'Ingestion: the x-api-key header is missing or wrong (401).'],
  Signature: [
    'CDE20-02',
    'Ingestion: the x-gw-signature JWT is missing, malformed, foreign or expired (401).',
  ],
  Environment: ['CDE20-03', 'Ingestion: a valid token of another environment (403).'],
  UnknownPath: ['CDE20-04', 'Ingestion: an unknown feed path or environment (404).'],
  BadBody: ['CDE20-05', 'Ingestion: the body is not a gzip JSON array of items, or too large (400).'],
  ItemsLimit: ['CDE20-06', "Ingestion: more items than the feed's batch limit (400)."],
  InvalidItems: ['CDE20-07', "Ingestion: items that do not match the feed's schema, listed as failed."],
  RateLimited: ['CDE20-08', 'Ingestion: above the allowed request rate (429 with Retry-After).'],
  StaleItems: [
    'CDE20-09',
    'Ingestion: items older than the version held are not applied (it never goes back).',
  ],
  Fault: ['CDE20-10', 'An injected fault answered the request (fault switches).'],
  ClientGone: ['CDE20-11', 'The client gave up before the answer.'],
  Internal: ['CDE20-12', 'An internal error (500).'],
  ApiUnauthorized: ['CDE20-13', 'Read or admin API: the x-api-key header is missing or wrong (401).'],
  CountersNotWritten: ['CDE20-14', 'Request counters could not be written; the request itself was handled.'],
  BadApiRequest: ['CDE20-15', 'Read or admin API: invalid query or body (400).'],
});
export type ReceiverCode = (typeof ReceiverCode)[keyof typeof ReceiverCode];

/** Group 21, the admin dashboard and API (apps/admin): in its error bodies and logs. */
export const AdminCode = codeGroup('AdminCode', {
  Unauthorized: [
    'CDE21-01',
    'Admin API: no session, or a session cookie that is forged, expired or malformed (401).',
  ],
  SignInFailed: [
    'CDE21-02',
    'Admin sign-in: wrong user or password, or an OIDC answer that did not verify (401).',
  ],
  CsrfRejected: ['CDE21-03', "Admin API: a state-changing request without the session's CSRF token (403)."],
  BadRequest: ['CDE21-04', 'Admin API: invalid query or body (400).'],
  CommandNotSent: ['CDE21-05', 'Admin API: a command could not be published on cde.commands (503).'],
  SourceUnavailable: [
    'CDE21-06',
    'Admin API: the receiver, Kafka or Kafka Connect did not answer; the page shows what it could read.',
  ],
  Internal: ['CDE21-07', 'Admin API: an internal error (500).'],
});
export type AdminCode = (typeof AdminCode)[keyof typeof AdminCode];

/** Group 12, observability: what every service writes about its own telemetry. */
export const ObservabilityCode = codeGroup('ObservabilityCode', {
  SpanExportFailed: [
    'CDE12-01',
    'Spans could not be exported to the OTLP endpoint (collector down, refusing or too slow): those spans are lost, the service goes on.',
  ],
});
export type ObservabilityCode = (typeof ObservabilityCode)[keyof typeof ObservabilityCode];

/** Group 30, operations (the `cde` command line): on its error lines and in its `--json` errors. */
export const OpsCode = codeGroup('OpsCode', {
  BadUsage: ['CDE30-01', 'The command line is wrong: an unknown command, feed, option or value (exit 2).'],
  NoService: ['CDE30-02', 'No running service serves the feed: nothing would act on the command (exit 5).'],
  Unavailable: ['CDE30-03', 'Kafka, the feed-state database or the receiver cannot be reached (exit 5).'],
  TimedOut: ['CDE30-04', 'No result within --timeout; the work may still be running (exit 4).'],
  Refused: [
    'CDE30-05',
    'The owning service refused the command, e.g. another resync holds the feed (exit 3).',
  ],
  Failed: ['CDE30-06', 'The command ran and failed, or a check failed (exit 1).'],
  NotFound: ['CDE30-07', 'No item of the feed has the identity asked for.'],
});
export type OpsCode = (typeof OpsCode)[keyof typeof OpsCode];

/** Every code with its meaning, in group order. */
export const CODE_CATALOG: readonly CodeDescription[] = Object.freeze([...catalog]);

/** What a code means, or undefined for a code cde does not write. */
export function meaningOf(code: string): string | undefined {
  return CODE_CATALOG.find((c) => c.code === code)?.meaning;
}
