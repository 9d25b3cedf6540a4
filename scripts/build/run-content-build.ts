// The content build (`npm run content`: scripts/build/content-build.ts). Every source file is
// hashed with the build code's version (lib/pipeline/build-version.ts), a file whose stat has
// not changed by the hash it had then (lib/pipeline/source-hashes.ts, docs/adr/028); only files
// the build cache lacks are validated by Contentlayer and compiled
// (scripts/build/compile-sources.ts), in child processes on every core when there are many; the
// rest comes from the cache. The result is a new content version, made live with a rename: a
// running server picks it up without a restart (docs/adr/012, docs/adr/013).
//
// Contentlayer runs through @contentlayer2/core without the CLI's effect-ts tracing, which took a
// 10,000-article build from over 6 minutes to about a minute (docs/adr/001).
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { env } from '../../lib/env';
import { CATALOG_FILE, CONTENT_INDEX_DIR } from '../../lib/content/paths';
import type { ImageInfo } from '../../lib/content/rules';
import {
  BUILD_CACHE_FILE,
  cacheKey,
  openBuildCache,
  type EntryInfo,
} from '../../lib/pipeline/build-cache';
import { openCacheUpkeep } from '../../lib/pipeline/cache-upkeep';
import { readOpenChange, readOpenState } from '../../lib/pipeline/catalog-writer';
import { lockContentBuild } from '../../lib/pipeline/build-lock';
import {
  NeedsWholeVersion,
  publishContentVersion,
  type Source,
  type VersionResult,
} from '../../lib/pipeline/content-version';
import { updateGitHistory } from '../../lib/pipeline/git-history';
import { bodiesOnDisk, contentBuildCode, isComplete } from '../../lib/pipeline/index-writer';
import { changedBetween, cleanCommit } from '../../lib/pipeline/source-changes';
import { hashSources, type SourceHash } from '../../lib/pipeline/source-hashes';
import { listSourceFiles } from '../../lib/pipeline/source-files';
import { contentHash } from '../../lib/pipeline/build-cache';
import type { CompileJob, Progress } from './compile-sources';

/** The files Contentlayer reads (its own glob): anything else is the content check's to report. */
const CONTENTLAYER_FILE = /\.(md|mdx|json|ya?ml)$/i;
/** Below this many files a second process costs more than it saves (start-up, config compile). */
const FILES_PER_WORKER = 400;
/** Above this many files to look up in the build cache, its entries are read in one scan. */
const LOOKUPS_MAX = 10_000;
/** How often every build-cache entry is compared with the sources (a publish forgets its own). */
const RETAIN_EVERY_MS = 24 * 60 * 60_000;
/** Files per Contentlayer run (memory grows with it). */
const CHUNK = 2000;

/** At most one progress line this often while files compile (the 100,000-article build: minutes). */
const PROGRESS_MS = 10_000;

const configArg = process.argv.indexOf('--config');
const configPath = path.resolve(
  configArg > 0 ? (process.argv[configArg + 1] ?? '') : 'contentlayer.config.ts',
);
const contentDir = path.resolve(env.contentDir);
const stageBase = path.resolve('.contentlayer', 'stage');

const say = (line: string) => console.log(`内容构建 content build: ${line}`);
const seconds = (from: number, to = performance.now()) => ((to - from) / 1000).toFixed(1);

/** A directory inside the project by its relative path, any other by its full path. */
function shortPath(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative && !relative.startsWith('..') ? relative : dir;
}

function duration(ms: number): string {
  const total = Math.round(ms / 1000);
  return total < 60 ? `${total} s` : `${Math.floor(total / 60)} min ${total % 60} s`;
}

/**
 * Sums the progress of every process and prints a line every PROGRESS_MS: files validated and
 * compiled, the time so far and an estimate of the time left.
 */
