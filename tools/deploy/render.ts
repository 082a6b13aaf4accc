/**
 * Writes the generated deploy files: deploy/k8s (./manifests.ts) and the MySQL variant of the Debezium connector.
 *
 *   tsx tools/deploy/render.ts            (./dev manifests)
 */
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { connectorJson, MYSQL_CONNECTOR_FILE } from './connector';
import { mysqlConnectorOf, renderManifests } from './manifests';

export const K8S_DIR = path.resolve(__dirname, '../../deploy/k8s');

/** Every file under a directory, relative to it. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d)) {
      const full = path.join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(path.relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}

function main(): void {
  rmSync(path.join(K8S_DIR, 'base'), { recursive: true, force: true });
  rmSync(path.join(K8S_DIR, 'overlays'), { recursive: true, force: true });
  const files = renderManifests();
  for (const [relative, text] of files) {
    const file = path.join(K8S_DIR, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  writeFileSync(MYSQL_CONNECTOR_FILE, connectorJson(mysqlConnectorOf()));
  process.stdout.write(
    `wrote ${files.size} files under deploy/k8s and ${path.basename(MYSQL_CONNECTOR_FILE)}\n`,
  );
}

if (require.main === module) main();
