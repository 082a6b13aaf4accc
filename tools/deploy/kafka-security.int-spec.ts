import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { KafkaTransportCode, topic, Topics, type RetryParkedCommand } from '@cde/contracts';
import {
  commandsTopicSpec,
  createKafka,
  ensureTopics,
  eventsTopicSpec,
  feedDeadLetterTopicSpec,
  feedTopicSpec,
  KafkaBatchTransport,
  kafkaAccessFailureOf,
  kafkaClientEnvSchema,
  kafkaConnectionConfigFrom,
  KafkaPublisher,
  prepareTopicsOn,
  serviceDeadLetterTopicSpec,
  type KafkaSaslMechanism,
} from '@cde/platform/kafka';
import {
  generatePassword,
  startSaslBroker,
  uniqueName,
  type SaslBroker,
  type ScramMechanism,
} from '@cde/testing/runtime';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  type Admin,
  type Kafka,
} from 'kafkajs';
import pino, { type Logger } from 'pino';
import { aclBindingsOf, kafkaPrincipals } from './acls';

/**
 * Kafka security against a real broker: a single-node broker of this test's own (the runtime's Kafka jars, a
 * SASL_PLAINTEXT listener with SCRAM, the StandardAuthorizer), SCRAM users for every principal of acls.ts with
 * passwords made up now, and the ACLs of acls.ts (what the KafkaUsers of deploy/k8s are generated from) applied.
 * Every client is built as the apps build theirs: `CDE_KAFKA_*` through the config schema, then `createKafka`.
 */
const MECHANISMS: readonly ScramMechanism[] = ['SCRAM-SHA-512', 'SCRAM-SHA-256'];
const principals = kafkaPrincipals();
const passwords = new Map(principals.map((p) => [p.user, generatePassword()]));

const FEED = Topics.feed('products');
const FEED_DLT = Topics.feedDeadLetter('products');

let broker: SaslBroker;
let admin: Admin;

function capturingLogger(): { logger: Logger; lines: Record<string, unknown>[]; text: () => string } {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done): void {
      raw.push(chunk.toString());
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines, text: () => raw.join('') };
}

/** A Kafka client of `user` from the variables alone, as every app makes its one client. */
function clientOf(
  user: string,
  options: { mechanism?: KafkaSaslMechanism; password?: string; logger?: Logger } = {},
): Kafka {
  const env = kafkaClientEnvSchema.parse({
    CDE_KAFKA_BROKERS: broker.brokers.join(','),
    CDE_KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
    CDE_KAFKA_SASL_MECHANISM: options.mechanism ?? 'SCRAM-SHA-512',
    CDE_KAFKA_SASL_USERNAME: user,
    CDE_KAFKA_SASL_PASSWORD: options.password ?? passwords.get(user),
    CDE_KAFKA_ENSURE_TOPICS: '0',
  });
  const config = kafkaConnectionConfigFrom(env);
  return createKafka({
    brokers: config.brokers,
    clientId: user,
    logger: options.logger ?? pino({ level: 'silent' }),
    security: config.security,
  });
}

/** Publishes one JSON message as `user` with our publisher; resolves to the error if Kafka refused it. */
async function publishAs(
  user: string,
  to: string,
  value: unknown = { probe: true },
  key: string = randomUUID(),
): Promise<unknown> {
  const publisher = new KafkaPublisher(clientOf(user));
  try {
    await publisher.connect();
    await publisher.publish(topic<unknown>(to), [{ key, value }]);
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await publisher.disconnect().catch(() => undefined);
  }
}

/**
 * Reads `from` as `user` in consumer group `groupId` until a message with `key` arrives or `timeoutMs` passes.
 * Resolves to the value seen, or to the error a crash of the consumer gave.
 */
