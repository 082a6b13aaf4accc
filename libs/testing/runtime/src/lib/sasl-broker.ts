import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { loadRuntimeConfig } from './runtime.config';
import { REPO_ROOT } from './repo-root';

export type ScramMechanism = 'SCRAM-SHA-512' | 'SCRAM-SHA-256';

export interface ScramUser {
  readonly name: string;
  readonly password: string;
}

export interface SaslBrokerOptions {
  /** SCRAM credentials created at format time (`kafka-storage format --add-scram`), for each mechanism. */
  readonly users: readonly ScramUser[];
  readonly mechanisms: readonly ScramMechanism[];
  /** Start, format included, must finish within this (default 2 min: a loaded machine starts a JVM slowly). */
  readonly startTimeoutMs?: number;
}

export interface SaslBroker {
  /** `host:port` of the SASL_PLAINTEXT listener. */
  readonly brokers: readonly string[];
  /** The broker's own principal: a super user, for setting up what the test needs (topics, ACLs). */
  readonly superUser: ScramUser;
  /** How long the start took, format included. */
  readonly startedInMs: number;
  readonly logFile: string;
  stop(): Promise<void>;
}

/** A random password of the test run: never committed, never logged. */
export function generatePassword(): string {
  return randomBytes(18).toString('hex');
}

/**
 * A KRaft cluster id as Kafka draws one: 16 random bytes in URL-safe base64, drawn again while it starts with "-",
 * which the storage tool's argument parser would take for an option.
 */
export function kafkaClusterId(random: () => Buffer = () => randomBytes(16)): string {
  for (let draw = 0; draw < 100; draw++) {
    const id = random().toString('base64url');
    if (!id.startsWith('-')) return id;
  }
  throw new Error('no cluster id without a leading "-" in 100 draws');
}

/**
 * Why a formatting run failed, without its command line: that line holds the SCRAM passwords, so it is never shown.
 * The tool's own output is kept where it does not echo a SCRAM record.
 */
export function formatFailure(error: unknown): string {
  const e = error as {
    code?: string | number;
    signal?: string;
    killed?: boolean;
    stderr?: unknown;
    stdout?: unknown;
  };
  const how = e.killed
    ? `killed (${String(e.signal ?? 'timeout')})`
    : `exit code ${String(e.code ?? 'unknown')}`;
  const output = [e.stderr, e.stdout]
    .filter((o): o is string => typeof o === 'string')
    .flatMap((o) => o.split('\n'))
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/scram|password/i.test(line))
    .slice(0, 5);
  return output.length ? `${how}: ${output.join(' | ')}` : how;
}

/**
 * The ports of the dedicated broker: the test runtime's broker port + 2 and + 3, so they follow the runtime's port
 * offset and never meet the broker of `./dev up` nor that of another offset's test run.
 */
export function saslBrokerPorts(runtimeBrokers: readonly string[]): { client: number; controller: number } {
  const port = Number(runtimeBrokers[0]?.split(':')[1]);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`no broker port in ${runtimeBrokers.join(',')}`);
  return { client: port + 2, controller: port + 3 };
}

/**
 * The broker's configuration: one KRaft node whose only client listener is SASL_PLAINTEXT with SCRAM (the
 * mechanisms of Strimzi's `scram-sha-512` listener, and SHA-256), the StandardAuthorizer denying whatever no ACL
 * allows, and a controller listener of its own (SASL PLAIN, its one user in the JAAS line) so that no
 * unauthenticated principal is a super user.
 */
export function saslBrokerProperties(p: {
  readonly dir: string;
  readonly clientPort: number;
  readonly controllerPort: number;
  readonly superUser: ScramUser;
  readonly mechanisms: readonly ScramMechanism[];
}): string {
  const { name, password } = p.superUser;
  const jaas = (mechanism: ScramMechanism) =>
    `listener.name.client.${mechanism.toLowerCase()}.sasl.jaas.config=` +
    `org.apache.kafka.common.security.scram.ScramLoginModule required username="${name}" password="${password}";`;
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.bootstrap.servers=127.0.0.1:${p.controllerPort}`,
    `listeners=CLIENT://127.0.0.1:${p.clientPort},CONTROLLER://127.0.0.1:${p.controllerPort}`,
    `advertised.listeners=CLIENT://127.0.0.1:${p.clientPort}`,
    'listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT',
    'inter.broker.listener.name=CLIENT',
    'controller.listener.names=CONTROLLER',
    `listener.name.client.sasl.enabled.mechanisms=${p.mechanisms.join(',')}`,
    'sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512',
    ...p.mechanisms.map(jaas),
    'listener.name.controller.sasl.enabled.mechanisms=PLAIN',
    'sasl.mechanism.controller.protocol=PLAIN',
    'listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule ' +
      `required username="${name}" password="${password}" user_${name}="${password}";`,
    'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    `super.users=User:${name}`,
    'allow.everyone.if.no.acl.found=false',
    `log.dirs=${path.join(p.dir, 'data')}`,
    'num.partitions=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=false',
    '',
  ].join('\n');
}

