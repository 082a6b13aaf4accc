import { createServer } from 'node:net';

/**
 * A loopback port nobody listens on right now, chosen by the kernel: a test's receiver or metrics endpoint never
 * meets a running `./dev up` or another test's.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}
