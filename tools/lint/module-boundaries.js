// Nx module boundaries of the workspace, driven by project tags (project.json):
//   type:   app | feature | engine | platform | contracts | testing | util | e2e
//   domain: shared | products | prices | scopes | orders | inventory | export | ops
// A feed domain may depend only on itself and on shared code, so one feed lib importing another fails lint.
// Used by eslint.config.mjs and checked by module-boundaries.spec.ts.

const FEED_DOMAINS = ['products', 'prices', 'scopes', 'orders', 'inventory'];

const depConstraints = [
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:feature', 'type:engine', 'type:platform', 'type:contracts', 'type:util'],
  },
  {
    sourceTag: 'type:feature',
    onlyDependOnLibsWithTags: ['type:engine', 'type:platform', 'type:contracts', 'type:util'],
  },
  { sourceTag: 'type:engine', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:util'] },
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:util'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts', 'type:util'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: ['type:testing', 'type:engine', 'type:platform', 'type:contracts', 'type:util'],
  },
  ...FEED_DOMAINS.map((domain) => ({
    sourceTag: `domain:${domain}`,
    onlyDependOnLibsWithTags: [`domain:${domain}`, 'domain:shared'],
  })),
  { sourceTag: 'domain:export', onlyDependOnLibsWithTags: ['domain:export', 'domain:shared'] },
  // Operations may use the exporter's delivery client (cde replay sends a feed topic to the receiver).
  { sourceTag: 'domain:ops', onlyDependOnLibsWithTags: ['domain:ops', 'domain:export', 'domain:shared'] },
  { sourceTag: 'domain:shared', onlyDependOnLibsWithTags: ['domain:shared'] },
];

// Spec files may also import the test-support libs (type:testing); production code may not.
const specDepConstraints = depConstraints.map((c) =>
  c.sourceTag.startsWith('type:') && c.sourceTag !== 'type:testing'
    ? { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:testing'] }
    : c,
);

module.exports = { FEED_DOMAINS, depConstraints, specDepConstraints };
