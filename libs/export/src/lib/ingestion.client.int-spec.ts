import { ingestionPath } from '@cde/contracts';
import { importSPKI, jwtVerify } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { encodeBatch } from './batch-encoding';
import { IngestionClient } from './ingestion.client';
import { IngestionSigner } from './ingestion-signer';

/** The HTTP client against a real node:http server on loopback: what goes on the wire, and what comes back. */
describe(IngestionClient.name, () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const seen: { url: string; headers: IncomingHttpHeaders; body: Buffer }[] = [];
  let reply: (
    url: string,
  ) => { status: number; headers?: Record<string, string>; body?: string } | 'hang' = () => ({
    status: 200,
  });
  let server: Server;
  let origin: string;
  const clients: IngestionClient[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        seen.push({ url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) });
        const answer = reply(request.url ?? '');
        if (answer === 'hang') return;
        response.writeHead(answer.status, answer.headers).end(answer.body ?? '');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const client of clients) await client.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function client(baseUrl: string, requestTimeoutMs = 2_000): Promise<IngestionClient> {
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const signer = await IngestionSigner.fromPkcs8(pem, { environmentId: 'env/1', apiKey: 'k-1' });
    const sut = new IngestionClient({
      baseUrl,
      environmentId: 'env/1',
      apiKey: 'k-1',
      signer,
      requestTimeoutMs,
      connections: 2,
    });
    clients.push(sut);
    return sut;
  }

  it('POSTs the gzip JSON body to the feed path under the base URL, with the API key and a signed JWT', async () => {
    reply = () => ({ status: 200, headers: { 'x-request-id': 'abc' }, body: '{"failedItems":{}}' });
    const sut = await client(`${origin}/prefix/`);
    const { body } = await encodeBatch([{ sku: 'A' }]);
    const result = await sut.post('prices', body);
    expect(result).toEqual({
      statusCode: 200,
      body: '{"failedItems":{}}',
      requestId: 'abc',
      retryAfter: null,
    });
    const request = seen.at(-1)!;
    expect(request.url).toBe(`/prefix${ingestionPath('prices', 'env/1')}`);
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      'x-api-key': 'k-1',
    });
    expect(JSON.parse(gunzipSync(request.body).toString())).toEqual([{ sku: 'A' }]);
    const key = await importSPKI(publicKey.export({ type: 'spki', format: 'pem' }).toString(), 'RS256');
    const { payload } = await jwtVerify(String(request.headers['x-gw-signature']), key, { subject: 'env/1' });
    expect(payload['apiKey']).toBe('k-1');
  });

  it('returns the status, Retry-After and body of error responses', async () => {
    reply = () => ({ status: 429, headers: { 'retry-after': '7' }, body: 'slow down' });
    const sut = await client(origin);
    expect(await sut.post('products', Buffer.from('x'))).toMatchObject({
      statusCode: 429,
      retryAfter: '7',
      body: 'slow down',
    });
  });

  it('ends as status 0 on a timeout, a refused connection, or an abort', async () => {
    reply = () => 'hang';
    const sut = await client(origin, 300);
    const timedOut = await sut.post('products', Buffer.from('x'));
    expect(timedOut).toMatchObject({ statusCode: 0, error: expect.stringContaining('timeout') as string });

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await (await client(`http://127.0.0.1:${port}`)).post('products', Buffer.from('x'));
    expect(refused).toMatchObject({
      statusCode: 0,
      error: expect.stringContaining('ECONNREFUSED') as string,
    });

    const abort = new AbortController();
    const pending = (await client(origin, 5_000)).post('products', Buffer.from('x'), abort.signal);
    abort.abort();
    expect(await pending).toMatchObject({ statusCode: 0, error: 'aborted: shutting down' });
  });
});
