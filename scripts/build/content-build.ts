// `npm run content`: the content build. Every source file is hashed with the build code's version
// (lib/pipeline/build-version.ts); only files the build cache lacks are validated by Contentlayer
// and compiled (scripts/build/compile-sources.ts), in child processes on every core when there
// are many; the rest comes from the cache. The result is a new content version, made live with a
// rename: a running server picks it up without a restart (docs/adr/012, docs/adr/013).
//
// Contentlayer runs through @contentlayer2/core without the CLI's effect-ts tracing, which took a
// 10,000-article build from over 6 minutes to about a minute (docs/adr/001).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { env } from '../../lib/env';
import { CONTENT_INDEX_DIR } from '../../lib/content/paths';
import type { ImageInfo } from '../../lib/content/rules';
import { cacheKey, openBuildCache, type CacheMeta } from '../../lib/pipeline/build-cache';
import { lockContentBuild } from '../../lib/pipeline/build-lock';
import { publishContentVersion, type Source } from '../../lib/pipeline/content-version';
import { readGitHistoryState, type GitHistoryState } from '../../lib/pipeline/git-history';
import { BUILD_CACHE_FILE, contentBuildCode, isComplete } from '../../lib/pipeline/index-writer';
import { listSourceFiles } from '../../lib/pipeline/source-files';
import type { CompileJob } from './compile-sources';

/** The files Contentlayer reads (its own glob): anything else is the content check's to report. */
const CONTENTLAYER_FILE = /\.(md|mdx|json|ya?ml)$/i;
/** Below this many files a second process costs more than it saves (start-up, config compile). */
const FILES_PER_WORKER = 400;
/** Files per Contentlayer run (memory grows with it). */
const CHUNK = 2000;

const started = performance.now();
process.env.CONTENT_INDEX_WRITER = 'content-build';
const configArg = process.argv.indexOf('--config');
const configPath = path.resolve(
  configArg > 0 ? (process.argv[configArg + 1] ?? '') : 'contentlayer.config.ts',
);
const contentDir = path.resolve(env.contentDir);
const stageBase = path.resolve('.contentlayer', 'stage');

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
  if (workers === 1) {
    // One small change: no second process to start.
    const { compileSources } = await import('./compile-sources');
    await compileSources(job(0, sorted));
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

async function main() {
  const unlock = lockContentBuild(CONTENT_INDEX_DIR);
  try {
    const { code, images } = await contentBuildCode(configPath);
    const cache = openBuildCache(BUILD_CACHE_FILE);
    const sources: Source[] = listSourceFiles(contentDir)
      .filter((file) => CONTENTLAYER_FILE.test(file))
      .map((file) => ({
        path: file,
        key: cacheKey(code, file, readFileSync(path.join(contentDir, file))),
      }));
    const hashed = performance.now();
    const metas = new Map<string, CacheMeta | undefined>();
    const misses: Source[] = [];
    for (const source of sources) {
      const meta = cache.meta(source.key);
      metas.set(source.key, meta);
      // A cached article or page whose body file is gone is compiled again.
      if (!isComplete(meta)) misses.push(source);
    }
    if (misses.length > 0) {
      await compileInWorkers(misses, BUILD_CACHE_FILE, images);
      for (const source of misses) metas.set(source.key, cache.meta(source.key));
    }
    const compiled = performance.now();
    const stateName = `git:${contentDir}`;
    const previous = cache.state(stateName);
    const history = readGitHistoryState(
      contentDir,
      previous ? (JSON.parse(previous) as GitHistoryState) : undefined,
    );
    if (history.head) cache.setState(stateName, JSON.stringify(history));
    const result = publishContentVersion({
      code,
      sources,
      cache,
      metas,
      history: new Map(history.history),
    });
    cache.retain(contentDir, new Set(sources.map((source) => source.key)));
    cache.close();
    const seconds = (from: number, to = performance.now()) => ((to - from) / 1000).toFixed(1);
    console.log(
      `Generated ${sources.length} documents in .contentlayer: ${misses.length} parsed, ` +
        `${sources.length - misses.length} from the cache; version ${result.version}` +
        `${result.switched ? ' is live' : ' was live already'} (${seconds(started)} s: ` +
        `hashing ${seconds(started, hashed)} s, validating and compiling ${seconds(hashed, compiled)} s, ` +
        `writing the version ${seconds(compiled)} s)`,
    );
  } finally {
    unlock();
  }
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
