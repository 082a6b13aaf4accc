import { restartRuntimePart, type RuntimePart } from '@cde/testing/runtime';
import { productsPipeline, ProductsScenario, seconds } from './products-scenario';

const RENAMES = 100;

/** One part of the runtime taken down in a burst of renames and brought back as `./dev` starts it. */
interface PartFault {
  readonly part: RuntimePart;
  readonly what: string;
  /** kill -9 of its process group; else SIGTERM and a clean stop. */
  readonly kill: boolean;
  /** Whether the shop keeps writing while the part is down (not when the part is the shop's own database). */
  readonly writesWhileDown: boolean;
}

const FAULTS: readonly PartFault[] = [
  { part: 'kafka', what: 'kill -9 of the Kafka broker', kill: true, writesWhileDown: true },
  {
    part: 'connect',
    what: 'kill -9 of Kafka Connect (the Debezium worker)',
    kill: true,
    writesWhileDown: true,
  },
  { part: 'mariadb', what: 'a stop and start of the Commerce MariaDB', kill: false, writesWhileDown: false },
];

/**
 * Faults of the runtime under the pipeline (`./dev test reliability -- infrastructure-faults`, one part: `-t kafka`):
 * the broker and the Connect worker killed with kill -9, the Commerce MariaDB (which also holds the feed state and
 * the receiver's database) stopped, each while a burst of renames is on its way to a slow receiver, then started
 * again by `./dev restart`, with a second burst of renames while it is down (or, for MariaDB, as soon as it is
 * back). After each, the receiver holds exactly what SQL says (I1) and nothing is parked or waiting for a retry (I5).
 * The faults share one pipeline and run in order; each starts from a settled feed.
 */
describe('infrastructure faults (reliability)', () => {
  // Small export batches to a receiver taking 1 request/s, each held 300 ms: a burst is on its way for many seconds.
  const pipeline = productsPipeline(20);
  const scenario = new ProductsScenario(pipeline);
  const slowReceiver = { rateLimit: 1, latencyMs: 300 };

  beforeAll(() => scenario.start());
  afterAll(() => scenario.finish());

  it.each(FAULTS.map((fault, i) => ({ ...fault, index: i })))(
    `delivers every rename across $what ($part)`,
    async (fault) => {
      const started = Date.now();
      const rows = await scenario.nameRows(RENAMES, fault.index * RENAMES);
      await pipeline.setFaults(slowReceiver);
      const burstAt = new Date();
      await scenario.rename(rows, `before ${fault.part}`);
      // The part goes down once the receiver accepted part of the burst: the rest is on its way somewhere.
      const arrived = await scenario.arrivedSince(burstAt, 180_000);
      // The second burst, spread over about ten seconds, while the part is down and coming back.
      const [{ tookMs }] = await Promise.all([
        restartRuntimePart(fault.part, { kill: fault.kill }),
        fault.writesWhileDown ? scenario.rename(rows, `during ${fault.part}`, 100) : undefined,
      ]);
      const backAt = Date.now();
      if (!fault.writesWhileDown) {
        await pipeline.reconnectShop();
        await scenario.rename(rows, `after ${fault.part}`);
      }
      await pipeline.setFaults({ rateLimit: null, latencyMs: 0 });
      await scenario.expectOracleAndNothingOpen(420_000);
      const items = (await pipeline.receivedSince('products', burstAt)).length;
      // Every process of the pipeline lived through it: the services reconnected on their own.
      expect(
        pipeline.services.filter((s) => s.child.exitCode !== null || s.child.signalCode !== null),
      ).toEqual([]);
      process.stdout.write(
        `infrastructure faults (${fault.part}): ${rows.length} products renamed twice (${items} items), ` +
          `${arrived} at the receiver when it went down, down and back in ${seconds(tookMs)}, converged ` +
          `${seconds(Date.now() - backAt)} after it was back (scenario ${seconds(Date.now() - started)}), 0 parked\n`,
      );
    },
  );
});
