import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './repo-root';

const CONFIGURATION_DOC = path.join(REPO_ROOT, 'docs/configuration.md');

/**
 * The variables docs/configuration.md lists for `app` (rows `| \`NAME\` | app, app | default | meaning |`), sorted,
 * so each app's config spec can hold its schema to the one page that documents every variable.
 */
export function documentedVariables(app: string): string[] {
  const names = new Set<string>();
  for (const line of readFileSync(CONFIGURATION_DOC, 'utf8').split('\n')) {
    const cells = line.split(' | ').map((c) => c.replace(/^\|\s*|\s*\|$/g, '').trim());
    const name = /^`([A-Z][A-Z0-9_]*)`$/.exec(cells[0] ?? '')?.[1];
    if (name === undefined || cells.length < 4) continue;
    if ((cells[1] ?? '').split(',').some((a) => a.trim() === app)) names.add(name);
  }
  return [...names].sort();
}
