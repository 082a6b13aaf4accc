/**
 * Small helpers that `./dev` calls where bash alone would be fragile: readiness checks that speak the real
 * protocols (Kafka admin, Connect REST), connector registration, and the closing line of a test run.
 *
 *   tsx tools/dev/devkit.ts kafka-ready --brokers 127.0.0.1:9092 --timeout 60
 *   tsx tools/dev/devkit.ts connector-register deploy/debezium/commerce-connector.json --url http://127.0.0.1:8083
 *   tsx tools/dev/devkit.ts connector-status --url http://127.0.0.1:8083 --name commerce-connector
 *   tsx tools/dev/devkit.ts test-summary .run/test-results/*.json
 *   tsx tools/dev/devkit.ts keys --dir .run/keys
 *   tsx tools/dev/devkit.ts admin-credential --dir .run/keys
 *   tsx tools/dev/devkit.ts sync-wait --groups scopes-feed,exporter --pids scopes-feed=4242 --timeout 300 \
 *     --started <epoch ms>      (feed state from CDE_FEED_DB_*)
 *   tsx tools/dev/devkit.ts feed-counts --groups products-feed,prices-feed --receiver http://127.0.0.1:8090
 *                             (Commerce DB from CDE_COMMERCE_DB_*, read only; API key from CDE_RECEIVER_API_KEY;
 *                              exits 1 when a feed's receiver items differ from its SQL count)
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { request } from 'undici';
import { z } from 'zod';
import { hashPassword } from '@cde/admin-api';
import {
  CommerceDb,
  commerceDbConfigFrom,
  commerceDbEnvSchema,
  type SqlParam,
} from '@cde/platform/commerce-db';
import { feedStateDbConfigFrom, feedStateEnvSchema } from '@cde/platform/feed-state';
import { backoffDelay, type Backoff } from '@cde/util/retry';
import { feedCounts } from './feed-counts';
import { feedsOfServices, syncWait } from './sync-wait';

const out = (line: string): void => void process.stdout.write(`${line}\n`);
const err = (line: string): void => void process.stderr.write(`${line}\n`);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Readiness polls: 250 ms, 500 ms, 1 s, then every 2 s until the deadline. */
const POLL_BACKOFF: Backoff = { baseDelayMs: 250, maxDelayMs: 2_000 };

/** An error that ends a wait at once (e.g. a FAILED connector), instead of being retried until the deadline. */
class FatalError extends Error {}

async function untilDeadline<T>(
  what: string,
  timeoutSeconds: number,
  attempt: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let lastError = 'no answer yet';
  for (let tries = 1; Date.now() < deadline; tries++) {
    try {
      const result = await attempt();
      if (result !== undefined) return result;
    } catch (error) {
      if (error instanceof FatalError) throw error;
      lastError = error instanceof Error ? error.message : String(error);
    }
    await sleep(backoffDelay(tries, POLL_BACKOFF));
  }
  throw new Error(`${what} not ready after ${timeoutSeconds}s: ${lastError}`);
}

async function kafkaReady(brokers: string, timeout: number): Promise<void> {
  const kafka = new Kafka({
    clientId: 'cde-dev',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
  });
  await untilDeadline('Kafka', timeout, async () => {
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.listTopics();
      const cluster = await admin.describeCluster();
      return cluster.brokers.length > 0 ? true : undefined;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  });
  out(`kafka ready at ${brokers}`);
}

const connectorFile = z.object({ name: z.string().min(1), config: z.record(z.string(), z.string()) });
const connectorStatus = z.object({
  name: z.string(),
  connector: z.object({ state: z.string(), trace: z.string().optional() }),
  tasks: z.array(z.object({ id: z.number(), state: z.string(), trace: z.string().optional() })),
});
type ConnectorStatus = z.infer<typeof connectorStatus>;

async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const res = await request(url, { method: 'GET', headersTimeout: 5000, bodyTimeout: 5000 });
  const text = await res.body.text();
  return { status: res.statusCode, body: text ? (JSON.parse(text) as unknown) : null };
}

