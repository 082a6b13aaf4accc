/**
 * Renders a Kustomize directory the way `kustomize build` / `kubectl apply -k` does, for the subset of Kustomize
 * deploy/k8s uses: `resources` (files and directories), `components`, `patches` with a target and a JSON 6902
 * patch (file or inline), `images` (newName, newTag, digest) and `namespace`. Any other field is refused, so an
 * overlay cannot use a feature this renderer would silently ignore.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export type Resource = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
};

interface PatchOp {
  readonly op: 'add' | 'replace' | 'remove';
  readonly path: string;
  readonly value?: unknown;
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  resources?: string[];
  components?: string[];
  namespace?: string;
  patches?: { path?: string; patch?: string; target: { kind?: string; name?: string } }[];
  images?: { name: string; newName?: string; newTag?: string; digest?: string }[];
}

const SUPPORTED = new Set([
  'apiVersion',
  'kind',
  'resources',
  'components',
  'namespace',
  'patches',
  'images',
]);

export function readYamlDocuments(file: string): Record<string, unknown>[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
      return doc.toJS() as Record<string, unknown> | null;
    })
    .filter((d): d is Record<string, unknown> => d !== null);
}

function kustomizationOf(dir: string): Kustomization {
  const file = path.join(dir, 'kustomization.yaml');
  if (!existsSync(file)) throw new Error(`${dir} has no kustomization.yaml`);
  const [k] = readYamlDocuments(file) as Kustomization[];
  if (k === undefined) throw new Error(`${file} is empty`);
  const unsupported = Object.keys(k).filter((key) => !SUPPORTED.has(key));
  if (unsupported.length > 0) throw new Error(`${file}: unsupported fields ${unsupported.join(', ')}`);
  return k;
}

/** Every resource of a kustomization directory, patched, in the order Kustomize keeps (resources in file order). */
export function renderKustomization(dir: string): Resource[] {
  const k = kustomizationOf(dir);
  const resources: Resource[] = [];
  for (const entry of [...(k.resources ?? []), ...(k.components ?? [])]) {
    const target = path.resolve(dir, entry);
    if (statSync(target).isDirectory()) resources.push(...renderKustomization(target));
    else resources.push(...(readYamlDocuments(target) as Resource[]));
  }
  const seen = new Set<string>();
  for (const r of resources) {
    const id = `${r.kind}/${r.metadata.namespace ?? ''}/${r.metadata.name}`;
    if (seen.has(id)) throw new Error(`${dir}: ${id} is declared twice`);
    seen.add(id);
  }
  for (const patch of k.patches ?? []) {
    const ops = (
      patch.path !== undefined
        ? readYamlDocuments(path.resolve(dir, patch.path))[0]
        : (parseAllDocuments(patch.patch ?? '')[0]?.toJS() as unknown)
    ) as PatchOp[];
    const targets = resources.filter(
      (r) =>
        (patch.target.kind === undefined || r.kind === patch.target.kind) &&
        (patch.target.name === undefined || r.metadata.name === patch.target.name),
    );
    if (targets.length === 0)
      throw new Error(`${dir}: a patch matches nothing (${JSON.stringify(patch.target)})`);
    for (const r of targets) for (const op of ops) applyOp(r, op);
  }
  for (const image of k.images ?? []) {
    for (const r of resources) replaceImages(r, image);
  }
  if (k.namespace !== undefined) {
    for (const r of resources) {
      if (!CLUSTER_SCOPED.has(r.kind)) r.metadata.namespace = k.namespace;
    }
  }
  return resources;
}

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
]);

function unescape(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** One JSON 6902 operation (add, replace, remove) on a resource. */
export function applyOp(doc: Record<string, unknown>, op: PatchOp): void {
  const tokens = op.path.split('/').slice(1).map(unescape);
  const last = tokens.pop();
  if (last === undefined) throw new Error(`bad patch path ${op.path}`);
  let parent: unknown = doc;
  for (const t of tokens) {
    const next: unknown = Array.isArray(parent)
      ? (parent as unknown[])[Number(t)]
      : (parent as Record<string, unknown> | undefined)?.[t];
    if (next === undefined || next === null) throw new Error(`patch path ${op.path}: ${t} does not exist`);
    parent = next;
  }
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (op.op === 'add') parent.splice(index, 0, op.value);
    else if (index >= parent.length) throw new Error(`patch path ${op.path}: no element ${last}`);
    else if (op.op === 'replace') parent[index] = op.value;
    else parent.splice(index, 1);
    return;
  }
  const object = parent as Record<string, unknown>;
  if (op.op !== 'add' && !(last in object)) throw new Error(`patch path ${op.path}: ${last} does not exist`);
  if (op.op === 'remove') delete object[last];
  else object[last] = op.value;
}

function replaceImages(
  r: Resource,
  image: { name: string; newName?: string; newTag?: string; digest?: string },
) {
  const podSpec = (r['spec'] as { template?: { spec?: { containers?: { image?: string }[] } } } | undefined)
    ?.template?.spec;
  for (const c of podSpec?.containers ?? []) {
    if (c.image === undefined) continue;
    const at = c.image.indexOf('@');
    const base = at >= 0 ? c.image.slice(0, at) : c.image;
    const colon = base.lastIndexOf(':');
    const name = colon > base.lastIndexOf('/') ? base.slice(0, colon) : base;
    const tag = colon > base.lastIndexOf('/') ? base.slice(colon + 1) : undefined;
    if (name !== image.name) continue;
    const newName = image.newName ?? name;
    if (image.digest !== undefined) c.image = `${newName}@${image.digest}`;
    else
      c.image = `${newName}${image.newTag !== undefined ? `:${image.newTag}` : tag !== undefined ? `:${tag}` : ''}`;
  }
}
