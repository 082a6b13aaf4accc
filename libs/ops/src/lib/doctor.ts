import { formatTable } from './status';

export type CheckResult = 'ok' | 'warn' | 'fail';

/** One `cde doctor` finding: what was looked at, what was found and, unless it is fine, the fix. */
export interface Check {
  readonly area: string;
  readonly name: string;
  readonly result: CheckResult;
  readonly detail: string;
  readonly fix?: string;
}

const check = (area: string, name: string, result: CheckResult, detail: string, fix?: string): Check => ({
  area,
  name,
  result,
  detail,
  ...(result === 'ok' || fix === undefined ? {} : { fix }),
});

/** Binlog settings Debezium needs (`SHOW GLOBAL VARIABLES`), and a retention long enough to survive an outage. */
export function binlogChecks(vars: Readonly<Record<string, string>>): Check[] {
  const v = (k: string): string => (vars[k.toLowerCase()] ?? '').toUpperCase();
  const checks = [
    v('LOG_BIN') === 'ON'
      ? check('database', 'binlog', 'ok', 'log_bin=ON')
      : check(
          'database',
          'binlog',
          'fail',
          `log_bin=${vars['log_bin'] ?? 'unknown'}`,
          'start the server with log_bin (and server_id)',
        ),
    v('BINLOG_FORMAT') === 'ROW'
      ? check('database', 'binlog format', 'ok', 'binlog_format=ROW')
      : check(
          'database',
          'binlog format',
          'fail',
          `binlog_format=${vars['binlog_format'] ?? 'unknown'}`,
          'SET GLOBAL binlog_format=ROW (and in the server config)',
        ),
    v('BINLOG_ROW_IMAGE') === 'FULL'
      ? check('database', 'binlog row image', 'ok', 'binlog_row_image=FULL')
      : check(
          'database',
          'binlog row image',
          'fail',
          `binlog_row_image=${vars['binlog_row_image'] ?? 'unknown'}`,
          'SET GLOBAL binlog_row_image=FULL',
        ),
  ];
  const seconds = retentionSeconds(vars);
  checks.push(
    seconds === null
      ? check(
          'database',
          'binlog retention',
          'warn',
          'binlogs are never expired by age (watch the disk)',
          'set binlog_expire_logs_seconds to 3 days or more',
        )
      : seconds >= 3 * 86_400
        ? check('database', 'binlog retention', 'ok', `${(seconds / 86_400).toFixed(1)} days`)
        : check(
            'database',
            'binlog retention',
            'warn',
            `${(seconds / 3600).toFixed(1)} hours: an outage longer than that needs a full resync`,
            'SET GLOBAL binlog_expire_logs_seconds=259200 (3 days) or more',
          ),
  );
  return checks;
}

function retentionSeconds(vars: Readonly<Record<string, string>>): number | null {
  const seconds = Number(vars['binlog_expire_logs_seconds'] ?? 0);
  if (seconds > 0) return seconds;
  const days = Number(vars['expire_logs_days'] ?? 0);
  return days > 0 ? days * 86_400 : null;
}

/** Kafka Connect's `GET /connectors/<name>/status`. */
export interface ConnectorStatus {
  readonly connector?: { readonly state?: string; readonly trace?: string };
  readonly tasks?: readonly { readonly id: number; readonly state: string; readonly trace?: string }[];
}

export function connectorChecks(name: string, status: ConnectorStatus | null): Check[] {
  if (!status)
    return [
      check(
        'connect',
        `connector ${name}`,
        'fail',
        'not registered',
        `register deploy/debezium's connector (./dev up does it)`,
      ),
    ];
  const state = status.connector?.state ?? 'UNKNOWN';
  const out = [
    state === 'RUNNING'
      ? check('connect', `connector ${name}`, 'ok', 'RUNNING')
      : check(
          'connect',
          `connector ${name}`,
          'fail',
          `${state}${status.connector?.trace ? `: ${firstLine(status.connector.trace)}` : ''}`,
          `POST /connectors/${name}/restart after fixing the cause`,
        ),
  ];
  const tasks = status.tasks ?? [];
  if (tasks.length === 0)
    out.push(
      check('connect', 'tasks', 'fail', 'no task', `POST /connectors/${name}/restart?includeTasks=true`),
    );
  for (const t of tasks) {
    out.push(
      t.state === 'RUNNING'
        ? check('connect', `task ${t.id}`, 'ok', 'RUNNING')
        : check(
            'connect',
            `task ${t.id}`,
            'fail',
            `${t.state}${t.trace ? `: ${firstLine(t.trace)}` : ''}`,
            `POST /connectors/${name}/tasks/${t.id}/restart after fixing the cause (binlog purged: a full resync)`,
          ),
    );
  }
  return out;
}

const firstLine = (s: string): string => s.split('\n')[0]?.slice(0, 200) ?? '';

/** A topic's configuration as Kafka reports it. */
export interface TopicView {
  readonly name: string;
  readonly exists: boolean;
  readonly cleanupPolicy?: string;
}

/** Feed topics must be compacted (the topic is the feed); the others must exist. */
export function topicChecks(topics: readonly TopicView[]): Check[] {
  return topics.map((t) => {
    if (!t.exists)
      return check(
        'kafka',
        `topic ${t.name}`,
        'fail',
        'missing',
        'start the owning service once (it creates its topics) or apply the KafkaTopic resources',
      );
    const compacted = /^cde\.feed\.[A-Za-z]+$/.test(t.name);
    if (compacted && !(t.cleanupPolicy ?? '').includes('compact'))
      return check(
        'kafka',
        `topic ${t.name}`,
        'fail',
        `cleanup.policy=${t.cleanupPolicy ?? 'unknown'}`,
        `kafka-configs --alter --entity-type topics --entity-name ${t.name} --add-config cleanup.policy=compact`,
      );
    return check(
      'kafka',
      `topic ${t.name}`,
      'ok',
      t.cleanupPolicy ? `cleanup.policy=${t.cleanupPolicy}` : 'exists',
    );
  });
}

