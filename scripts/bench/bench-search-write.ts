// npx tsx scripts/bench/bench-search-write.ts CACHE ROOT N — the search index of a cold build
// (one segment of every document) for the first N articles of a build cache (CACHE, its entries
// of content directory ROOT, e.g. those scripts/bench/synthetic-archive.ts writes), into a
// temporary folder: the wall time and the process's peak RSS. docs/benchmarks.md, issue 22.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CacheMeta } from '../../lib/pipeline/build-cache';
import { writeSearchVersion } from '../../lib/pipeline/search-writer';
import type { TermCounts } from '../../lib/search/postings';

const [cacheFile = '', root = '', count = '0'] = process.argv.slice(2);
const cache = new Database(cacheFile, { readonly: true });
const keys = cache
  .prepare("SELECT key, slug FROM entries WHERE root = ? AND kind = 'article' ORDER BY key LIMIT ?")
  .all(root, Number(count)) as { key: string; slug: string }[];
const read = cache.prepare('SELECT meta, text, counts FROM entries WHERE key = ?');
const dir = mkdtempSync(path.join(tmpdir(), 'bench-search-write-'));
const load = loadavg()[0] ?? 0;
const started = performance.now();
try {
  const result = writeSearchVersion({
    manifestFile: path.join(dir, 'search.json'),
    segmentsDir: path.join(dir, 'segments'),
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
  const bytes = readdirSync(path.join(dir, 'segments')).reduce(
    (sum, file) => sum + statSync(path.join(dir, 'segments', file)).size,
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
  rmSync(dir, { recursive: true, force: true });
}
