import { request } from 'undici';
import type { Kafka, Producer } from 'kafkajs';
import { CdcCode, KafkaTransportCode, Topics } from '@cde/contracts';
import { collectMessages, testKafka, type ServiceProcess } from '@cde/testing/runtime';
import { runCde } from './cde-cli';
import { OtlpCollector, SpanKinds, type CollectedSpan } from './otlp-collector';
import { assignedTopics, eventually, Pipeline } from './pipeline-harness';
import { ProductsScenario, seconds, type NameRow } from './products-scenario';
import { staleRefusals, watchVersions } from './receiver-versions';

/** The change topic that carries a product's name: whoever holds it syncs the renames. */
const NAME_TOPIC = 'commerce.magento.catalog_product_entity_varchar';
/** The feed service's dead-letter topic, shared by every products-feed of the runtime. */
const DEAD_LETTERS = Topics.serviceDeadLetter('products-feed');
/** The transport's defaults (transport-settings.ts): handler timeout 5 min, rebalance timeout 30 s more. */
const REBALANCE_TIMEOUT_MS = 5 * 60_000 + 30_000;
/** A change of membership must have settled (every member rejoined, no partition held twice) within this. */
const MEMBERSHIP_TIMEOUT_MS = 240_000;

/** One change of the group's membership, done and then waited for. */
type Membership = 'join' | 'sigterm' | 'kill';

/**
 * Faults of the change stream itself (`./dev test reliability -- change-stream-faults`): a storm of rebalances of
 * the products feed's consumer group in a stream of renames (replicas started, stopped with SIGTERM and killed with
 * kill -9, six times), then malformed change events (not JSON, not an envelope, a Connect envelope with schemas)
 * and duplicated, out-of-order replays of a real rename on a real CDC topic. After each, the receiver holds exactly
 * what SQL says (I1), no item's version went back there (I2), nothing is parked or retrying (I5); the malformed
 * events are dead-lettered with their code, counted, listed by `cde poison list` and dead-lettered again by
 * `cde poison replay`. The scenarios share one pipeline and run in order; each starts from a settled feed.
 */
