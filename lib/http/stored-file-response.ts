import 'server-only';
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { holdHead } from './held-head';

// A route handler cannot send a file kept gzipped on disk: Next drops the Content-Encoding and
// Content-Length of its responses and compresses the body again. So a route handler with such a
// file (the sitemap files, lib/seo/sitemap-files.ts) opens it and hands it over under a token in
// a response header; the server hook (node-server.ts) sends it from the socket, gzipped or not as
// the client accepts, as nginx's X-Accel-Redirect lets an application name a file for nginx to
// send. Opened by the route, a file deleted meanwhile (pruned by another process) is still sent.

export const STORED_FILE_HEADER = 'x-news-stored-file';
/** Paths whose responses may carry a stored file. */
const PREFIXES = ['/sitemaps/'];
/** A handed-over file the hook did not take (a response that never ended) is closed then. */
const UNCLAIMED_MS = 60_000;

type Handed = { plain: FileHandle; gzip: FileHandle; etag: string; timer: NodeJS.Timeout };

const HOOK = Symbol.for('news.stored-files');
const globals = globalThis as typeof globalThis & { [HOOK]?: Map<string, Handed> };

/** Called by the server hook as it installs: from then on route handlers may hand files over. */
export function enableStoredFiles(): void {
  globals[HOOK] ??= new Map();
}

function closeAll(handed: Pick<Handed, 'plain' | 'gzip'>): void {
  void handed.plain.close().catch(() => {});
  void handed.gzip.close().catch(() => {});
}

/**
 * Route side: the token to answer with (in STORED_FILE_HEADER, with an empty body), or undefined
 * when no hook will send it (vitest, a script): the caller sends the plain file itself then.
 * `etag` is the plain file's; the gzipped one's ends in -gz.
 */
export function handOver(plain: FileHandle, gzip: FileHandle, etag: string): string | undefined {
  const files = globals[HOOK];
  if (!files) return undefined;
  const token = randomBytes(12).toString('hex');
  const timer = setTimeout(() => {
    files.delete(token);
    closeAll({ plain, gzip });
  }, UNCLAIMED_MS);
  timer.unref();
  files.set(token, { plain, gzip, etag, timer });
  return token;
}

/** Whether the response to this request may carry a stored file. */
export function wantsStoredFile(request: IncomingMessage): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const url = request.url ?? '';
  return PREFIXES.some((prefix) => url.startsWith(prefix));
}

/** Whether the client accepts gzip (a q of 0 refuses it). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  return String(header ?? '')
    .split(',')
    .some((part) => {
      const [coding, ...params] = part.trim().toLowerCase().split(';');
      if (coding !== 'gzip' && coding !== '*') return false;
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return !q || Number(q.slice(2)) > 0;
    });
}

/**
 * Hook side: when Next ends a response that carries a token, sends the file it names instead;
 * every other response passes as Next wrote it. Next is asked for plain bytes (its compression
 * would wrap the file's), and the file is chosen here by the client's Accept-Encoding.
 */
export function storedFileResponse(request: IncomingMessage, response: ServerResponse): void {
  const gzip = acceptsGzip(request.headers['accept-encoding']);
  request.headers['accept-encoding'] = 'identity';
  const end = response.end.bind(response);
  // Held until the end: only then is it known whether a file goes out.
  const head = holdHead(response);
  response.end = ((...args: Parameters<ServerResponse['end']>) => {
    const token = response.getHeader(STORED_FILE_HEADER);
    const handed = typeof token === 'string' ? globals[HOOK]?.get(token) : undefined;
    response.removeHeader(STORED_FILE_HEADER);
    response.end = end;
    if (!handed || response.headersSent) {
      head.release();
      return end(...args);
    }
    globals[HOOK]?.delete(token as string);
    clearTimeout(handed.timer);
    const [file, other] = gzip ? [handed.gzip, handed.plain] : [handed.plain, handed.gzip];
    void other.close().catch(() => {});
    void file.stat().then(
      ({ size }) => {
        if (gzip) {
          response.setHeader('content-encoding', 'gzip');
          response.setHeader('etag', handed.etag.replace(/"$/, '-gz"'));
        }
        response.setHeader('content-length', size);
        response.removeHeader('transfer-encoding');
        head.release();
        if (request.method === 'HEAD') {
          void file.close().catch(() => {});
          response.end();
          return;
        }
        createReadStream('', { fd: file, highWaterMark: 256 * 1024 }).pipe(response);
      },
      () => {
        void file.close().catch(() => {});
        response.destroy();
      },
    );
    return response;
  }) as ServerResponse['end'];
}
