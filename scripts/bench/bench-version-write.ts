// npx tsx scripts/bench/bench-version-write.ts DIR [ROUNDS] [--change] — what writing the version
// of a one-article correction costs in an archive made by scripts/bench/synthetic-archive.ts (DIR:
// its --out). Each round gives one article a corrected title (a new build-cache entry, as a
// changed file gets) and makes that the live version with the content build's own writer
// (publishContentVersion), timed. The phases a content build runs before it (the stat of every
// source, the compile of the one file) are not in it. docs/benchmarks.md, issue 22.
//
// --change: as a publish given the changed file by git writes it (docs/adr/034): the open rows of
// that file only (readOpenChange), not every source compared with every open row. The archive's
// own build code is used (the catalog's open-code), so that an archive made by an earlier checkout
// can be measured with this one's writer.
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CacheEntry } from '../../lib/pipeline/build-cache';

const positional = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const asChange = process.argv.includes('--change');
const [dirArg = '', roundsArg = '3'] = positional;
const dir = path.resolve(dirArg);
// The writer's modules read CONTENT_INDEX_DIR when they load: set it first.
process.env.CONTENT_INDEX_DIR = path.join(dir, 'index');
const { openBuildCache } = await import('../../lib/pipeline/build-cache');
const { openCacheUpkeep } = await import('../../lib/pipeline/cache-upkeep');
const { contentBuildCode } = await import('../../lib/pipeline/index-writer');
const { publishContentVersion } = await import('../../lib/pipeline/content-version');
const { readOpenChange } = await import('../../lib/pipeline/catalog-writer');
const { CATALOG_FILE } = await import('../../lib/content/paths');

const root = path.join(dir, 'content');
const cacheFile = path.join(dir, 'build-cache.db');
const openCode = () => {
  const catalog = new Database(CATALOG_FILE, { readonly: true });
  try {
    return catalog
      .prepare("SELECT value FROM meta WHERE name = 'open-code'")
      .pluck()
      .get() as string;
  } finally {
    catalog.close();
  }
};
const code = asChange ? openCode() : (await contentBuildCode()).code;
const load = loadavg()[0] ?? 0;
const times: number[] = [];
for (let round = 0; round < Number(roundsArg); round += 1) {
  // The sources as a build finds them: every entry of the content directory, with its path
  // (with --change, the first article's alone).
  const db = new Database(cacheFile, { readonly: true });
  const sources = db
    .prepare(
      `SELECT path, key, kind FROM entries WHERE root = ? ${asChange ? "AND kind = 'article' " : ''}ORDER BY path${asChange ? ' LIMIT 1' : ''}`,
    )
    .all(root) as { path: string; key: string; kind: string }[];
  db.close();
  const cache = openBuildCache(cacheFile);
  const upkeep = openCacheUpkeep(cacheFile);
  try {
    const target = sources.find((source) => source.kind === 'article');
    if (!target) throw new Error(`no article in ${root}`);
    const meta = cache.meta(target.key);
    const search = cache.search(target.key);
    if (meta?.kind !== 'article' || !search) throw new Error(`${target.path}: not an article`);
    const title = `${meta.summary.title.replace(/（更正\d+）$/, '')}（更正${round + 1}）`;
    const entry: CacheEntry = { kind: 'article', summary: { ...meta.summary, title }, ...search };
    const key = createHash('sha256').update(`${target.key}\0${title}`).digest('hex');
    cache.put(root, [{ key, path: target.path, entry }]);
    const before = target.key;
    target.key = key;
    const started = performance.now();
    // As the content build gives it after one changed file: its entries by key (it reads them
    // in one scan only when thousands of files are new to the catalog's open rows).
    const open = asChange ? readOpenChange(CATALOG_FILE, code, () => [target.path]) : undefined;
    if (asChange && !open) throw new Error(`${CATALOG_FILE}: no open state of this code`);
    const result = publishContentVersion({
      code,
      sources,
      cache,
      entries: { get: (entryKey) => cache.entry(entryKey) },
      history: new Map(),
      ...(open
        ? {
            change: { open, removed: [] },
            historyChanged: { since: open.history, files: new Set<string>() },
          }
        : {}),
    });
    const written = performance.now();
    // As the content build does, within what it logs as writing the version: the replaced
    // entry is forgotten (every entry is compared with the sources once a day, not timed here).
    if (result.replaced) upkeep.forget(result.replaced);
    else if (!asChange) cache.retain(root, new Set(sources.map((source) => source.key)));
    const ms = performance.now() - started;
    times.push(ms);
    console.log(
      `round ${round + 1}: ${(ms / 1000).toFixed(1)} s (the version ${((written - started) / 1000).toFixed(1)} s, ` +
        `the cache's entries ${((performance.now() - written) / 1000).toFixed(1)} s); ${before.slice(0, 8)} → ${key.slice(0, 8)}; ` +
        `version ${result.version}; catalog ${JSON.stringify(result.catalog)}; search ${JSON.stringify(result.search)}`,
    );
  } finally {
    upkeep.close();
    cache.close();
  }
}
const sorted = [...times].sort((a, b) => a - b);
console.log(
  `${path.basename(dir)}: median ${((sorted[sorted.length >> 1] ?? 0) / 1000).toFixed(1)} s ` +
    `of ${times.length}, load ${load.toFixed(1)}`,
);
