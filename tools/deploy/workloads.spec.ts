import { readFileSync } from 'node:fs';
import path from 'node:path';
import { heapOptionOf } from './workloads';

const manifestHeap = (app: string): string | undefined =>
  /value: (--max-old-space-size=\d+)$/m.exec(
    readFileSync(path.join(__dirname, '../../deploy/k8s/base/apps', `${app}.yaml`), 'utf8'),
  )?.[1];

describe(heapOptionOf.name, () => {
  it.each(['products-feed', 'prices-feed', 'exporter', 'commerce-services'] as const)(
    'is the heap ceiling the generated Deployment of %s sets',
    (app) => {
      expect(heapOptionOf(app)).toBe(manifestHeap(app));
    },
  );
});