async function fetchStatus(url: string, name: string): Promise<ConnectorStatus | undefined> {
  const { status, body } = await getJson(`${url}/connectors/${encodeURIComponent(name)}/status`);
  if (status === 404) return undefined;
  if (status !== 200) throw new Error(`GET status answered ${status}: ${JSON.stringify(body)}`);
  return connectorStatus.parse(body);
}

function failedTrace(status: ConnectorStatus): string | undefined {
  if (status.connector.state === 'FAILED') return status.connector.trace ?? 'connector FAILED';
  const task = status.tasks.find((t) => t.state === 'FAILED');
  return task ? (task.trace ?? `task ${task.id} FAILED`) : undefined;
}

async function connectorRegister(file: string, url: string, timeout: number): Promise<void> {
  const connector = connectorFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  await untilDeadline('Kafka Connect REST', timeout, async () =>
    (await getJson(`${url}/connectors`)).status === 200 ? true : undefined,
  );
  // PUT .../config creates or updates the connector, so registering again is harmless.
  const res = await request(`${url}/connectors/${encodeURIComponent(connector.name)}/config`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(connector.config),
  });
  const answer = await res.body.text();
  if (res.statusCode !== 200 && res.statusCode !== 201) {
    throw new Error(`registering ${connector.name} answered ${res.statusCode}: ${answer}`);
  }
  const status = await untilDeadline(`connector ${connector.name}`, timeout, async () => {
    const s = await fetchStatus(url, connector.name);
    if (!s) return undefined;
    const trace = failedTrace(s);
    if (trace)
      throw new FatalError(
        `connector ${connector.name} failed:\n${trace.split('\n').slice(0, 12).join('\n')}`,
      );
    const running =
      s.connector.state === 'RUNNING' && s.tasks.length > 0 && s.tasks.every((t) => t.state === 'RUNNING');
    return running ? s : undefined;
  });
  out(`connector ${status.name} RUNNING with ${status.tasks.length} task(s)`);
}

async function connectorStatusCommand(url: string, name: string): Promise<void> {
  const s = await fetchStatus(url, name);
  if (!s) {
    out(`connector ${name}: not registered`);
    process.exitCode = 1;
    return;
  }
  out(
    `connector ${name}: ${s.connector.state}; tasks: ${s.tasks.map((t) => `${t.id}=${t.state}`).join(', ') || 'none'}`,
  );
  const trace = failedTrace(s);
  if (trace) {
    err(trace.split('\n').slice(0, 12).join('\n'));
    process.exitCode = 1;
  }
}

const jestResult = z.object({
  numPassedTests: z.number(),
  numFailedTests: z.number(),
  numPendingTests: z.number(),
  numTotalTests: z.number(),
  numRuntimeErrorTestSuites: z.number().optional(),
});

function testSummary(files: string[]): void {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const file of files) {
    if (!existsSync(file)) {
      err(`no results in ${file} (the suite did not run)`);
      failed += 1;
      continue;
    }
    const r = jestResult.parse(JSON.parse(readFileSync(file, 'utf8')));
    passed += r.numPassedTests;
    failed += r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
    skipped += r.numPendingTests;
  }
  out(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  if (failed > 0 || passed === 0) process.exitCode = 1;
}

/**
 * The merchant's key pair (RS256: the exporter signs, the receiver verifies) and the API key, generated once for
 * the local runtime into an ignored folder.
 */
function keys(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const privateFile = path.join(dir, 'merchant-private.pem');
  if (!existsSync(privateFile)) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(privateFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    writeFileSync(path.join(dir, 'merchant-public.pem'), publicKey.export({ type: 'spki', format: 'pem' }), {
      mode: 0o644,
    });
    writeFileSync(path.join(dir, 'api-key'), randomBytes(24).toString('hex'), { mode: 0o600 });
  }
  out(`keys in ${dir}`);
}

/**
 * The local admin's sign-in, generated once: a random password for the person (`admin-password`), its scrypt hash
 * for the app (`admin-password.scrypt`; the app never sees the password) and the key that signs session cookies.
 */