function progressReporter(total: number, processes: number) {
  const from = performance.now();
  const each: Progress[] = Array.from({ length: processes }, () => ({ validated: 0, compiled: 0 }));
  let printed = from;
  return (index: number, progress: Progress) => {
    each[index] = progress;
    const now = performance.now();
    const compiled = each.reduce((sum, one) => sum + one.compiled, 0);
    if (now - printed < PROGRESS_MS || compiled >= total) return;
    printed = now;
    const validated = each.reduce((sum, one) => sum + one.validated, 0);
    const left =
      compiled > 0
        ? ` (about ${duration(((now - from) / compiled) * (total - compiled))} left)`
        : '';
    say(
      `  ${compiled.toLocaleString('en')} of ${total.toLocaleString('en')} compiled ` +
        `(${Math.floor((compiled / total) * 100)}%), ${validated.toLocaleString('en')} validated, ` +
        `${duration(now - from)}${left}`,
    );
  };
}

async function compileInWorkers(
  files: Source[],
  cacheFile: string,
  images: ReadonlyMap<string, ImageInfo>,
): Promise<void> {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : 1));
  const workers = Math.max(
    1,
    Math.min(availableParallelism(), Math.ceil(sorted.length / FILES_PER_WORKER)),
  );
  const job = (index: number, share: Source[]): Omit<CompileJob, 'onProgress'> => ({
    files: share,
    contentDir,
    configPath,
    cacheFile,
    stageRoot: path.join(stageBase, `${process.pid}-${index}`),
    chunk: CHUNK,
    images: [...images],
  });
  say(
    `validating (Contentlayer's strict schema) and compiling ${sorted.length.toLocaleString('en')} ` +
      `files in ${workers} ${workers === 1 ? 'process' : 'processes'}`,
  );
  const report = progressReporter(sorted.length, workers);
  if (workers === 1) {
    // One small change: no second process to start.
    const { compileSources } = await import('./compile-sources');
    await compileSources({ ...job(0, sorted), onProgress: (progress) => report(0, progress) });
    return;
  }
  const size = Math.ceil(sorted.length / workers);
  const children = Array.from({ length: workers }, (_, index) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'content-build-worker.ts')],
      {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    child.send(job(index, sorted.slice(index * size, (index + 1) * size)));
    child.on('message', (progress: Progress) => report(index, progress));
    return child;
  });
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve, reject) => {
          child.once('exit', (code) => {
            if (code === 0) resolve();
            else {
              for (const other of children) other.kill();
              reject(new Error(`a content build worker exited with ${code}`));
            }
          });
        }),
    ),
  );
}

type BuildInput = {
  /**
   * Every source file's content hash as the content check just found them in this process
   * (scripts/build/check-and-build.ts), instead of a second pass over the files; with `partial`,
   * only those of the files the check read (changed since its last run, from git).
   */
  hashes?: readonly SourceHash[];
  partial?: boolean;
  /**
   * The commit the content directory is exactly at (cleanCommit, source-changes.ts), if it is;
   * asked of git when not given.
   */
  at?: string;
};

/** What both ways of writing a version share. */
type BuildRun = {
  started: number;
  compile: string;
  code: string;
  images: ReadonlyMap<string, ImageInfo>;
  cache: ReturnType<typeof openBuildCache>;
  upkeep: ReturnType<typeof openCacheUpkeep>;
  history: ReturnType<typeof updateGitHistory>;
  historyBefore: string | undefined;
  historyStore: ReturnType<ReturnType<typeof openCacheUpkeep>['historyStore']>;
  at: string | undefined;
};

/** The content build. */
export async function runContentBuild(input: BuildInput = {}) {
  const started = performance.now();
  process.env.CONTENT_INDEX_WRITER = 'content-build';
  const unlock = lockContentBuild(CONTENT_INDEX_DIR);
  try {
    const { compile, code, images } = await contentBuildCode(configPath);
    const cache = openBuildCache(BUILD_CACHE_FILE);
    const upkeep = openCacheUpkeep(BUILD_CACHE_FILE);
    try {
      // Each file's commits, kept by file in the build cache: read and written for the files the
      // commits since the last build touched.
      const historyStore = upkeep.historyStore(contentDir);
      const historyBefore = historyStore.head();
      const history = updateGitHistory(contentDir, historyStore);
      const at = 'at' in input ? input.at : cleanCommit(contentDir);
      const run: BuildRun = {
        started,
        compile,
        code,
        images,
        cache,
        upkeep,
        history,
        historyBefore,
        historyStore,
        at,
      };
      // Once a day every build-cache entry is compared with the sources: a whole version's work.
      const retainDue = Date.now() - Number(cache.state(retained) ?? 0) >= RETAIN_EVERY_MS;
      if (!(at && !retainDue && (await buildChange(run, at, input)))) await buildWhole(run, input);
    } finally {
      upkeep.close();
      cache.close();
    }
  } finally {
    unlock();
  }
}

