import { readFileSync } from 'node:fs';
import path from 'node:path';
import { heapOptionOf, processEnvOf } from './workloads';

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

const manifestArenas = (app: string): string | undefined =>
  /- name: MALLOC_ARENA_MAX\n\s+value: "(\d+)"$/m.exec(
    readFileSync(path.join(__dirname, '../../deploy/k8s/base/apps', `${app}.yaml`), 'utf8'),
  )?.[1];

describe(processEnvOf.name, () => {
  it.each(['products-feed', 'exporter', 'commerce-services'] as const)(
    "is the heap ceiling and malloc arenas of %s's generated Deployment",
    (app) => {
      expect(processEnvOf(app)).toEqual({
        NODE_OPTIONS: manifestHeap(app),
        MALLOC_ARENA_MAX: manifestArenas(app),
      });
    },
  );

  it('is what every Node Deployment sets, the admin dashboard too', () => {
    for (const app of ['scopes-feed', 'prices-feed', 'orders-feed', 'inventory-feed', 'admin'])
      expect(manifestArenas(app)).toBe('2');
  });
});