async function consumeAs(
  user: string,
  groupId: string,
  from: string,
  key: string,
  timeoutMs: number,
  mechanism: KafkaSaslMechanism = 'SCRAM-SHA-512',
): Promise<{ value?: string; error?: unknown }> {
  const consumer = clientOf(user, { mechanism }).consumer({
    groupId,
    sessionTimeout: 10_000,
    retry: { retries: 2 },
  });
  let settle!: (outcome: { value?: string; error?: unknown }) => void;
  const outcome = new Promise<{ value?: string; error?: unknown }>((resolve) => (settle = resolve));
  const timer = setTimeout(
    () => settle({ error: new Error(`nothing with key ${key} within ${timeoutMs} ms`) }),
    timeoutMs,
  );
  // A crash the consumer restarts from (a retriable error, such as a group coordinator still loading on the new
  // broker) is not the outcome; a refusal (an ACL denial) is not retriable and ends the read at once.
  consumer.on(consumer.events.CRASH, (event) => {
    if (!event.payload.restart) settle({ error: event.payload.error });
  });
  try {
    await consumer.connect();
    await consumer.subscribe({ topic: from, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        if (message.key?.toString() === key) settle({ value: message.value?.toString() });
        return Promise.resolve();
      },
    });
    return await outcome;
  } catch (error) {
    return { error };
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
  }
}

