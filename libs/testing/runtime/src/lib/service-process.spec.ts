import path from 'node:path';
import { serviceCommand, serviceLogFile } from './service-process';

describe(serviceLogFile.name, () => {
  it("keeps a service's output beside the runtime's logs, one file per process", () => {
    expect(serviceLogFile('exporter', 4242, '/srv/run')).toBe(
      path.join('/srv/run', 'logs', 'exporter-4242.log'),
    );
  });

  it('keeps nothing outside a runtime, or for a process that did not start', () => {
    expect(serviceLogFile('exporter', 4242, undefined)).toBeUndefined();
    expect(serviceLogFile('exporter', 4242, '')).toBeUndefined();
    expect(serviceLogFile('exporter', undefined, '/srv/run')).toBeUndefined();
  });
});

describe(serviceCommand.name, () => {
  it('runs the build with node when told to, else the source through tsx', () => {
    expect(serviceCommand('exporter', 'dist').args.at(-1)).toMatch(
      /dist[/\\]apps[/\\]exporter[/\\]main\.js$/,
    );
    expect(serviceCommand('exporter', undefined).args.at(-1)).toMatch(
      /apps[/\\]exporter[/\\]src[/\\]main\.ts$/,
    );
  });
});