const retained = `retained:${contentDir}`;
const CHANGED = 'the changed files, from git';

/**
 * The version as the change of the open one, from the files changed since the commit its sources
 * were at (git) and those whose history changed: reads, compiles and writes those alone. False
 * when that cannot be done (no such commit, another code's rows, a category or page among them).
 */
async function buildChange(run: BuildRun, at: string, input: BuildInput): Promise<boolean> {
  const { compile, code, cache, history, historyBefore } = run;
  const touched = history.touched;
  if (!touched || historyBefore === undefined) return false;
  let since = '';
  let paths: string[] = [];
  let named = new Set<string>();
  const open = readOpenChange(CATALOG_FILE, code, (head) => {
    if (!head.sources || head.history !== historyBefore) return undefined;
    const changed = changedBetween(contentDir, head.sources, at);
    if (!changed) return undefined;
    since = head.sources;
    named = new Set(changed);
    paths = [...new Set([...changed, ...touched])]
      .filter((file) => CONTENTLAYER_FILE.test(file))
      .sort();
    return paths;
  });
  if (!open) return false;
  const known = new Map(input.partial ? input.hashes?.map((one) => [one.path, one.hash]) : []);
  const sources: Source[] = [];
  const removed: string[] = [];
  for (const file of paths) {
    let hash = known.get(file);
    if (hash === undefined) {
      const full = path.join(contentDir, file);
      if (statSync(full, { throwIfNoEntry: false })?.isFile())
        hash = contentHash(readFileSync(full));
    }
    // A file gone now that git does not name since the open version's commit was not there
    // either (added and removed in between, its history touched): nothing of it to remove.
    if (hash === undefined) {
      if (named.has(file)) removed.push(file);
    } else sources.push({ path: file, key: cacheKey(compile, file, hash) });
  }
  const hashed = performance.now();
  const misses = sources.filter(
    (source) =>
      open.rows.get(source.path)?.key !== source.key && !isComplete(cache.entry(source.key)),
  );
  say(
    `${paths.length.toLocaleString('en')} files changed since ${since.slice(0, 12)} (git), ` +
      `${removed.length} of them removed: ${misses.length.toLocaleString('en')} to compile ` +
      `(${seconds(run.started, hashed)} s)`,
  );
  if (misses.length > 0) {
    await compileInWorkers(misses, BUILD_CACHE_FILE, run.images);
    say(`compiled ${misses.length.toLocaleString('en')} files (${seconds(hashed)} s)`);
  }
  const compiled = performance.now();
  say('writing the content version as a change (dates from git history, lists, search index)');
  let result: VersionResult;
  try {
    result = publishContentVersion({
      code,
      sources,
      cache,
      entries: { get: (key) => cache.entry(key) },
      history: run.historyStore,
      historyHead: history.head,
      historyChanged: { since: historyBefore, files: touched },
      change: { open, removed },
      sourcesAt: at,
    });
  } catch (error) {
    if (!(error instanceof NeedsWholeVersion)) throw error;
    say(`writing the version whole: ${error.message}`);
    return false;
  }
  if (result.replaced) run.upkeep.forget(result.replaced);
  done(run, result, {
    files: paths.length,
    misses: misses.length,
    hashed,
    compiled,
    how: CHANGED,
  });
  return true;
}

