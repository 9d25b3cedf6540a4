import {
  createServer,
  get as httpGet,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pageScriptResponse, wantsPageScript } from './page-script-response';

const PAGE = [
  '<!DOCTYPE html><html><head>',
  '<script src="/_next/static/chunks/r.js" async="" nonce="n1"></script>',
  '</head><body><main>',
  '搜索结果 '.repeat(200),
  '</main></body></html>',
].join('');

// What Next does with a page rendered per request: headers set, flushed, then the body streamed
// in chunks, with its compression writing the head before the first chunk.
function next(request: IncomingMessage, response: ServerResponse) {
  const seen = request.headers['accept-encoding'];
  if (request.url?.startsWith('/rsc')) {
    response.setHeader('content-type', 'text/x-component');
  } else {
    response.setHeader('content-type', 'text/html; charset=utf-8');
  }
  response.setHeader('x-seen-encoding', String(seen));
  response.flushHeaders();
  response.writeHead(response.statusCode);
  const body = request.url?.startsWith('/rsc') ? '1:"$Sreact.fragment"' : PAGE;
  response.write(body.slice(0, 100));
  response.write(Buffer.from(body.slice(100)));
  response.end();
}

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    pageScriptResponse(request, response);
    next(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

// node:http rather than fetch, which would undo the gzip.
function get(path: string, encoding: string) {
  return new Promise<{ headers: IncomingMessage['headers']; body: Buffer }>((resolve, reject) => {
    httpGet(`${base}${path}`, { headers: { 'accept-encoding': encoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('pageScriptResponse', () => {
  it('asks for plain bytes, puts the page script in place of the chunks and gzips the page itself', async () => {
    const { headers, body } = await get('/search?q=x', 'gzip, br');
    expect(headers['x-seen-encoding']).toBe('identity');
    expect(headers['content-encoding']).toBe('gzip');
    expect(Number(headers['content-length'])).toBe(body.length);
    const html = gunzipSync(body).toString('utf8');
    expect(html).not.toContain('<script src="/_next/static/chunks/r.js"');
    expect(html).toContain('<script nonce="n1">');
    expect(html).toContain('搜索结果');
  });

  it('sends the changed page uncompressed to a client that does not accept gzip', async () => {
    // A q of 0 refuses gzip as plainly as leaving it out.
    for (const encoding of ['identity', 'gzip;q=0, identity']) {
      const { headers, body } = await get('/search?q=x', encoding);
      expect(headers['content-encoding'], encoding).toBeUndefined();
      expect(Number(headers['content-length'])).toBe(body.length);
      expect(body.toString('utf8')).toContain('<script nonce="n1">');
    }
  });

  it('sends anything but an HTML page as it was written', async () => {
    const { headers, body } = await get('/rsc', 'gzip');
    expect(headers['content-encoding']).toBeUndefined();
    expect(body.toString('utf8')).toBe('1:"$Sreact.fragment"');
  });

  it('applies to a GET of the search page or a preview only', () => {
    const request = (method: string, url: string) => ({ method, url }) as IncomingMessage;
    expect(wantsPageScript(request('GET', '/search?q=民族'))).toBe(true);
    expect(wantsPageScript(request('HEAD', '/search?q=x'))).toBe(false);
    expect(wantsPageScript(request('GET', '/searching'))).toBe(false);
    expect(wantsPageScript(request('GET', '/articles/a'))).toBe(false);
    expect(wantsPageScript(request('GET', '/preview/a/token'))).toBe(true);
    expect(wantsPageScript(request('GET', '/previews'))).toBe(false);
  });

  it('applies to every GET under next dev, where no page passes through the cache handler', async () => {
    vi.stubEnv('NODE_ENV', 'development');
    vi.resetModules();
    try {
      const dev = await import('./page-script-response');
      const request = (method: string, url: string) => ({ method, url }) as IncomingMessage;
      expect(dev.wantsPageScript(request('GET', '/articles/a'))).toBe(true);
      expect(dev.wantsPageScript(request('GET', '/'))).toBe(true);
      expect(dev.wantsPageScript(request('POST', '/api/views/a'))).toBe(false);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
