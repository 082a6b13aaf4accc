import { eventually } from './pipeline-harness';
import { productsPipeline, ProductsScenario, seconds } from './products-scenario';

const RENAMES = 100;

/** How the receiver is down: the fault switches that make it so, and the answer the exporter gets meanwhile. */
interface OutageKind {
  readonly name: '503' | 'hang' | '401';
  readonly what: string;
  readonly on: Readonly<Record<string, unknown>>;
  readonly off: Readonly<Record<string, unknown>>;
  /** The status the receiver's request log records for a refused request (499: the client gave up waiting). */
  readonly answer: number;
}

const KINDS: readonly OutageKind[] = [
  {
    name: '503',
    what: 'answers 503 to everything',
    on: { errorRate: 1 },
    off: { errorRate: 0 },
    answer: 503,
  },
  {
    name: 'hang',
    what: 'holds every request past the exporter timeout',
    on: { hang: true },
    off: { hang: false },
    answer: 499,
  },
  { name: '401', what: 'refuses the key', on: { refuseKey: true }, off: { refuseKey: false }, answer: 401 },
];

/**
 * A hung receiver answers nothing until the exporter's request timeout (30 s, two requests in flight), so its
 * circuit opens only after the breaker's five failures, about 75–90 s in: a shorter hang would test nothing.
 */
const MIN_HANG_MS = 180_000;

/**
 * An outage's length: 10 minutes unless `CDE_RELIABILITY_OUTAGE_MS_<KIND>` (e.g. `_HANG`) or, for every kind,
 * `CDE_RELIABILITY_OUTAGE_MS` says otherwise (a shorter rehearsal; a hang lasts at least MIN_HANG_MS).
 */
function outageMs(kind: OutageKind): number {
  const own = process.env[`CDE_RELIABILITY_OUTAGE_MS_${kind.name.toUpperCase()}`];
  const ms = Number(own ?? process.env['CDE_RELIABILITY_OUTAGE_MS'] ?? 600_000);
  return kind.name === 'hang' ? Math.max(ms, MIN_HANG_MS) : ms;
}

/**
 * Long receiver outages during changes (`./dev test reliability -- receiver-outage`, one kind: `-t hang`): the
 * receiver answers 503, hangs past the exporter's request timeout, or refuses the key, for the kind's outage length
 * while 100 products are renamed, spread over the outage. Nothing is accepted meanwhile; the exporter's circuit
 * opens and probes. After the receiver heals it holds exactly what SQL says (I1), with nothing parked or waiting for
 * a retry (I5), within the backlog's time at the allowed rate (I4). The kinds share one pipeline and run in order.
 */
describe('receiver outage during changes (reliability)', () => {
  const pipeline = productsPipeline();
  const scenario = new ProductsScenario(pipeline);

  beforeAll(() => scenario.start());
  afterAll(() => scenario.finish());

  it.each(KINDS.map((kind, i) => ({ ...kind, index: i, ms: outageMs(kind) })))(
    `ends an outage where the receiver $what ($ms ms) during ${RENAMES} renames with every change delivered and nothing parked`,
    async (kind) => {
      const rows = await scenario.nameRows(RENAMES, kind.index * RENAMES);
      const fromLine = pipeline.exporter.lines.length;
      const outageAt = new Date();
      await pipeline.setFaults(kind.on);
      try {
        // The renames are spread over the outage (fault schedule, not a proof): half of it, then it goes on.
        await scenario.rename(rows, `outage ${kind.name}`, kind.ms / 2 / rows.length);
        const opened = await eventually(
          () => Promise.resolve(pipeline.exporter.lines.slice(fromLine).some((l) => l.includes('CDE02-16'))),
          kind.ms,
        );
        expect(opened).toBe(true);
        const left = outageAt.getTime() + kind.ms - Date.now();
        if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
        // Down means down: nothing got in, the exporter met the kind's answer, and nothing was given up on.
        expect(await pipeline.receivedSince('products', outageAt)).toEqual([]);
        const answers = (await pipeline.requestsSince('products', outageAt)).map((r) => r.status);
        expect(answers.length).toBeGreaterThan(0);
        expect(answers.filter((s) => s !== kind.answer)).toEqual([]);
        expect(await pipeline.parkedOrRetrying('products')).toBe(0);
      } finally {
        await pipeline.setFaults(kind.off);
      }
      const healedAt = Date.now();
      await scenario.expectOracleAndNothingOpen(300_000);
      const convergedMs = Date.now() - healedAt;
      const lines = pipeline.exporter.lines.slice(fromLine);
      const probes = lines.filter((l) => l.includes('the probe failed')).length;
      const refused = (await pipeline.requestsSince('products', outageAt)).filter(
        (r) => r.status === kind.answer,
      ).length;
      process.stdout.write(
        `receiver outage (${kind.name}): ${rows.length} renames over ${seconds(healedAt - outageAt.getTime())} down, ` +
          `${refused} requests answered ${kind.answer}, ${probes} failed probes, converged ${seconds(convergedMs)} ` +
          `after healing, 0 parked\n`,
      );
    },
  );
});