/** The version compared whole with the open one: every source file hashed (or the check's hashes). */
async function buildWhole(run: BuildRun, input: BuildInput): Promise<void> {
  const { started, compile, code, cache, history, historyBefore } = run;
  let at = run.at;
  const links: string[] = [];
  const hashes =
    input.hashes && !input.partial
      ? input.hashes.filter((source) => CONTENTLAYER_FILE.test(source.path))
      : hashSources(
          cache,
          contentDir,
          listSourceFiles(contentDir, '', links).filter((file) => CONTENTLAYER_FILE.test(file)),
        );
  // Git sees a link, not the file it points to: no commit vouches for these sources.
  if (links.length > 0) at = undefined;
  const sources: Source[] = hashes.map(({ path: file, hash }) => ({
    path: file,
    key: cacheKey(compile, file, hash),
  }));
  const read = hashes.filter((source) => source.read).length;
  const hashedBy =
    input.hashes && !input.partial
      ? 'taken from the content check'
      : `${read.toLocaleString('en')} files read`;
  const hashed = performance.now();
  // The newest version's rows by file: a file with its open row's key was complete when that
  // version was written (its body is the version's, kept with it), and is not looked at again.
  const open = readOpenState(CATALOG_FILE, code);
  const others = open
    ? sources.filter((source) => open.rows.get(source.path)?.key !== source.key)
    : sources;
  // Many to look at (a cold build, new compile code): one scan of the cache's entries and one
  // listing of the bodies, not a question per file. A cached article or page whose body file
  // is gone is compiled again.
  const entries: Map<string, EntryInfo> | undefined =
    others.length > LOOKUPS_MAX ? cache.index(contentDir) : undefined;
  const bodies = entries ? bodiesOnDisk() : undefined;
  const hasBody = bodies ? (hash: string) => bodies.has(hash) : undefined;
  const misses = others.filter(
    (source) => !isComplete(entries ? entries.get(source.key) : cache.entry(source.key), hasBody),
  );
  say(
    `${sources.length.toLocaleString('en')} source files in ${shortPath(contentDir)}: ` +
      `${misses.length.toLocaleString('en')} new or changed, ` +
      `${(sources.length - misses.length).toLocaleString('en')} from the build cache (${seconds(started, hashed)} s)`,
  );
  if (misses.length > 0) {
    await compileInWorkers(misses, BUILD_CACHE_FILE, run.images);
    for (const source of misses) {
      const entry = cache.entry(source.key);
      if (entry) entries?.set(source.key, entry);
    }
    say(`compiled ${misses.length.toLocaleString('en')} files (${seconds(hashed)} s)`);
  }
  const compiled = performance.now();
  say('writing the content version (dates from git history, lists, search index)');
  const result = publishContentVersion({
    code,
    sources,
    cache,
    entries: entries ?? { get: (key) => cache.entry(key) },
    ...(open ? { open } : {}),
    history: run.historyStore,
    historyHead: history.head,
    ...(history.touched && historyBefore !== undefined
      ? { historyChanged: { since: historyBefore, files: history.touched } }
      : {}),
    ...(at ? { sourcesAt: at } : {}),
  });
  // The entries no source has: those the version replaced, and once a day every one (what a
  // build that failed after compiling left, a changed category's old entry), a scan of all.
  if (result.replaced && Date.now() - Number(cache.state(retained) ?? 0) < RETAIN_EVERY_MS) {
    run.upkeep.forget(result.replaced);
  } else {
    cache.retain(contentDir, new Set(sources.map((source) => source.key)));
    cache.setState(retained, String(Date.now()));
  }
  done(run, result, {
    files: sources.length,
    misses: misses.length,
    hashed,
    compiled,
    how: hashedBy,
  });
}

function done(
  run: BuildRun,
  result: VersionResult,
  counts: { files: number; misses: number; hashed: number; compiled: number; how: string },
): void {
  const { started } = run;
  const { files, misses, hashed, compiled, how } = counts;
  say(
    `done: ${files} ${how === CHANGED ? 'changed files' : 'documents'}, ${misses} parsed, ` +
      `${files - misses} from the cache; version ${result.version}` +
      `${result.switched ? ' is live' : ' was live already'} (${seconds(started)} s: ` +
      `hashing ${seconds(started, hashed)} s (${how}), validating and compiling ${seconds(hashed, compiled)} s, ` +
      `writing the version ${seconds(compiled)} s)`,
  );
  if (result.search) {
    const { added, removed, written, segments } = result.search;
    say(
      `search index: ${added} added, ${removed} left out, ${written} documents written, ` +
        `${segments} ${segments === 1 ? 'segment' : 'segments'}`,
    );
  }
}
