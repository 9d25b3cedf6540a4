import 'server-only';
// General sitemap files as served: written once per set of bytes to
// <CONTENT_INDEX_DIR>/sitemaps/<index>-<name>.xml, with a gzipped copy beside it, and sent from
// there by the server hook, so that a crawler's request costs sending a file
// (docs/adr/031-sitemap-files-on-disk.md).
// A file's name follows from its stamp (lib/seo/sitemaps.ts: the same stamp, the same bytes)
// and the build that writes it, so a file stays right across publishes for as long as its
// articles do, for every process sharing the CONTENT_INDEX_DIR, and is never served for a state
// it does not match. Only files the sitemap index lists are written: an unknown index is a 404
// and writes nothing.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import {
  mkdir,
  open,
  readFile,
  readdir,
  rename,
  stat,
  unlink,
  writeFile,
  type FileHandle,
} from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { connection } from 'next/server';
import { sharedCacheControl } from '@/lib/cache/page-cache';
import { SITEMAP_FILES_DIR } from '@/lib/content/paths';
import { STORED_FILE_HEADER, handOver } from '@/lib/http/stored-file-response';
import { log } from '@/lib/observability/log.mjs';
import { sitemapChunkCount, sitemapFile, type SitemapFile } from './sitemaps';

/** Files of another name for the same index are deleted once this old (another process may
 * still serve the state before a switch for a moment, and would write its file again). */
const STALE_MS = 60_000;

let build: string | undefined;
/** The deploy: another build may write other bytes for the same stamp. */
function buildId(): string {
  if (build === undefined) {
    try {
      const dist = process.env.NEXT_DIST_DIR || '.next';
      build = readFileSync(path.join(process.cwd(), dist, 'BUILD_ID'), 'utf8').trim();
    } catch {
      build = 'development';
    }
  }
  return build;
}

/** A stored file: the XML, its gzipped copy, and its ETag (from its bytes). */
type Stored = { xml: string; gz: string; etag: string };

function storedPaths(name: string) {
  const xml = path.join(SITEMAP_FILES_DIR, `${name}.xml`);
  return { xml, gz: `${xml}.gz`, etag: `${xml}.etag` };
}

const writing = new Map<string, Promise<Stored>>();

/** The file on disk, written first if it is not there yet (once per process at a time). */
function stored(index: number, name: string, file: SitemapFile): Promise<Stored> {
  const known = writing.get(name);
  if (known) return known;
  const paths = storedPaths(name);
  const pending = readFile(paths.etag, 'utf8')
    .then(
      (etag) => ({ xml: paths.xml, gz: paths.gz, etag }),
      () => write(index, name, file),
    )
    .finally(() => writing.delete(name));
  writing.set(name, pending);
  return pending;
}

async function write(index: number, name: string, file: SitemapFile): Promise<Stored> {
  const paths = storedPaths(name);
  await mkdir(SITEMAP_FILES_DIR, { recursive: true });
  const tmp = `.${randomBytes(6).toString('hex')}.tmp`;
  const temporary = [paths.xml, paths.gz, paths.etag].map((file) => file + tmp);
  // The tag comes from the bytes, not the name (which holds this machine's version numbers):
  // every machine gives the same file the same tag, so a crawler's conditional request is a
  // 304 whichever machine answers it.
  const hash = createHash('sha256');
  const hashed = (function* () {
    for (const piece of file.pieces()) {
      hash.update(piece);
      yield piece;
    }
  })();
  try {
    await pipeline(Readable.from(hashed), createWriteStream(paths.xml + tmp));
    await pipeline(
      createReadStream(paths.xml + tmp),
      createGzip({ level: 6 }),
      createWriteStream(paths.gz + tmp),
    );
    const etag = `"${index}-${hash.digest('hex').slice(0, 24)}"`;
    await writeFile(paths.etag + tmp, etag);
    // The tag last: a process that finds it finds the other two.
    await rename(paths.gz + tmp, paths.gz);
    await rename(paths.xml + tmp, paths.xml);
    await rename(paths.etag + tmp, paths.etag);
    await prune(index, name);
    return { xml: paths.xml, gz: paths.gz, etag };
  } finally {
    await Promise.all(temporary.map((file) => unlink(file).catch(() => {})));
  }
}