describe('change stream faults (reliability)', () => {
  // Every process of the feed service exports its spans: a consumer span per handled batch, with its offsets and
  // its duration, is how redone batches and handler durations are counted across replicas (a killed one's up to
  // its last export).
  const collector = new OtlpCollector();
  let pipeline: Pipeline;
  let scenario: ProductsScenario;
  let kafka: Kafka;
  let producer: Producer;

  const report = (line: string): void => {
    process.stdout.write(`change stream faults: ${line}\n`);
  };

  beforeAll(async () => {
    const endpoint = await collector.start();
    pipeline = new Pipeline({
      feedService: 'products-feed',
      feeds: ['products'],
      feedServiceEnv: {
        CDE_FEEDS: 'products',
        OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      },
      // Small export batches: a stream of renames is many requests, some in flight at every change of membership.
      exporterEnv: { CDE_EXPORT_BATCH_SIZES: 'products=20' },
    });
    scenario = new ProductsScenario(pipeline);
    kafka = testKafka('cde-change-stream-faults');
    producer = kafka.producer();
    await producer.connect();
    await scenario.start();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await scenario?.finish();
    await collector.stop();
  });

  /** Joins of the consumer group each replica logged so far. */
  const joinsOf = (replicas: readonly ServiceProcess[]): Map<ServiceProcess, number> =>
    new Map(replicas.map((s) => [s, s.lines.filter((l) => l.includes('joined the consumer group')).length]));

  /** The partitions a replica holds since its latest join (`topic/partition`), from its log of the assignment. */
  const heldPartitions = (replica: ServiceProcess): string[] => {
    const joined = replica.lines.filter((l) => l.includes('joined the consumer group')).at(-1);
    const { assignment } = JSON.parse(joined ?? '{}') as { assignment?: Record<string, number[]> };
    return Object.entries(assignment ?? {}).flatMap(([topic, partitions]) =>
      partitions.map((p) => `${topic}/${p}`),
    );
  };

  /**
   * Waits until every running replica joined the group again since `before` (a new one: at all), no partition is
   * held twice and the names' topic is held: the rebalance is over. Fails with the claims otherwise.
   */
  const rebalanced = async (before: Map<ServiceProcess, number>): Promise<void> => {
    let claims = new Map<string, number>();
    const settled = await eventually(
      () => {
        const replicas = pipeline.feedServiceReplicas;
        const allRejoined = replicas.every((s) => joinsOf([s]).get(s)! > (before.get(s) ?? 0));
        claims = new Map<string, number>();
        for (const s of replicas)
          for (const partition of heldPartitions(s)) claims.set(partition, (claims.get(partition) ?? 0) + 1);
        const names = replicas.filter((s) => assignedTopics(s).includes(NAME_TOPIC)).length;
        return Promise.resolve(allRejoined && names === 1 && [...claims.values()].every((n) => n === 1));
      },
      MEMBERSHIP_TIMEOUT_MS,
      250,
    );
    if (!settled)
      throw new Error(
        `the group did not settle within ${MEMBERSHIP_TIMEOUT_MS} ms: ${pipeline.feedServiceReplicas.length} ` +
          `replicas, partition claims ${JSON.stringify(Object.fromEntries(claims))}`,
      );
  };

  /** The one running replica whose latest assignment holds the names' topic. */
  const nameHolder = (): ServiceProcess => {
    const holders = pipeline.feedServiceReplicas.filter((s) => assignedTopics(s).includes(NAME_TOPIC));
    if (holders.length !== 1 || holders[0] === undefined)
      throw new Error(`no single replica holds ${NAME_TOPIC}: ${holders.length} claim it`);
    return holders[0];
  };

  /** One change of membership, bounded, waited for on the group's own signal; returns how long it took. */
  const changeMembership = async (change: Membership): Promise<number> => {
    const started = Date.now();
    if (change === 'join') {
      const before = joinsOf(pipeline.feedServiceReplicas);
      await pipeline.addFeedServiceReplica();
      await rebalanced(before);
    } else {
      const leaving = nameHolder();
      const before = joinsOf(pipeline.feedServiceReplicas.filter((s) => s !== leaving));
      if (change === 'kill') await leaving.kill();
      else {
        // Nest re-raises the signal once it closed everything: a clean stop ends by SIGTERM, its transport closed.
        await leaving.stop();
        expect(leaving.lines.filter((l) => l.includes('Kafka transport closed'))).toHaveLength(1);
      }
      // After a kill -9 the group notices at the session timeout (30 s): the survivors' rejoin is the signal.
      await rebalanced(before);
    }
    return Date.now() - started;
  };

  /**
   * Renames `rows` round after round, `spacingMs` apart, until stopped (at most `maxRounds` rounds); the name of
   * each round is newer than the last, so the last one written is the one that must win.
   */
  const renameStream = (
    rows: readonly NameRow[],
    spacingMs: number,
    maxRounds: number,
  ): { stop: () => Promise<{ changes: number; rounds: number }> } => {
    let running = true;
    let changes = 0;
    let rounds = 0;
    const loop = (async () => {
      while (running && rounds < maxRounds) {
        rounds++;
        for (const row of rows) {
          if (!running) break;
          await pipeline.shop.query(
            'UPDATE catalog_product_entity_varchar SET value = ? WHERE value_id = ?',
            [`${row.original} (storm ${rounds})`, row.valueId],
          );
          changes++;
          await new Promise((resolve) => setTimeout(resolve, spacingMs));
        }
      }
    })();
    return {
      stop: async () => {
        running = false;
        await loop;
        return { changes, rounds };
      },
    };
  };

  /** The products feed's consumer spans of change batches since `since`: one per handler run, with its offsets. */
  const changeBatchSpans = (since: number): CollectedSpan[] =>
    collector.spans.filter(
      (s) =>
        s.service === 'products-feed' &&
        s.kind === SpanKinds.consumer &&
        String(s.attributes['messaging.destination.name']).startsWith('commerce.') &&
        s.startMs >= since,
    );

  /**
   * Handler runs over offsets a finished run had already handled (a batch redone after a rebalance, or retried),
   * per partition in the order they started; and the longest run.
   */
  const redoneBatches = (spans: readonly CollectedSpan[]): { redone: number; longestMs: number } => {
    const byPartition = new Map<string, CollectedSpan[]>();
    for (const s of spans) {
      const topic = String(s.attributes['messaging.destination.name']);
      const key = `${topic}/${String(s.attributes['messaging.destination.partition.id'])}`;
      byPartition.set(key, [...(byPartition.get(key) ?? []), s]);
    }
    let redone = 0;
    for (const list of byPartition.values()) {
      let handledTo = -1;
      for (const s of [...list].sort((a, b) => a.startMs - b.startMs)) {
        const first = Number(s.attributes['messaging.kafka.offset']);
        const last = Number(s.attributes['cde.kafka.last_offset']);
        if (first <= handledTo) redone++;
        handledTo = Math.max(handledTo, last);
      }
    }
    return { redone, longestMs: Math.max(0, ...spans.map((s) => s.endMs - s.startMs)) };
  };

  it('loses no rename and never goes back in a storm of rebalances', async () => {
    const started = Date.now();
    const staleBefore = await staleRefusals(pipeline);
    const rows = await scenario.nameRows(100, 0);
    const watch = watchVersions(pipeline);
    const timings: string[] = [];
    let wentBack: string[] = [];
    let made = { changes: 0, rounds: 0 };
    let lastChangeAt = 0;
    try {
      // Renames all along the storm: 100 products, one every 50 ms, round after round.
      const stream = renameStream(rows, 50, 200);
      try {
        // Up to three replicas, two SIGTERMs and two kill -9s: six rebalances, each the replica syncing the names.
        const storm: Membership[] = ['join', 'join', 'kill', 'sigterm', 'join', 'kill'];
        for (const change of storm) {
          const took = await changeMembership(change);
          timings.push(`${change} ${seconds(took)} (${pipeline.feedServiceReplicas.length} left)`);
        }
        lastChangeAt = Date.now();
      } finally {
        made = await stream.stop();
      }
      await scenario.expectOracleAndNothingOpen(420_000);
      const convergedAfter = Date.now() - lastChangeAt;
      // Nothing hit the handler timeout (which would have ended a replica) and no handler ran as long as the
      // rebalance timeout, the time the group gives a member to finish its batch and rejoin.
      const fatal = pipeline.services
        .flatMap((s) => s.lines)
        .filter((l) => l.includes(`"code":"${KafkaTransportCode.HandlerTimeout}"`));
      expect(fatal).toEqual([]);
      const spans = changeBatchSpans(started);
      const { redone, longestMs } = redoneBatches(spans);
      expect(spans.length).toBeGreaterThan(0);
      expect(longestMs).toBeLessThan(REBALANCE_TIMEOUT_MS);
      report(
        `rebalance storm: ${made.changes} renames of ${rows.length} products (${made.rounds} rounds) over 6 ` +
          `membership changes [${timings.join(', ')}], converged ${seconds(convergedAfter)} after the last; ` +
          `${spans.length} change batches handled, ${redone} over offsets already handled, longest ` +
          `${seconds(longestMs)}; ${(await staleRefusals(pipeline)) - staleBefore} stale refusals ` +
          `(scenario ${seconds(Date.now() - started)}), 0 parked`,
      );
    } finally {
      wentBack = await watch.stop();
    }
    expect(wentBack).toEqual([]);
  });

  /** The products feed's replicas' count of poison messages of the names' topic, from their `/metrics`. */
  const poisonCounted = async (): Promise<number> => {
    let total = 0;
    for (const s of pipeline.feedServiceReplicas) {
      const line = s.lines.find((l) => l.includes('metrics and health listening'));
      const { port } = JSON.parse(line ?? '{}') as { port?: number };
      if (port === undefined) throw new Error('a replica did not log its metrics port');
      const res = await request(`http://127.0.0.1:${port}/metrics`);
      const text = await res.body.text();
      const match = new RegExp(
        `^cde_feed_poison_messages_total\\{[^}]*topic="${NAME_TOPIC}"[^}]*\\} (\\d+)`,
        'm',
      ).exec(text);
      total += Number(match?.[1] ?? 0);
    }
    return total;
  };

  /** Waits until the feed's group committed past `offset` of the names' topic partition: it handled it. */
  const consumedPast = async (partition: number, offset: number): Promise<void> => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const done = await eventually(
        async () => {
          const [committed] = await admin.fetchOffsets({
            groupId: `${pipeline.tag}-feeds`,
            topics: [NAME_TOPIC],
          });
          const at = committed?.partitions.find((p) => p.partition === partition)?.offset;
          return at !== undefined && Number(at) > offset;
        },
        180_000,
        250,
      );
      if (!done) throw new Error(`the feed service did not consume ${NAME_TOPIC}[${partition}]@${offset}`);
    } finally {
      await admin.disconnect();
    }
  };

  /** Sends messages one by one to a partition of the names' topic; returns their offsets. */
  const produce = async (
    partition: number,
    messages: readonly { key: Buffer | string | null; value: Buffer | string | null }[],
  ): Promise<number[]> => {
    const offsets: number[] = [];
    for (const m of messages) {
      const [meta] = await producer.send({ topic: NAME_TOPIC, messages: [{ ...m, partition }], acks: -1 });
      offsets.push(Number(meta?.baseOffset));
    }
    return offsets;
  };

  /** The receiver's names of a product's items (one per store view). */
  const receivedNames = async (sku: string): Promise<string[]> =>
    (await pipeline.itemPage('products', { sku, limit: 100 })).items.map((i) => String(i['name']));

  interface PoisonListing {
    readonly count: number;
    readonly messages: {
      code: string;
      reason: string;
      sourceTopic: string;
      sourcePartition: number | null;
      sourceOffset: string;
      value: string | null;
    }[];
  }

  const poisonList = async (): Promise<PoisonListing> => {
    const run = await runCde(pipeline.cliEnv, [
      'poison',
      'list',
      DEAD_LETTERS,
      '--source',
      NAME_TOPIC,
      '--json',
    ]);
    expect([run.code, run.code === 0 ? '' : run.stderr]).toEqual([0, '']);
    return JSON.parse(run.stdout) as PoisonListing;
  };

  it('dead-letters malformed change events and shrugs off duplicated, out-of-order ones', async () => {
    const started = Date.now();
    const staleBefore = await staleRefusals(pipeline);
    const [row] = await scenario.nameRows(1, 200);
    if (row === undefined) throw new Error('no product to rename');
    const watch = watchVersions(pipeline);
    let wentBack: string[] = [];
    try {
      const named = (label: string): Promise<boolean> =>
        eventually(
          async () => {
            const names = await receivedNames(row.sku);
            return names.length > 0 && names.every((n) => n.endsWith(`(${label})`));
          },
          180_000,
          250,
        );

      // Two real renames of one product, each delivered; their change events are read back from the topic.
      await scenario.rename([row], 'dup 1');
      expect(await named('dup 1')).toBe(true);
      await scenario.rename([row], 'dup 2');
      expect(await named('dup 2')).toBe(true);
      await pipeline.waitSettled('products', 120_000);
      const eventOf = (label: string) => (m: { message: { value: Buffer | null } }) => {
        const after = (
          JSON.parse(m.message.value?.toString() ?? 'null') as { after?: Record<string, unknown> } | null
        )?.after;
        return after?.['value_id'] === row.valueId && after['value'] === `${row.original} (${label})`;
      };
      const seen = await collectMessages(kafka, {
        topic: NAME_TOPIC,
        until: (all) => all.some(eventOf('dup 1')) && all.some(eventOf('dup 2')),
        timeoutMs: 120_000,
      });
      const first = seen.find(eventOf('dup 1'));
      const second = seen.find(eventOf('dup 2'));
      if (!first || !second) throw new Error("the renames' change events are not on the topic");
      const partition = second.partition;
      const original = (m: typeof first) => ({ key: m.message.key, value: m.message.value });

      // (b) Duplicates: the older rename three times, the newer once, the older twice more.
      const replayedAt = new Date();
      const duplicates = [first, first, first, second, first, first].map(original);
      const dupOffsets = await produce(partition, duplicates);
      await consumedPast(partition, Math.max(...dupOffsets));
      await pipeline.waitSettled('products', 120_000);
      // Events are signals: the feed read the product again, found it unchanged and sent nothing (I3).
      expect(await receivedNames(row.sku)).toEqual(expect.arrayContaining([`${row.original} (dup 2)`]));
      expect((await receivedNames(row.sku)).every((n) => n === `${row.original} (dup 2)`)).toBe(true);
      const resent = (await pipeline.receivedSince('products', replayedAt)).filter(
        (i) => i['sku'] === row.sku,
      );
      expect(resent).toEqual([]);

      // (a) Malformed events on the same partition, keyed as Debezium keys the row, then a real rename after them.
      const key = JSON.stringify({ value_id: row.valueId });
      const envelope = JSON.parse(second.message.value?.toString() ?? '{}') as Record<string, unknown>;
      const withSchema = (payload: unknown): string =>
        JSON.stringify({ schema: { type: 'struct', optional: false, fields: [] }, payload });
      const malformed = [
        { what: 'not JSON', key, value: '{"before":{"value_id":', code: CdcCode.MalformedJson },
        {
          what: 'JSON without op or source',
          key,
          value: JSON.stringify({ value_id: row.valueId, value: 'no envelope' }),
          code: CdcCode.InvalidEnvelope,
        },
        {
          what: 'a Connect envelope with schemas (value)',
          key,
          value: withSchema(envelope),
          code: CdcCode.InvalidEnvelope,
        },
        {
          what: 'a Connect envelope with schemas (key and value)',
          key: withSchema({ value_id: row.valueId }),
          value: withSchema(envelope),
          code: CdcCode.InvalidKey,
        },
      ];
      const poisonBefore = await poisonCounted();
      const listedBefore = await poisonList();
      const malformedAt = Date.now();
      const badOffsets = await produce(
        partition,
        malformed.map(({ key: k, value }) => ({ key: k, value })),
      );
      await scenario.rename([row], 'dup 3');
      expect(await named('dup 3')).toBe(true);
      const partitionWentOn = Date.now() - malformedAt;
      await consumedPast(partition, Math.max(...badOffsets));

      // Each one dead-lettered with its code, in the log with its offset, and counted.
      const lines = pipeline.feedServiceReplicas.flatMap((s) => s.lines);
      for (const [i, m] of malformed.entries()) {
        const offset = String(badOffsets[i]);
        const deadLettered = lines.filter(
          (l) =>
            l.includes(`"code":"${KafkaTransportCode.DeadLettered}"`) &&
            l.includes(`"poisonCode":"${m.code}"`) &&
            l.includes(`"topic":"${NAME_TOPIC}"`) &&
            l.includes(`"offset":"${offset}"`),
        );
        expect({ what: m.what, deadLettered: deadLettered.length }).toEqual({
          what: m.what,
          deadLettered: 1,
        });
        expect(lines.some((l) => l.includes(`"code":"${m.code}"`) && l.includes(`offset ${offset})`))).toBe(
          true,
        );
      }
      expect(await poisonCounted()).toBe(poisonBefore + malformed.length);

      // `cde poison list` shows them with their codes and where they came from.
      const ours = (listing: PoisonListing, offsets: readonly number[]) =>
        listing.messages.filter(
          (e) => e.sourcePartition === partition && offsets.includes(Number(e.sourceOffset)),
        );
      const listed = await poisonList();
      expect(listed.count).toBe(listedBefore.count + malformed.length);
      expect(ours(listed, badOffsets).map((e) => e.code)).toEqual(malformed.map((m) => m.code));
      expect(listed.messages.every((e) => e.sourceTopic === NAME_TOPIC)).toBe(true);
      // A Connect envelope with schemas is named as such, with the converter setting that fixes it.
      expect(
        ours(listed, badOffsets.slice(2)).map((e) => /converter\.schemas\.enable=false/.test(e.reason)),
      ).toEqual([true, true]);

      // `cde poison replay` sends them back; still unreadable, they are dead-lettered again, and nothing else moves.
      const replayStarted = Date.now();
      const replay = await runCde(pipeline.cliEnv, [
        'poison',
        'replay',
        DEAD_LETTERS,
        '--source',
        NAME_TOPIC,
        '--json',
      ]);
      expect([replay.code, replay.code === 0 ? '' : replay.stderr]).toEqual([0, '']);
      const replayed = JSON.parse(replay.stdout) as { replayed: number; toTopics: Record<string, number> };
      expect(replayed).toMatchObject({ replayed: listed.count, toTopics: { [NAME_TOPIC]: listed.count } });
      let again: PoisonListing = listed;
      const deadLetteredAgain = await eventually(
        async () => (again = await poisonList()).count === listed.count * 2,
        180_000,
        1_000,
      );
      expect({ deadLetteredAgain, count: again.count }).toEqual({
        deadLetteredAgain: true,
        count: listed.count * 2,
      });
      const newEntries = again.messages.filter(
        (e) => !listed.messages.some((o) => o.sourceOffset === e.sourceOffset),
      );
      expect(newEntries.map((e) => e.code).sort()).toEqual(listed.messages.map((e) => e.code).sort());
      expect(newEntries.map((e) => e.value).sort()).toEqual(listed.messages.map((e) => e.value).sort());
      expect(await poisonCounted()).toBe(poisonBefore + malformed.length + listed.count);
      const replayDone = Date.now() - replayStarted;

      await scenario.expectOracleAndNothingOpen(300_000);
      expect((await receivedNames(row.sku)).every((n) => n === `${row.original} (dup 3)`)).toBe(true);
      report(
        `malformed and duplicates: ${duplicates.length} duplicated out-of-order events (0 items resent), ` +
          `${malformed.length} malformed events dead-lettered (${malformed.map((m) => m.code).join(', ')}), the next ` +
          `rename delivered ${seconds(partitionWentOn)} after them; cde poison list showed ${listed.count}, replay ` +
          `of ${replayed.replayed} dead-lettered again within ${seconds(replayDone)}; ` +
          `${(await staleRefusals(pipeline)) - staleBefore} stale refusals ` +
          `(scenario ${seconds(Date.now() - started)}), 0 parked`,
      );
    } finally {
      wentBack = await watch.stop();
    }
    expect(wentBack).toEqual([]);
  });
});
