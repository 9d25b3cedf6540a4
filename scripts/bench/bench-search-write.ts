// npx tsx scripts/bench/bench-search-write.ts CACHE ROOT N [INDEX] — the search index of a cold
// build (one segment of every document) for the first N articles of a build cache (CACHE, its
// entries of content directory ROOT, e.g. those scripts/bench/synthetic-archive.ts writes), into a
// temporary folder: the wall time and the process's peak RSS. docs/benchmarks.md, issue 22.
// With INDEX (a CONTENT_INDEX_DIR, e.g. a hard-linked copy of a synthetic archive's), the index
// is kept there as the live version's instead: an archive's search rewritten by this code.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CacheMeta } from '../../lib/pipeline/build-cache';
import { writeSearchVersion } from '../../lib/pipeline/search-writer';
import { segmentFileName, type SearchManifest } from '../../lib/search/search-db';
import type { TermCounts } from '../../lib/search/term-counts';

const [cacheFile = '', root = '', count = '0', keepIn] = process.argv.slice(2);
const cache = new Database(cacheFile, { readonly: true });
const keys = cache
  .prepare("SELECT key, slug FROM entries WHERE root = ? AND kind = 'article' ORDER BY key LIMIT ?")
  .all(root, Number(count)) as { key: string; slug: string }[];
const read = cache.prepare('SELECT meta, text, counts FROM entries WHERE key = ?');
const dir = keepIn ?? mkdtempSync(path.join(tmpdir(), 'bench-search-write-'));
const { version } = keepIn
  ? (JSON.parse(readFileSync(path.join(keepIn, 'current.json'), 'utf8')) as { version: string })
  : { version: '' };
const manifestFile = keepIn
  ? path.join(keepIn, 'versions', version, 'search.json')
  : path.join(dir, 'search.json');
const segmentsDir = path.join(dir, keepIn ? 'search' : 'segments');
const load = loadavg()[0] ?? 0;
const started = performance.now();
try {
  const result = writeSearchVersion({
    manifestFile,
    segmentsDir,
    docs: keys,
    load: (key) => {
      const row = read.get(key) as { meta: string; text: string; counts: string };
      const meta = JSON.parse(row.meta) as CacheMeta;
      if (meta.kind !== 'article') throw new Error(`${key} is not an article`);
      const { title, tags, date, draft } = meta.summary;
      return {
        title,
        tags,
        date: Date.parse(date),
        draft,
        text: row.text,
        counts: JSON.parse(row.counts) as TermCounts,
      };
    },
    code: 'bench',
  });
  const seconds = (performance.now() - started) / 1000;
  const { segments } = JSON.parse(readFileSync(manifestFile, 'utf8')) as SearchManifest;
  const bytes = segments.reduce(
    (sum, { name }) => sum + statSync(path.join(segmentsDir, segmentFileName(name))).size,
    0,
  );
  const peakMb =
    Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024;
  console.log(
    `${result.written.toLocaleString('en')} documents: ${seconds.toFixed(1)} s, ` +
      `${(bytes / 2 ** 20).toFixed(0)} MB on disk, peak RSS ${peakMb.toFixed(0)} MB, load ${load.toFixed(1)}`,
  );
} finally {
  cache.close();
  if (!keepIn) rmSync(dir, { recursive: true, force: true });
}