/**
 * Deletes this index's files of other names, once they are STALE_MS old, and temporary files a
 * process that stopped mid-write left: the folder holds about one file per index.
 */
async function prune(index: number, keep: string): Promise<void> {
  const now = Date.now();
  for (const entry of await readdir(SITEMAP_FILES_DIR)) {
    const mine = entry.startsWith(`${index}-`) && !entry.startsWith(`${keep}.`);
    if (!mine && !entry.endsWith('.tmp')) continue;
    const file = path.join(SITEMAP_FILES_DIR, entry);
    const modified = await stat(file).then(
      (s) => s.mtimeMs,
      () => now,
    );
    if (now - modified > (entry.endsWith('.tmp') ? 10 * STALE_MS : STALE_MS))
      await unlink(file).catch(() => {});
  }
}

function streamOf(pieces: Generator<string, void, undefined>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = pieces.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
}

/** The stored name of a file: its stamp and the build that writes it. */
function storedName(index: number, stamp: string): string {
  const hash = createHash('sha256').update(`${buildId()}\n${stamp}`).digest('hex');
  return `${index}-${hash.slice(0, 24)}`;
}

/**
 * Writes the files the live state has and the folder does not, newest first: called after a
 * content switch, so that a crawler's first request after a publish finds the last file (or the
 * corrected one) already written. A stamp costs 10–20 ms at 1,000,000 articles; only a changed
 * file is written (after a deploy, every file once).
 */
export async function warmSitemapFiles(): Promise<void> {
  for (let index = sitemapChunkCount() - 1; index >= 0; index -= 1) {
    const file = sitemapFile(index);
    if (!file?.stamp) return;
    await stored(index, storedName(index, file.stamp), file);
  }
}

/** GET /sitemaps/<index>.xml. */
export async function sitemapFileResponse(index: number, request: Request): Promise<Response> {
  await connection();
  const file = sitemapFile(index);
  if (!file) return new Response('Not Found', { status: 404 });
  const headers: Record<string, string> = {
    'content-type': 'application/xml; charset=utf-8',
    'cache-control': sharedCacheControl(),
  };
  // A preview's files (drafts shown) are written per request.
  if (!file.stamp) return new Response(streamOf(file.pieces()), { headers });
  const name = storedName(index, file.stamp);
  headers.vary = 'Accept-Encoding';
  let paths: Stored;
  let plain: FileHandle | undefined;
  let gzip: FileHandle | undefined;
  try {
    paths = await stored(index, name, file);
    // The plain file's tag; the gzipped one's ends in -gz (lib/http/stored-file-response.ts).
    headers.etag = paths.etag;
    const known = (request.headers.get('if-none-match') ?? '')
      .split(',')
      .map((tag) => tag.trim().replace(/^W\//, ''));
    if (known.includes(paths.etag) || known.includes(paths.etag.replace(/"$/, '-gz"')))
      return new Response(null, { status: 304, headers });
    plain = await open(paths.xml);
    gzip = await open(paths.gz);
  } catch (error) {
    await plain?.close();
    // A full disk or a read-only folder: the file is written per request instead.
    log.warn('sitemap file not stored', { index, error: (error as Error).message });
    delete headers.etag;
    return new Response(streamOf(file.pieces()), { headers });
  }
  const token = handOver(plain, gzip, paths.etag);
  if (token) return new Response(null, { headers: { ...headers, [STORED_FILE_HEADER]: token } });
  // No server hook to send it (a test, a script): the plain file, through Next.
  await gzip.close();
  const body = Readable.toWeb(createReadStream('', { fd: plain }));
  return new Response(body as ReadableStream<Uint8Array>, { headers });
}