/** Where the broker lives: its own folder in the test runtime's run dir, wiped at every start. */
function brokerDir(): string {
  return path.join(process.env['CDE_RUN_DIR'] ?? path.join(REPO_ROOT, '.run-test'), 'kafka-sasl');
}

function kafkaJava(dir: string, heap: string[], args: string[]): { command: string; args: string[] } {
  const libs = process.env['CDE_KAFKA_LIBS_DIR'] ?? path.join(REPO_ROOT, '.cache/runtime/kafka-libs');
  if (!existsSync(libs)) throw new Error(`no Kafka jars in ${libs}: run the test through ./dev`);
  return {
    command: 'java',
    args: [
      ...heap,
      '-XX:+UseG1GC',
      '-Djava.awt.headless=true',
      `-Dkafka.logs.dir=${dir}`,
      `-Dlog4j2.configurationFile=${path.join(REPO_ROOT, 'deploy/local/log4j2.properties')}`,
      '-cp',
      path.join(libs, '*'),
      ...args,
    ],
  };
}

/** A broker of an earlier run killed before its cleanup: ended, if the recorded pid is still that broker. */
function stopLeftover(dir: string): void {
  const pidFile = path.join(dir, 'broker.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  try {
    if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir)) process.kill(pid, 'SIGKILL');
  } catch {
    // gone already
  }
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The broker answers a metadata request of an authenticated client: the real signal that it serves. */
async function answersMetadata(brokers: readonly string[], superUser: ScramUser): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'cde-sasl-broker-probe',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3_000,
    retry: { retries: 0 },
    sasl: { mechanism: 'scram-sha-512', username: superUser.name, password: superUser.password },
  }).admin();
  try {
    await admin.connect();
    return (await admin.describeCluster()).brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Formats and starts a single-node Kafka broker (KRaft, the jars of the local runtime) with SCRAM users and the
 * StandardAuthorizer, beside the test runtime's broker, which stays as it is. Resolves once an authenticated
 * metadata request succeeds; `stop()` ends it and removes its data. The process is also killed when the test
 * process exits, and a leftover of a run killed outright is ended at the next start.
 */
export async function startSaslBroker(options: SaslBrokerOptions): Promise<SaslBroker> {
  const began = Date.now();
  const deadline = began + (options.startTimeoutMs ?? 120_000);
  const dir = brokerDir();
  stopLeftover(dir);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'data'), { recursive: true, mode: 0o700 });
  const ports = saslBrokerPorts(loadRuntimeConfig().kafkaBrokers);
  for (const port of [ports.client, ports.controller]) {
    if (await portInUse(port)) throw new Error(`port ${port} for the SASL test broker is taken`);
  }
  const superUser = { name: 'cde-test-broker', password: generatePassword() };
  const properties = path.join(dir, 'server.properties');
  writeFileSync(
    properties,
    saslBrokerProperties({
      dir,
      clientPort: ports.client,
      controllerPort: ports.controller,
      superUser,
      mechanisms: options.mechanisms,
    }),
    { mode: 0o600 },
  );

  const logFile = path.join(dir, 'broker.log');
  const scram = [superUser, ...options.users].flatMap((u) =>
    ['SCRAM-SHA-512', ...options.mechanisms.filter((m) => m !== 'SCRAM-SHA-512')].flatMap((m) => [
      '--add-scram',
      `${m}=[name=${u.name},password=${u.password}]`,
    ]),
  );
  const clusterId = kafkaClusterId();
  const format = kafkaJava(
    dir,
    ['-Xmx256m'],
    ['kafka.tools.StorageTool', 'format', '--standalone', '-t', clusterId, '-c', properties, ...scram],
  );
  try {
    await promisify(execFile)(format.command, format.args, { timeout: Math.max(deadline - Date.now(), 1) });
  } catch (error) {
    throw new Error(`formatting the SASL test broker failed: ${formatFailure(error)}`);
  }

  const out = openSync(logFile, 'a');
  const run = kafkaJava(dir, ['-Xms128m', '-Xmx384m'], ['kafka.Kafka', properties]);
  const child: ChildProcess = spawn(run.command, run.args, { stdio: ['ignore', out, out] });
  closeSync(out);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let running = true;
  void exited.then(() => (running = false));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  writeFileSync(path.join(dir, 'broker.pid'), String(child.pid));

  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    if (running) {
      child.kill('SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), sleep(30_000).then(() => false)]);
      if (!stopped) child.kill('SIGKILL');
      await exited;
    }
    // The data and the properties (they hold the super user's password) go; the log stays for a look.
    rmSync(path.join(dir, 'data'), { recursive: true, force: true });
    rmSync(properties, { force: true });
  };

  const brokers = [`127.0.0.1:${ports.client}`];
  try {
    for (;;) {
      if (!running) throw new Error('the SASL test broker exited while starting');
      if ((await portInUse(ports.client)) && (await answersMetadata(brokers, superUser))) break;
      if (Date.now() > deadline) throw new Error('the SASL test broker did not answer in time');
      await sleep(500);
    }
  } catch (error) {
    await stop();
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\n--- ${logFile} ---\n${tail(logFile)}`,
    );
  }
  return { brokers, superUser, startedInMs: Date.now() - began, logFile, stop };
}
