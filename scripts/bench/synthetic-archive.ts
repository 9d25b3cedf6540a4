// npx tsx scripts/bench/synthetic-archive.ts --base-root DIR --base-index DIR --count N --out DIR
//
// An archive of N articles for the reading benchmarks of issue 22 (docs/benchmarks.md), made
// from a compiled corpus instead of compiling N files: at 1,000,000 articles the compile alone
// takes about 100 minutes on this machine, and what a reader's request costs does not depend on
// how the rows were made. The version is written by the content build's own writer
// (publishContentVersion: the catalog rows, the list stats, the search segments), from a build
// cache of its own in DIR; only the compile is skipped.
//
// --base-root: the content directory of a built corpus (`npm run generate`, then `npm run build`
// with CONTENT_DIR set to it), as this checkout's build cache names it; --base-index: that
// build's CONTENT_INDEX_DIR (its bodies). The base's articles are repeated in rounds, each round
// moved back in time by the base's span at the generator's rate (100 a day), so the archive
// reaches back N / 100 days as the generator's does. Every copy has its own slug, file, dates
// and body file (an HTML comment names the round, so no two articles share a body), and its
// related articles are the copies of the same round. Tags used fewer than RARE times in the base
// get the round's number in each copy, so the long tail of tags grows with the archive while the
// common tags grow in use. Each copy's body counts one more search term per round (roundCounts),
// so copies do not tie on the words of their bodies. Categories and site pages are the base's.
//
// The server is then started with CONTENT_INDEX_DIR=DIR/index (scripts/bench/bench-archive.ts).
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { ArticleSummary } from '../../lib/content/types';
import type { CacheEntry } from '../../lib/pipeline/build-cache';
import type { TermCounts } from '../../lib/search/term-counts';

const { values } = parseArgs({
  options: {
    'base-root': { type: 'string' },
    'base-index': { type: 'string' },
    count: { type: 'string' },
    out: { type: 'string' },
  },
});
const baseRoot = path.resolve(values['base-root'] ?? '');
const baseIndex = path.resolve(values['base-index'] ?? '');
const count = Number(values.count);
const out = path.resolve(values.out ?? '');
if (!values['base-root'] || !values['base-index'] || !values.out || !(count > 0)) {
  console.error('usage: synthetic-archive.ts --base-root DIR --base-index DIR --count N --out DIR');
  process.exit(2);
}

/** A tag used fewer times than this in the base is one of the long tail: each round has its own. */
const RARE = 10;
/** The generator's rate: the archive reaches back count / 100 days. */
const PER_DAY = 100;
const DAY_MS = 24 * 3600_000;
/** Entries per transaction of the build cache. */
const BATCH = 5000;

// The writer's modules read CONTENT_INDEX_DIR when they load: set it first.
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
process.env.CONTENT_INDEX_DIR = path.join(out, 'index');
const { BUILD_CACHE_FILE, openBuildCache } = await import('../../lib/pipeline/build-cache');
const { bodyFile } = await import('../../lib/content/paths');
const { bodyHash } = await import('../../lib/pipeline/compile-entry');
const { contentBuildCode } = await import('../../lib/pipeline/index-writer');
const { publishContentVersion } = await import('../../lib/pipeline/content-version');

const started = performance.now();
const say = (line: string) =>
  console.log(`${((performance.now() - started) / 1000).toFixed(1)} s: ${line}`);

type BaseRow = {
  key: string;
  path: string;
  kind: CacheEntry['kind'];
  meta: string;
  text: string | null;
  counts: string | null;
};
const base = new Database(BUILD_CACHE_FILE, { readonly: true });
const rows = base
  .prepare('SELECT key, path, kind, meta, text, counts FROM entries WHERE root = ? ORDER BY path')
  .all(baseRoot) as BaseRow[];
base.close();
const articles = rows.filter((row) => row.kind === 'article');
const others = rows.filter((row) => row.kind !== 'article');
if (articles.length === 0) throw new Error(`no articles of ${baseRoot} in ${BUILD_CACHE_FILE}`);
say(`${articles.length.toLocaleString('en')} base articles, ${others.length} other entries`);

const summaries = articles.map(
  (row) => (JSON.parse(row.meta) as { summary: ArticleSummary }).summary,
);
const baseSlugs = new Set(summaries.map((summary) => summary.slug));
const tagUses = new Map<string, number>();
for (const summary of summaries)
  for (const tag of summary.tags) tagUses.set(tag, (tagUses.get(tag) ?? 0) + 1);
