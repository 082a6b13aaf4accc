/**
 * Checks of deploy/monitoring (`./dev test deploy`): the alert rules are a valid PrometheusRule (the Prometheus
 * operator's schema) with the alerts operators rely on; the Grafana dashboard matches the dashboard JSON model's
 * schema for what we use; every metric an expression names is one our code registers, and every expression is
 * balanced, so a renamed metric or a typo fails here instead of going silently blank.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '../..');
const MONITORING = path.join(ROOT, 'deploy/monitoring');

/** Source files of apps and libs (not tests), with their text. */
function sources(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const file = path.join(dir, entry);
      if (statSync(file).isDirectory()) {
        if (entry !== 'node_modules') walk(file);
      } else if (file.endsWith('.ts') && !file.includes('.spec.') && !file.includes('-spec.')) {
        out.push({ file: path.relative(ROOT, file), text: readFileSync(file, 'utf8') });
      }
    }
  };
  walk(path.join(ROOT, 'apps'));
  walk(path.join(ROOT, 'libs'));
  return out;
}

/**
 * Metric names our code registers (`name: 'cde_…'`, `perFeed('cde_…'`, `metrics.counter('cde_…'` and the like in
 * apps and libs), with a histogram's series suffixes.
 */
function registeredMetrics(): Set<string> {
  const names = new Set<string>();
  for (const { text } of sources())
    for (const m of text.matchAll(
      /(?:name: |perFeed\(\s*|\.(?:counter|gauge|histogram)\(\s*)'(cde_[a-z0-9_]+)'/g,
    )) {
      names.add(m[1]!);
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${m[1]}${suffix}`);
    }
  return names;
}

describe('metrics of the apps', () => {
  const code = sources();

  it('never label a series `service` (the Prometheus Operator sets it on every target)', () => {
    for (const { file, text } of code) {
      assert.doesNotMatch(text, /setDefaultLabels\(\{[^}]*\bservice\s*:/, `${file}: a default label service`);
      assert.doesNotMatch(text, /labelNames:\s*\[[^\]]*'service'/, `${file}: a label service`);
      assert.doesNotMatch(
        text,
        /\.(?:counter|gauge|histogram)\([^)]*\[[^\]]*'service'/,
        `${file}: a label service`,
      );
    }
  });

  it('collect process metrics one way, under one naming, in every app', () => {
    const direct = code.filter(
      (c) => /collectDefaultMetrics\(/.test(c.text) && !c.file.startsWith('libs/platform/observability/'),
    );
    assert.deepEqual(
      direct.map((c) => c.file),
      [],
      'process metrics come from collectProcessMetrics (@cde/platform/observability)',
    );
    const users = code.filter((c) => /collectProcessMetrics\(/.test(c.text)).map((c) => c.file);
    for (const app of ['feed-engine', 'export', 'commerce-services', 'admin'])
      assert.ok(
        users.some((f) => f.includes(`/${app}/`)),
        `${app} collects process metrics through collectProcessMetrics`,
      );
  });
});

/** The metric names a PromQL expression reads (ours start with `cde_`). */
function metricsOf(expr: string): string[] {
  return [...expr.matchAll(/\b(cde_[a-z0-9_]+)\b/g)].map((m) => m[1] ?? '');
}

function balanced(expr: string): boolean {
  const pairs: Record<string, string> = { ')': '(', '}': '{', ']': '[' };
  const stack: string[] = [];
  let quoted = false;
  for (const c of expr) {
    if (c === '"') quoted = !quoted;
    if (quoted) continue;
    if ('({['.includes(c)) stack.push(c);
    else if (c in pairs && stack.pop() !== pairs[c]) return false;
  }
  return stack.length === 0 && !quoted;
}

const metrics = registeredMetrics();

describe('deploy/monitoring/prometheus-rules.yaml', () => {
  const resource = parse(readFileSync(path.join(MONITORING, 'prometheus-rules.yaml'), 'utf8')) as {
    spec: { groups: { name: string; rules: Record<string, unknown>[] }[] };
  };
  const rules = resource.spec.groups.flatMap((g) => g.rules);

  it("is a valid PrometheusRule of the Prometheus operator's schema", async () => {
    const monitoring = await import('@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1');
    // The models' declared types omit `validate`, which every model has at run time.
    (new monitoring.PrometheusRule(resource) as unknown as { validate(): void }).validate();
  });

  it('alerts on the freshness SLO, parked items, poison events, binlog loss, lag, a connector down, schema errors and missing grants', () => {
    const alerts = rules.map((r) => r['alert']);
    for (const name of [
      'CdeFreshnessSloBreached',
      'CdeParkedItems',
      'CdePoisonEvents',
      'CdeBinlogLoss',
      'CdeBacklogGrowing',
      'CdeConnectorDown',
      'CdeSchemaMismatch',
      'CdeMissingGrant',
    ])
      assert.ok(alerts.includes(name), `missing alert ${name}`);
    assert.equal(new Set(alerts).size, alerts.length, 'alert names are unique');
  });

  it('gives every alert a severity, a summary and a description, and reads only metrics we export', () => {
    for (const rule of rules) {
      const expr = String(rule['expr']);
      const labels = rule['labels'] as Record<string, string> | undefined;
      const annotations = rule['annotations'] as Record<string, string> | undefined;
      assert.match(labels?.['severity'] ?? '', /^(warning|critical)$/, `${String(rule['alert'])}: severity`);
      assert.ok(
        annotations?.['summary'] && annotations['description'],
        `${String(rule['alert'])}: annotations`,
      );
      assert.ok(balanced(expr), `${String(rule['alert'])}: unbalanced expression ${expr}`);
      assert.ok(metricsOf(expr).length > 0, `${String(rule['alert'])}: reads none of our metrics`);
      for (const m of metricsOf(expr)) assert.ok(metrics.has(m), `${String(rule['alert'])}: no metric ${m}`);
      assert.doesNotMatch(expr, /\bservice\b/, 'the `service` label belongs to the Prometheus Operator');
    }
  });
});

/** The part of Grafana's dashboard JSON model we use, as a JSON Schema. */
const DASHBOARD_SCHEMA = {
  type: 'object',
  required: ['uid', 'title', 'schemaVersion', 'panels', 'templating', 'time'],
  properties: {
    uid: { type: 'string', pattern: '^[a-zA-Z0-9_-]{1,40}$' },
    title: { type: 'string', minLength: 1 },
    schemaVersion: { type: 'integer', minimum: 36 },
    refresh: { type: 'string' },
    time: { type: 'object', required: ['from', 'to'] },
    templating: {
      type: 'object',
      required: ['list'],
      properties: {
        list: {
          type: 'array',
          items: { type: 'object', required: ['name', 'type'], properties: { name: { type: 'string' } } },
        },
      },
    },
    panels: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'type', 'title', 'gridPos', 'datasource', 'targets'],
        properties: {
          id: { type: 'integer', minimum: 1 },
          type: { enum: ['timeseries', 'stat', 'gauge', 'table', 'bargauge'] },
          title: { type: 'string', minLength: 1 },
          datasource: {
            type: 'object',
            required: ['type', 'uid'],
            properties: { type: { const: 'prometheus' }, uid: { const: '${datasource}' } },
          },
          gridPos: {
            type: 'object',
            required: ['x', 'y', 'w', 'h'],
            properties: {
              x: { type: 'integer', minimum: 0, maximum: 23 },
              y: { type: 'integer', minimum: 0 },
              w: { type: 'integer', minimum: 1, maximum: 24 },
              h: { type: 'integer', minimum: 1 },
            },
          },
          targets: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['refId', 'expr'],
              properties: { refId: { type: 'string' }, expr: { type: 'string', minLength: 1 } },
            },
          },
        },
      },
    },
  },
} as const;

describe('deploy/monitoring/grafana-dashboard.json', () => {
  const dashboard = JSON.parse(readFileSync(path.join(MONITORING, 'grafana-dashboard.json'), 'utf8')) as {
    panels: { id: number; title: string; gridPos: { x: number; w: number }; targets: { expr: string }[] }[];
    templating: { list: { name: string }[] };
  };

  it("matches the dashboard JSON model's schema", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(DASHBOARD_SCHEMA);
    const valid = validate({ ...dashboard });
    assert.ok(valid, ajv.errorsText(validate.errors, { separator: '; ' }));
    for (const p of dashboard.panels)
      assert.ok(p.gridPos.x + p.gridPos.w <= 24, `${p.title}: wider than the grid`);
    const ids = dashboard.panels.map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length, 'panel ids are unique');
    const variables = dashboard.templating.list.map((v) => v.name);
    assert.deepEqual(variables, ['datasource', 'feed']);
  });

  it('queries only metrics we export, with balanced expressions', () => {
    for (const panel of dashboard.panels)
      for (const { expr } of panel.targets) {
        assert.ok(balanced(expr), `${panel.title}: unbalanced ${expr}`);
        assert.ok(metricsOf(expr).length > 0, `${panel.title}: reads none of our metrics`);
        for (const m of metricsOf(expr)) assert.ok(metrics.has(m), `${panel.title}: no metric ${m}`);
        assert.doesNotMatch(
          expr,
          /\bservice\b/,
          `${panel.title}: the \`service\` label belongs to the Prometheus Operator`,
        );
      }
  });

  it('shows freshness, throughput, backlog, items by state, parked, poison and the connector', () => {
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)).join('\n');
    for (const m of [
      'cde_exporter_freshness_seconds_bucket',
      'cde_exporter_items_total',
      'cde_feed_backlog_messages',
      'cde_feed_items',
      'cde_feed_poison_messages_total',
      'cde_connector_up',
    ])
      assert.ok(exprs.includes(m), `no panel reads ${m}`);
  });
});