/** Lag of a consumer group over its topics; a growing backlog is a warning, not a failure. */
export function lagCheck(groupId: string, state: string, lag: number, warnAbove = 10_000): Check {
  if (state !== 'Stable' && state !== 'Empty')
    return check(
      'kafka',
      `group ${groupId}`,
      'warn',
      `${state}, lag ${lag}`,
      'wait for the rebalance to end; if it lasts, look at the service logs',
    );
  if (state === 'Empty')
    return check(
      'kafka',
      `group ${groupId}`,
      'warn',
      `no member, lag ${lag}`,
      `start the service of group ${groupId}`,
    );
  return lag > warnAbove
    ? check(
        'kafka',
        `group ${groupId}`,
        'warn',
        `lag ${lag}`,
        'scale the service (KEDA) or split the feed into its own deployment',
      )
    : check('kafka', `group ${groupId}`, 'ok', `lag ${lag}`);
}

/** Debezium's database user needs these (Debezium MySQL/MariaDB connector documentation). */
const CDC_PRIVILEGES = ['SELECT', 'RELOAD', 'SHOW DATABASES', 'REPLICATION SLAVE', 'REPLICATION CLIENT'];

/** `SHOW GRANTS` of the CDC user: the privileges Debezium needs, and nothing that writes the Commerce DB. */
export function grantChecks(user: string, grants: readonly string[]): Check[] {
  const text = grants.join('\n').toUpperCase();
  const all = text.includes('ALL PRIVILEGES');
  const missing = all
    ? []
    : CDC_PRIVILEGES.filter(
        (p) => !text.includes(p) && !(p === 'REPLICATION SLAVE' && text.includes('REPLICATION REPLICA')),
      );
  const out = [
    missing.length === 0
      ? check(
          'database',
          `grants of ${user}`,
          'ok',
          'SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT',
        )
      : check(
          'database',
          `grants of ${user}`,
          'fail',
          `missing ${missing.join(', ')}`,
          `GRANT ${missing.join(', ')} ON *.* TO ${user}`,
        ),
  ];
  if (all || /\b(INSERT|UPDATE|DELETE|DROP|ALTER)\b/.test(text.replace(/ON `?CDE_SIGNAL`?\.\S+/g, '')))
    out.push(
      check(
        'database',
        `least privilege of ${user}`,
        'warn',
        'can write the Commerce DB',
        'grant only the CDC privileges and INSERT on the signal table',
      ),
    );
  return out;
}

/** Clock skew between this host and the database (freshness and token lifetimes depend on it). */
export function clockCheck(skewMs: number): Check {
  const s = Math.abs(skewMs);
  if (s < 5_000) return check('host', 'clock skew', 'ok', `${Math.round(skewMs)} ms against the database`);
  return check(
    'host',
    'clock skew',
    s < 60_000 ? 'warn' : 'fail',
    `${(skewMs / 1000).toFixed(1)} s against the database`,
    'synchronise the clocks (chrony or systemd-timesyncd); signed tokens live 5 minutes',
  );
}

/** The receiver: reachable, and the API key accepted. */
export function receiverCheck(url: string, health: number | null, keyStatus: number | null): Check[] {
  const out = [
    health === 200
      ? check('receiver', 'reachable', 'ok', url)
      : check(
          'receiver',
          'reachable',
          'fail',
          health === null ? `${url}: no answer` : `${url}: HTTP ${health}`,
          'check CDE_EXPORT_BASE_URL and that the receiver runs',
        ),
  ];
  if (keyStatus !== null)
    out.push(
      keyStatus === 200
        ? check('receiver', 'credentials', 'ok', 'API key accepted')
        : check(
            'receiver',
            'credentials',
            'fail',
            `HTTP ${keyStatus}`,
            'set CDE_EXPORT_API_KEY to the key the receiver expects',
          ),
    );
  return out;
}

export function worstOf(checks: readonly Check[]): CheckResult {
  if (checks.some((c) => c.result === 'fail')) return 'fail';
  return checks.some((c) => c.result === 'warn') ? 'warn' : 'ok';
}

export function formatChecks(checks: readonly Check[]): string {
  const rows = checks.map((c) => [
    c.result.toUpperCase(),
    c.area,
    c.name,
    c.detail + (c.fix ? ` → fix: ${c.fix}` : ''),
  ]);
  return formatTable([['RESULT', 'AREA', 'CHECK', 'DETAIL'], ...rows]);
}

/** The services' Commerce DB user may read and nothing else (the Commerce DB is read-only for us). */
export function readerGrantCheck(user: string, grants: readonly string[]): Check {
  const text = grants.join('\n').toUpperCase();
  const writes = /\b(ALL PRIVILEGES|INSERT|UPDATE|DELETE|DROP|ALTER|CREATE)\b/.exec(text)?.[1];
  return writes
    ? check(
        'database',
        `least privilege of ${user}`,
        'warn',
        `the reader can ${writes}`,
        `REVOKE ALL ON *.* FROM ${user}; GRANT SELECT ON magento.* TO ${user}`,
      )
    : check('database', `least privilege of ${user}`, 'ok', 'read only');
}
