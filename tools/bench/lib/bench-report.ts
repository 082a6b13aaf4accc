import { mkdirSync, writeFileSync } from 'node:fs';
import { hostname, cpus, totalmem } from 'node:os';
import path from 'node:path';

/** One row of a benchmark's table: a name and its figures (numbers are formatted, strings shown as they are). */
export interface BenchRow {
  readonly name: string;
  readonly figures: Readonly<Record<string, number | string>>;
}

/**
 * What a benchmark measured: a table of rows, the ratios it is judged by (printed last, on one line, so a script or
 * a reader finds them), and where it was run. Saved as JSON and as an SVG bar chart of one chosen figure under
 * `bench-results/` (ignored by git).
 */
export class BenchReport {
  private readonly rows: BenchRow[] = [];
  private readonly ratios: Record<string, number> = {};
  private readonly notes: string[] = [];
  private readonly startedAt = new Date();

  constructor(
    readonly scenario: string,
    readonly profile: string,
  ) {}

  row(name: string, figures: Readonly<Record<string, number | string>>): void {
    this.rows.push({ name, figures });
  }

  ratio(name: string, value: number): void {
    this.ratios[name] = value;
  }

  note(line: string): void {
    this.notes.push(line);
  }

  /** The table, the notes, then `ratios: a=0.52 b=0.31` as the last line. */
  print(out: (line: string) => void = (line) => void process.stdout.write(`${line}\n`)): void {
    out(
      `bench ${this.scenario} (${this.profile}) on ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`,
    );
    const columns = [...new Set(this.rows.flatMap((r) => Object.keys(r.figures)))];
    const width = Math.max(8, ...this.rows.map((r) => r.name.length));
    const cell = (c: string) => Math.max(14, c.length + 2);
    out(`  ${''.padEnd(width)}  ${columns.map((c) => c.padStart(cell(c))).join('')}`);
    for (const r of this.rows)
      out(
        `  ${r.name.padEnd(width)}  ${columns.map((c) => format(r.figures[c]).padStart(cell(c))).join('')}`,
      );
    for (const n of this.notes) out(`  ${n}`);
    out(
      `ratios: ${Object.entries(this.ratios)
        .map(([k, v]) => `${k}=${v.toPrecision(3)}`)
        .join(' ')}`,
    );
  }

  /**
   * Writes `<scenario>-<profile>-<time>.json` and `.svg` (bars of `chartFigure` per row) into `dir`:
   * `CDE_BENCH_RESULTS`, else `bench-results/`.
   */
  save(chartFigure?: string, dir = process.env['CDE_BENCH_RESULTS'] ?? 'bench-results'): string {
    mkdirSync(dir, { recursive: true });
    const stamp = this.startedAt.toISOString().replace(/[:.]/g, '-');
    const base = path.join(
      dir,
      `${this.scenario}-${this.profile}-${stamp}`.replace(/[^A-Za-z0-9._-]+/g, '-'),
    );
    writeFileSync(
      `${base}.json`,
      `${JSON.stringify(
        {
          scenario: this.scenario,
          profile: this.profile,
          startedAt: this.startedAt.toISOString(),
          machine: { host: hostname(), cores: cpus().length, memoryBytes: totalmem(), node: process.version },
          rows: this.rows,
          ratios: this.ratios,
          notes: this.notes,
        },
        null,
        2,
      )}\n`,
    );
    if (chartFigure)
      writeFileSync(`${base}.svg`, barChart(this.rows, chartFigure, `${this.scenario} (${this.profile})`));
    return base;
  }
}

function format(value: number | string | undefined): string {
  if (value === undefined) return '-';
  if (typeof value === 'string') return value;
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2);
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);
}

/** A horizontal bar chart of one figure per row, as a standalone SVG. */
export function barChart(rows: readonly BenchRow[], figure: string, title: string): string {
  const values = rows.map((r) => ({ name: r.name, value: Number(r.figures[figure] ?? 0) }));
  const max = Math.max(1, ...values.map((v) => v.value));
  const barHeight = 22;
  const labelWidth = 180;
  const chartWidth = 420;
  const height = 40 + values.length * (barHeight + 6);
  const bars = values
    .map((v, i) => {
      const y = 30 + i * (barHeight + 6);
      const w = Math.max(1, Math.round((v.value / max) * chartWidth));
      return (
        `<text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end">${escapeXml(v.name)}</text>` +
        `<rect x="${labelWidth}" y="${y}" width="${w}" height="${barHeight}" fill="#4a7bd0"/>` +
        `<text x="${labelWidth + w + 4}" y="${y + 15}">${escapeXml(format(v.value))}</text>`
      );
    })
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${labelWidth + chartWidth + 120}" height="${height}" ` +
    `font-family="sans-serif" font-size="12"><text x="8" y="18" font-weight="bold">${escapeXml(`${title}: ${figure}`)}</text>` +
    `${bars}</svg>\n`
  );
}
