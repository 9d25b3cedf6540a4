import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { documentLanguage } from '@/lib/edition/document.mjs';
import { withPageScript } from '@/lib/render/page-script.mjs';
import { holdHead } from './held-head';
import { acceptsGzip } from './stored-file-response';

// Cached pages get the page script in place of Next's scripts in the cache handler
// (docs/adr/030-no-react-in-the-browser.md). The search page is rendered per request and never
// passes through it, so its HTML is changed here, on the way out: Next is asked for plain bytes,
// the page (about 20 KB) is held until it is complete, changed, and compressed here when the
// client accepts gzip.

/** Pages rendered per request whose HTML gets the same treatment: search, and a draft's preview. */
const PER_REQUEST_PAGES = new Set(['/search', '/zh-hant/search']);
const PREVIEW = '/preview/';
const GZIP_MIN_BYTES = 1024;
// Under `next dev` Next's scripts stay, for its hot reloading (docs/adr/030).
const DEV = process.env.NODE_ENV === 'development';

type Chunk = string | Buffer | Uint8Array;
type Callback = (error?: Error | null) => void;

function toBuffer(chunk: Chunk, encoding?: BufferEncoding): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, encoding ?? 'utf8') : Buffer.from(chunk);
}

/**
 * Whether a response to this request gets its HTML changed (a GET of such a page). Under `next dev`
 * no page passes through the cache handler, so every page gets it here.
 */
export function wantsPageScript(request: IncomingMessage): boolean {
  if (request.method !== 'GET') return false;
  if (DEV) return true;
  const path = (request.url ?? '').split('?')[0] ?? '';
  return PER_REQUEST_PAGES.has(path) || path.startsWith(PREVIEW);
}

/**
 * Holds the response's body and sends it, changed, when Next ends it. Anything but a 200 HTML
 * page (a client navigation's RSC payload, a redirect, an error) is sent as Next wrote it.
 */
export function pageScriptResponse(request: IncomingMessage, response: ServerResponse): void {
  const gzip = acceptsGzip(request.headers['accept-encoding']);
  request.headers['accept-encoding'] = 'identity';
  const chunks: Buffer[] = [];
  const end = response.end.bind(response);
  // The head goes out with the whole body.
  const head = holdHead(response);
  response.write = ((chunk: Chunk, encoding?: BufferEncoding | Callback, callback?: Callback) => {
    chunks.push(toBuffer(chunk, typeof encoding === 'string' ? encoding : undefined));
    const done = typeof encoding === 'function' ? encoding : callback;
    if (done) process.nextTick(done);
    return true;
  }) as ServerResponse['write'];
  response.end = ((
    chunk?: Chunk | Callback,
    encoding?: BufferEncoding | Callback,
    callback?: Callback,
  ) => {
    if (chunk !== undefined && typeof chunk !== 'function')
      chunks.push(toBuffer(chunk, typeof encoding === 'string' ? encoding : undefined));
    const done = [chunk, encoding, callback].find((value) => typeof value === 'function') as
      Callback | undefined;
    let body = Buffer.concat(chunks);
    const html = /^text\/html\b/i.test(String(response.getHeader('content-type') ?? ''));
    const status = head.status() ?? response.statusCode;
    if (!response.headersSent && status === 200 && html) {
      body = Buffer.from(
        documentLanguage(withPageScript(body.toString('utf8'), { keepNext: DEV })),
      );
      if (gzip && body.length >= GZIP_MIN_BYTES) {
        body = gzipSync(body);
        response.setHeader('content-encoding', 'gzip');
      }
      response.removeHeader('transfer-encoding');
      response.setHeader('content-length', body.length);
    }
    head.release();
    return done ? end(body, done) : end(body);
  }) as ServerResponse['end'];
}
