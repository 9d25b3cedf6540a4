// The server hook on a plain node:http server: every request answered (refused ones too) is one
// JSON log line and one count, under a request id that is the trusted proxy's when it sent one.
import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@/lib/observability/log.mjs';
import { metrics } from '@/lib/observability/metrics.mjs';
import { installServerHook, markInternalServer } from './node-server';

const lines: Record<string, unknown>[] = [];
// The process's logger, as logger() finds it (lib/observability/log.mjs), writing here.
(globalThis as unknown as Record<symbol, unknown>)[Symbol.for('news.logger')] = createLogger({
  destination: new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  }),
});

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
}

function send(port: number, method: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<number>((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end();
  });
}

/** Until the log has `count` lines: each is written when its response closes. */
async function logged(count: number) {
  while (lines.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
  return lines.splice(0, lines.length);
}

describe('the server hook', () => {
  const site = createServer((_request, response) => {
    response.setHeader('x-nextjs-cache', 'HIT');
    response.end('ok');
  });
  const internal = createServer((_request, response) => response.end('metrics'));
  let sitePort = 0;
  let internalPort = 0;

  beforeAll(async () => {
    installServerHook({ trustProxy: ['127.0.0.1/32', '::1/128'], guardRequests: true });
    markInternalServer(internal);
    sitePort = await listen(site);
    internalPort = await listen(internal);
  });
  afterAll(() => {
    site.close();
    internal.close();
  });

  it('logs each request once, with its id, route kind, status, time and cache result', async () => {
    const series = 'news_http_requests_total';
    const before = (await metrics().requests.get()).values.find(
      (value) => value.labels.route === 'article' && value.labels.status === '200',
    )?.value;
    expect(await send(sitePort, 'GET', '/articles/a?utm_source=x')).toBe(200);
    const [line] = await logged(1);
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request',
      method: 'GET',
      route: 'article',
      path: '/articles/a',
      status: 200,
      cache: 'HIT',
    });
    expect(line?.reqId).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof line?.ms).toBe('number');
    const after = (await metrics().requests.get()).values.find(
      (value) => value.labels.route === 'article' && value.labels.status === '200',
    )?.value;
    expect((after ?? 0) - (before ?? 0), series).toBe(1);
  });

  it("takes a trusted proxy's request id, when it is a plain token", async () => {
    // 127.0.0.1 is a proxy's address (lib/http/client-address.ts) and proxies are trusted here.
    await send(sitePort, 'GET', '/', { 'x-request-id': '0123456789abcdef0123456789abcdef' });
    await send(sitePort, 'GET', '/', { 'x-request-id': 'not an id; rm -rf' });
    const [nginx, odd] = await logged(2);
    expect(nginx?.reqId).toBe('0123456789abcdef0123456789abcdef');
    expect(odd?.reqId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives a refused request its one line, with a short path, and nothing else', async () => {
    expect(await send(sitePort, 'TRACE', '/api/health')).toBe(405);
    expect(await send(sitePort, 'GET', `/tags/${'x'.repeat(3000)}`)).toBe(404);
    const [trace, long] = await logged(2);
    expect(trace).toMatchObject({ method: 'TRACE', route: 'health', status: 405 });
    expect(long).toMatchObject({ route: 'tag', status: 404 });
    expect((long?.path as string).length).toBe(121);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines).toEqual([]);
  });

  it('ends each kept-alive connection of a closed server after the response it carries', async () => {
    // As `next start` on SIGTERM: the server is closed while a request is in flight on a
    // connection the proxy keeps alive. Its response must say so, or the proxy reuses the
    // connection and the drain never ends.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let arrived = () => {};
    const inFlight = new Promise<void>((resolve) => (arrived = resolve));
    const draining = createServer((request, response) => {
      if (request.url !== '/slow') return response.end('ok');
      arrived();
      void held.then(() => response.end('late'));
    });
    const port = await listen(draining);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = (path: string) =>
      new Promise<{ connection?: string; socketClosed: Promise<void> }>((resolve, reject) => {
        const request = httpRequest({ host: '127.0.0.1', port, path, agent }, (response) => {
          const socketClosed = new Promise<void>((done) => response.socket.once('close', done));
          response.resume();
          response.on('end', () =>
            resolve({ connection: response.headers.connection, socketClosed }),
          );
        });
        request.on('error', reject);
        request.end();
      });
    expect((await get('/')).connection).toBe('keep-alive');
    await logged(1);
    const slow = get('/slow');
    await inFlight;
    const closed = new Promise<void>((resolve) => draining.close(() => resolve()));
    release();
    const answer = await slow;
    expect(answer.connection).toBe('close');
    await answer.socketClosed;
    await closed;
    agent.destroy();
    await logged(1);
  });

  it('leaves the metrics server alone', async () => {
    expect(await send(internalPort, 'GET', '/metrics')).toBe(200);
    expect(await send(sitePort, 'GET', '/hot')).toBe(200);
    const [only] = await logged(1);
    expect(only).toMatchObject({ route: 'hot' });
  });
});