beforeAll(async () => {
  broker = await startSaslBroker({
    users: principals.map((p) => ({ name: p.user, password: passwords.get(p.user)! })),
    mechanisms: MECHANISMS,
  });
  process.stdout.write(`SASL test broker ready in ${broker.startedInMs} ms (format and start)\n`);
  admin = clientOf(broker.superUser.name, { password: broker.superUser.password }).admin();
  await admin.connect();
  await ensureTopics(admin, [
    commandsTopicSpec(),
    eventsTopicSpec(),
    feedTopicSpec('products'),
    feedDeadLetterTopicSpec('products'),
    serviceDeadLetterTopicSpec('products-feed'),
  ]);
  await admin.createAcls({ acl: principals.flatMap(aclBindingsOf) });
  // The controller applies them through the metadata log: wait (bounded) until the broker holds them all.
  const wanted = new Set(principals.flatMap(aclBindingsOf).map(bindingKey)).size;
  const deadline = Date.now() + 60_000;
  while ((await heldBindings()).length < wanted) {
    if (Date.now() > deadline) throw new Error('the broker did not apply the ACLs within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}, 180_000);

const bindingKey = (b: {
  resourceType: number;
  resourceName: string;
  resourcePatternType: number;
  principal: string;
  operation: number;
}) => [b.resourceType, b.resourceName, b.resourcePatternType, b.principal, b.operation].join(' ');

/** Every ACL binding the broker holds. */
async function heldBindings(): Promise<string[]> {
  const described = await admin.describeAcls({
    resourceType: AclResourceTypes.ANY,
    resourcePatternType: ResourcePatternTypes.ANY,
    operation: AclOperationTypes.ANY,
    permissionType: AclPermissionTypes.ANY,
  });
  return described.resources.flatMap((r) => r.acls.map((a) => bindingKey({ ...r, ...a })));
}

afterAll(async () => {
  await admin?.disconnect();
  await broker?.stop();
}, 60_000);

describe('Kafka security against a SASL (SCRAM) listener with the ACLs of acls.ts', () => {
  it('holds exactly the ACL bindings acls.ts gives every principal', async () => {
    const wanted = new Set(principals.flatMap(aclBindingsOf).map(bindingKey));
    expect((await heldBindings()).sort()).toEqual([...wanted].sort());
  });

  it.each(MECHANISMS)(
    '%s: a feed service publishes its feed, the exporter consumes it in its group, both configured by CDE_KAFKA_* alone',
    async (mechanism) => {
      const key = `probe-${mechanism}-${randomUUID()}`;
      const publisher = new KafkaPublisher(clientOf('products-feed', { mechanism }));
      await publisher.connect();
      await publisher.publish(topic<unknown>(FEED), [{ key, value: { mechanism } }]);
      await publisher.disconnect();

      const read = await consumeAs('exporter', uniqueName('exporter'), FEED, key, 60_000, mechanism);
      expect(read.error).toBeUndefined();
      expect(JSON.parse(read.value ?? 'null')).toEqual({ mechanism });
    },
  );

  it('the operator writes cde.commands; a feed service reads them in its own group and checks its topics', async () => {
    const command: RetryParkedCommand = {
      type: 'retry-parked',
      feed: 'products',
      commandId: randomUUID(),
      requestedAt: new Date().toISOString(),
      requestedBy: 'test',
    };
    const operator = new KafkaPublisher(clientOf('cde-operator'));
    await operator.connect();
    await operator.publish(Topics.commands, [{ key: command.commandId, value: command }]);
    await operator.disconnect();

    const read = await consumeAs(
      'products-feed',
      uniqueName('products-feed'),
      Topics.commands,
      command.commandId,
      60_000,
    );
    expect(read.error).toBeUndefined();
    expect(JSON.parse(read.value ?? 'null')).toEqual(command);

    // With CDE_KAFKA_ENSURE_TOPICS=0 (production) a service only describes its topics: the ACLs allow that.
    const checked = await prepareTopicsOn(clientOf('products-feed'), false, [
      feedTopicSpec('products'),
      feedDeadLetterTopicSpec('products'),
      serviceDeadLetterTopicSpec('products-feed'),
      commandsTopicSpec(),
      eventsTopicSpec(),
    ]);
    expect(checked.drift).toEqual([]);
  });

  it('only the operator writes cde.commands, only the exporter the feed dead letters', async () => {
    const denied = async (user: string, to: string) => {
      const error = await publishAs(user, to);
      expect(error).toBeDefined();
      const access = kafkaAccessFailureOf(error);
      expect(access?.code).toBe(KafkaTransportCode.NotAuthorized);
      expect(access?.reason).toMatch(/^TOPIC_AUTHORIZATION_FAILED/);
    };
    await denied('products-feed', Topics.commands);
    await denied('exporter', Topics.commands);
    await denied('products-feed', FEED_DLT);
    await denied('prices-feed', FEED);
    await denied('cde-operator', FEED);

    expect(await publishAs('exporter', FEED_DLT)).toBeUndefined();
    expect(await publishAs('products-feed', Topics.serviceDeadLetter('products-feed'))).toBeUndefined();
    expect(await publishAs('products-feed', Topics.events)).toBeUndefined();
  });

  it('a principal joins only its own consumer groups', async () => {
    const key = randomUUID();
    expect(await publishAs('cde-operator', Topics.commands, { key }, key)).toBeUndefined();
    const foreign = await consumeAs('products-feed', uniqueName('exporter'), Topics.commands, key, 60_000);
    // The broker denies FindCoordinator for the group (GROUP_AUTHORIZATION_FAILED); kafkajs 2.2.4 drops that answer
    // and reports the coordinator as not found, so the consumer crashes without joining.
    expect(foreign.value).toBeUndefined();
    expect((foreign.error as Error | undefined)?.name).toBe('KafkaJSGroupCoordinatorNotFound');
    // The same principal in a group of its own reads the message.
    const own = await consumeAs('products-feed', uniqueName('products-feed'), Topics.commands, key, 60_000);
    expect(own.error).toBeUndefined();
    expect(JSON.parse(own.value ?? 'null')).toEqual({ key });
  });

  it('refuses a wrong password or an unknown user with CDE11-14, in the error, the client log and the transport', async () => {
    const wrong = generatePassword();
    for (const [user, password] of [
      ['products-feed', wrong],
      ['no-such-user', wrong],
    ] as const) {
      const { logger, lines, text } = capturingLogger();
      const client = clientOf(user, { password, logger });
      const probe = client.admin();
      const error = await probe.connect().then(
        () => undefined,
        (e: unknown) => e,
      );
      await probe.disconnect().catch(() => undefined);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe('KafkaJSSASLAuthenticationError');
      expect((error as Error).message).toMatch(/authentication failed.*invalid credentials/i);
      expect(kafkaAccessFailureOf(error)?.code).toBe(KafkaTransportCode.AuthenticationFailed);
      expect(lines).toContainEqual(
        expect.objectContaining({ level: 50, code: KafkaTransportCode.AuthenticationFailed }),
      );

      // A service's start: the transport connects first and says why it cannot.
      const exit = jest.fn();
      const transport = new KafkaBatchTransport({
        kafka: client,
        service: 'products-feed',
        logger,
        exit,
        ensureTopics: false,
      });
      transport.addHandler(FEED, () => Promise.resolve(undefined), true);
      const failed = await new Promise<unknown>((resolve) => transport.listen((e?: unknown) => resolve(e)));
      expect(kafkaAccessFailureOf(failed)?.code).toBe(KafkaTransportCode.AuthenticationFailed);
      expect(lines).toContainEqual(
        expect.objectContaining({
          code: KafkaTransportCode.AuthenticationFailed,
          msg: expect.stringMatching(
            /^Kafka transport failed to start: SASL SCRAM SHA512 authentication failed/,
          ) as string,
        }),
      );
      expect(exit).not.toHaveBeenCalled();
      // Passwords never reach a log.
      for (const secret of [password, ...passwords.values()]) expect(text()).not.toContain(secret);
    }
  });
});