async function adminCredential(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(dir, 'admin-password');
  if (!existsSync(passwordFile)) {
    const password = randomBytes(12).toString('base64url');
    writeFileSync(path.join(dir, 'admin-password.scrypt'), `${await hashPassword(password)}\n`, {
      mode: 0o600,
    });
    writeFileSync(path.join(dir, 'admin-session.key'), randomBytes(48).toString('base64url'), {
      mode: 0o600,
    });
    writeFileSync(passwordFile, password, { mode: 0o600 });
  }
  out(`admin credential in ${dir}`);
}

/** `name=pid,name=pid` → map; malformed parts are an error, not ignored. */
function parsePids(text: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const part of text.split(',').filter(Boolean)) {
    const [name, pid] = part.split('=');
    if (!name || !pid || !/^\d+$/.test(pid)) throw new Error(`--pids: "${part}" is not <service>=<pid>`);
    map.set(name, Number(pid));
  }
  return map;
}

const feedCountsEnv = commerceDbEnvSchema.extend({
  CDE_RECEIVER_API_KEY: z.string().min(1),
  CDE_ORDERS_FULL_RESYNC_DAYS: z.coerce.number().int().min(0).default(7),
});

/** The feeds of `groups` (the feed services): receiver items against the SQL count; exit code 1 when one differs. */
async function feedCountsCommand(groups: readonly string[], receiverUrl: string): Promise<void> {
  const env = feedCountsEnv.parse(process.env);
  const db = CommerceDb.connect({ ...commerceDbConfigFrom(env), poolSize: 1 });
  try {
    const equal = await feedCounts({
      feeds: feedsOfServices(groups),
      query: (sql, params = []) => db.query<Record<string, unknown>>(sql, params as readonly SqlParam[]),
      oracle: { ordersFullResyncDays: env.CDE_ORDERS_FULL_RESYNC_DAYS, now: new Date() },
      receiverUrl,
      apiKey: env.CDE_RECEIVER_API_KEY,
      out,
    });
    if (!equal) process.exitCode = 1;
  } finally {
    await db.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      brokers: { type: 'string', default: '127.0.0.1:9092' },
      url: { type: 'string', default: 'http://127.0.0.1:8083' },
      name: { type: 'string', default: 'commerce-connector' },
      timeout: { type: 'string', default: '90' },
      dir: { type: 'string', default: '.run/keys' },
      groups: { type: 'string', default: '' },
      pids: { type: 'string', default: '' },
      started: { type: 'string', default: '' },
      receiver: { type: 'string', default: 'http://127.0.0.1:8090' },
    },
  });
  const timeout = Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0)
    throw new Error(`--timeout must be a positive number of seconds, got "${values.timeout}"`);
  switch (command) {
    case 'kafka-ready':
      return kafkaReady(values.brokers, timeout);
    case 'connector-register': {
      const [file] = positionals;
      if (!file) throw new Error('connector-register needs the connector JSON file');
      return connectorRegister(file, values.url, timeout);
    }
    case 'connector-status':
      return connectorStatusCommand(values.url, values.name);
    case 'test-summary':
      return testSummary(positionals);
    case 'keys':
      return keys(values.dir);
    case 'admin-credential':
      return adminCredential(values.dir);
    case 'sync-wait': {
      const groups = values.groups.split(',').filter(Boolean);
      const started = values.started ? Number(values.started) : Date.now();
      if (!Number.isFinite(started))
        throw new Error(`--started must be epoch milliseconds, got "${values.started}"`);
      return syncWait({
        brokers: values.brokers.split(','),
        connectUrl: values.url,
        connector: values.name,
        groups,
        feeds: feedsOfServices(groups),
        feedState: feedStateDbConfigFrom(feedStateEnvSchema.parse(process.env)),
        pids: parsePids(values.pids),
        timeoutSeconds: timeout,
        startedAt: started,
        out,
      });
    }
    case 'feed-counts':
      return feedCountsCommand(values.groups.split(',').filter(Boolean), values.receiver);
    default:
      throw new Error(
        `unknown command "${command ?? ''}"; one of kafka-ready, connector-register, connector-status, test-summary, keys, admin-credential, sync-wait, feed-counts`,
      );
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  err(`devkit: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