const roundShiftMs = Math.ceil(articles.length / PER_DAY) * DAY_MS;
const bodyCache = new Map<string, string>();
const baseBody = (hash: string) => {
  let html = bodyCache.get(hash);
  if (html === undefined) {
    html = readFileSync(path.join(baseIndex, 'bodies', hash.slice(0, 2), `${hash}.html`), 'utf8');
    bodyCache.set(hash, html);
  }
  return html;
};
const shifted = (iso: string, round: number) =>
  new Date(Date.parse(iso) - round * roundShiftMs).toISOString();
const renamed = (slug: string, round: number) => (round === 0 ? slug : `${slug}-r${round}`);

/**
 * A copy's search terms: the base's, and `round` uses of a term no query can ask for (a private-use
 * character), so that each copy's body length differs. Otherwise every copy of an article would
 * score exactly alike for every query, and the ranking's tie-breaks (by slug, read from the index)
 * would cost what no real archive makes them cost. Title lengths stay the base's, so copies still
 * tie on a word found only in their titles (docs/benchmarks.md, issue 22's sixth pass).
 */
function roundCounts(counts: string | null, round: number): TermCounts {
  const parsed = JSON.parse(counts ?? '{}') as TermCounts;
  if (round > 0) parsed['\ue000'] = [0, round];
  return parsed;
}

const cacheFile = path.join(out, 'build-cache.db');
const cache = openBuildCache(cacheFile);
const root = path.join(out, 'content');
for (let shard = 0; shard < 256; shard += 1) {
  mkdirSync(path.dirname(bodyFile(shard.toString(16).padStart(2, '0'))), { recursive: true });
}

const sources: { path: string; key: string }[] = [];
// Categories and site pages as they are, with their bodies.
cache.put(
  root,
  others.map((row) => {
    const entry = JSON.parse(row.meta) as CacheEntry;
    if (entry.kind === 'page') {
      const from = path.join(baseIndex, 'bodies', entry.page.body.slice(0, 2));
      copyFileSync(path.join(from, `${entry.page.body}.html`), bodyFile(entry.page.body));
    }
    sources.push({ path: row.path, key: row.key });
    return { key: row.key, path: row.path, entry };
  }),
);

let batch: { key: string; path: string; entry: CacheEntry }[] = [];
for (let n = 0; n < count; n += 1) {
  const round = Math.floor(n / articles.length);
  const index = n % articles.length;
  const row = articles[index] as BaseRow;
  const from = summaries[index] as ArticleSummary;
  const slug = renamed(from.slug, round);
  const file = round === 0 ? row.path : row.path.replace(/(\.mdx?)$/, `-r${round}$1`);
  const html = round === 0 ? baseBody(from.body) : `${baseBody(from.body)}\n<!-- r${round} -->\n`;
  const body = bodyHash(html);
  const target = bodyFile(body);
  if (!existsSync(target)) writeFileSync(target, html);
  const summary: ArticleSummary = {
    ...from,
    slug,
    url: from.url.replace(from.slug, slug),
    date: shifted(from.date, round),
    ...(from.updated ? { updated: shifted(from.updated, round) } : {}),
    lastModified: shifted(from.lastModified, round),
    tags: from.tags.map((tag) =>
      round > 0 && (tagUses.get(tag) ?? 0) < RARE ? `${tag}${round}` : tag,
    ),
    related: from.related.map((other) => (baseSlugs.has(other) ? renamed(other, round) : other)),
    file,
    body,
  };
  const key = createHash('sha256').update(`synthetic\0${file}\0${row.key}`).digest('hex');
  sources.push({ path: file, key });
  batch.push({
    key,
    path: file,
    entry: {
      kind: 'article',
      summary,
      text: row.text ?? '',
      counts: roundCounts(row.counts, round),
    },
  });
  if (batch.length === BATCH) {
    cache.put(root, batch);
    batch = [];
    if ((n + 1) % 100_000 === 0) say(`${(n + 1).toLocaleString('en')} articles in the cache`);
  }
}
cache.put(root, batch);
say(`${count.toLocaleString('en')} articles in the build cache and their bodies written`);

const { code } = await contentBuildCode();
const result = publishContentVersion({
  code,
  sources,
  cache,
  entries: cache.index(root),
  history: new Map(),
});
cache.close();
say(
  `version ${result.version} is live in ${process.env.CONTENT_INDEX_DIR}` +
    (result.search ? `; search: ${result.search.written} documents written` : ''),
);
