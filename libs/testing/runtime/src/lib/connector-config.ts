import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './repo-root';

const CONNECTOR_FILE = path.join(REPO_ROOT, 'deploy/debezium/commerce-connector.json');

/**
 * The Commerce tables the committed Debezium connector captures (the `magento\.` entries of `table.include.list`):
 * a feed that reads a table outside this set never hears of its changes.
 */
export function capturedCommerceTables(): Set<string> {
  const file = JSON.parse(readFileSync(CONNECTOR_FILE, 'utf8')) as {
    config?: Record<string, string>;
  } & Record<string, unknown>;
  const config = file.config ?? (file as Record<string, string>);
  const list = config['table.include.list'] ?? '';
  return new Set(
    list
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t.startsWith('magento\\.'))
      .map((t) => t.replace(/^magento\\\./, '')),
  );
}
