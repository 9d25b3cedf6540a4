import { mkdtempSync, unlinkSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
// Next's own compression, as `next start` wraps every response in it after the hook has run.
// @ts-expect-error: Next ships it compiled, without types.
import compression from 'next/dist/compiled/compression';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  STORED_FILE_HEADER,
  acceptsGzip,
  enableStoredFiles,
  handOver,
  storedFileResponse,
  wantsStoredFile,
} from './stored-file-response';

const dir = mkdtempSync(path.join(tmpdir(), 'stored-file-'));
const XML = `<?xml version="1.0" encoding="UTF-8"?><urlset>${'<url><loc>x</loc></url>'.repeat(500)}</urlset>`;
const plainFile = path.join(dir, 'a.xml');
writeFileSync(plainFile, XML);
writeFileSync(`${plainFile}.gz`, gzipSync(XML));

const compress = (
  compression as () => (q: IncomingMessage, s: ServerResponse, n: () => void) => void
)();

// What the route handler does through Next: headers, then an empty body, or a page of its own.
async function route(request: IncomingMessage, response: ServerResponse) {
  response.setHeader('content-type', 'application/xml; charset=utf-8');
  response.setHeader('x-seen-encoding', String(request.headers['accept-encoding']));
  if (request.url === '/sitemaps/0.xml' || request.url === '/sitemaps/gone.xml') {
    const plain = await open(plainFile);
    const gzip = await open(`${plainFile}.gz`);
    if (request.url === '/sitemaps/gone.xml') {
      // Pruned by another process after the route opened it.
      unlinkSync(plainFile);
      unlinkSync(`${plainFile}.gz`);
    }
    response.setHeader('etag', '"0-abc"');
    response.setHeader(STORED_FILE_HEADER, handOver(plain, gzip, '"0-abc"') as string);
    response.end();
    return;
  }
  response.setHeader(STORED_FILE_HEADER, 'not-a-token');
  response.end(XML.slice(0, 2000));
}

let server: Server;
let base: string;
beforeAll(async () => {
  enableStoredFiles();
  server = createServer((request, response) => {
    if (wantsStoredFile(request)) storedFileResponse(request, response);
    compress(request, response, () => void route(request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

// node:http rather than fetch, which would undo the gzip.
function send(target: string, encoding: string, method = 'GET') {
  return new Promise<{ headers: IncomingMessage['headers']; body: Buffer }>((resolve, reject) => {
    httpRequest(
      `${base}${target}`,
      { method, headers: { 'accept-encoding': encoding } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ headers: response.headers, body: Buffer.concat(chunks) }),
        );
      },
    )
      .on('error', reject)
      .end();
  });
}

describe('storedFileResponse', () => {
  it('sends the gzipped file as stored to a client that accepts gzip, not compressed again', async () => {
    const { headers, body } = await send('/sitemaps/0.xml', 'gzip, deflate, br');
    expect(headers['x-seen-encoding']).toBe('identity');
    expect(headers['content-encoding']).toBe('gzip');
    expect(headers['etag']).toBe('"0-abc-gz"');
    expect(Number(headers['content-length'])).toBe(body.length);
    expect(headers[STORED_FILE_HEADER]).toBeUndefined();
    expect(gunzipSync(body).toString('utf8')).toBe(XML);
  });

  it('sends the plain file to a client that does not accept gzip', async () => {
    for (const encoding of ['identity', 'gzip;q=0', '']) {
      const { headers, body } = await send('/sitemaps/0.xml', encoding);
      expect(headers['content-encoding'], encoding).toBeUndefined();
      expect(headers['etag']).toBe('"0-abc"');
      expect(Number(headers['content-length'])).toBe(body.length);
      expect(body.toString('utf8')).toBe(XML);
    }
  });

  it('sends headers alone to a HEAD request', async () => {
    const { headers, body } = await send('/sitemaps/0.xml', 'gzip', 'HEAD');
    expect(headers['content-encoding']).toBe('gzip');
    expect(Number(headers['content-length'])).toBeGreaterThan(0);
    expect(body.length).toBe(0);
  });

  it('sends a file deleted after the route opened it', async () => {
    const { body } = await send('/sitemaps/gone.xml', 'gzip');
    expect(gunzipSync(body).toString('utf8')).toBe(XML);
  });

  it('leaves a response without a token it handed out as the route wrote it', async () => {
    const { headers, body } = await send('/sitemaps/other.xml', 'identity');
    expect(headers[STORED_FILE_HEADER]).toBeUndefined();
    expect(body.toString('utf8')).toBe(XML.slice(0, 2000));
  });

  it('reads Accept-Encoding as RFC 9110 does', () => {
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('br, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('gzip; q=0.0')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip('gzipx')).toBe(false);
  });
});
