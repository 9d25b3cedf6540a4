// Validates and compiles source files the build cache lacks: Contentlayer (the schema, its strict
// flags, its error messages) runs on a staging directory holding only those files, as symbolic
// links under their own paths, a chunk at a time; each valid document's body is then compiled
// once and its entry stored in the build cache. Contentlayer's checks are per document (ours
// across documents run over every file, in the content check), so validating the changed files
// alone refuses exactly what validating everything would (docs/adr/012-incremental-content-build.md).
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@contentlayer2/core';
import { openBuildCache, type CacheEntry } from '../../lib/pipeline/build-cache';
import type { ImageInfo } from '../../lib/content/rules';
import {
  compileArticle,
  compileCategory,
  compilePage,
  readGeneratedDocuments,
  type GeneratedArticle,
} from '../../lib/pipeline/compile-entry';

export type CompileJob = {
  /** Paths relative to the content directory, with the cache key of each file's bytes. */
  files: { path: string; key: string }[];
  contentDir: string;
  configPath: string;
  cacheFile: string;
  /** A directory of this process's own, inside the project (Contentlayer's compiled config
   * imports packages from node_modules). */
  stageRoot: string;
  /** Files per Contentlayer run: what it holds in memory grows with it (about 0.2 MB a file). */
  chunk: number;
  /** The pictures under public/ (lib/pipeline/images.ts), read once by the build. */
  images: [string, ImageInfo][];
  /** Files of this job validated by Contentlayer, and compiled, so far (a few times a chunk). */
  onProgress?: (progress: Progress) => void;
};

export type Progress = { validated: number; compiled: number };

/** Compiled documents between two progress reports within a chunk. */
const REPORT_EVERY = 200;

// (The effect types do not resolve under this tsconfig, so the results are typed here.)
type Config = Parameters<typeof core.generateDotpkg>[0]['config'];

function stage(job: CompileJob, files: CompileJob['files']) {
  const content = path.join(job.stageRoot, 'content');
  rmSync(content, { recursive: true, force: true });
  const artifacts = path.join(job.stageRoot, '.contentlayer');
  rmSync(path.join(artifacts, 'generated'), { recursive: true, force: true });
  // Contentlayer's own cache trusts a file's modification time; it must validate every file.
  const cacheDir = path.join(artifacts, '.cache');
  if (existsSync(cacheDir)) {
    for (const versionDir of readdirSync(cacheDir)) {
      const dir = path.join(cacheDir, versionDir);
      for (const name of readdirSync(dir)) {
        if (/^data-.*\.json$/.test(name)) rmSync(path.join(dir, name), { force: true });
      }
    }
  }
  for (const file of files) {
    const target = path.join(content, file.path);
    mkdirSync(path.dirname(target), { recursive: true });
    symlinkSync(path.join(job.contentDir, file.path), target);
  }
}

export async function compileSources(job: CompileJob): Promise<void> {
  mkdirSync(job.stageRoot, { recursive: true });
  // The Contentlayer config reads its content directory from the environment when it is loaded.
  process.env.CONTENT_DIR = path.join(job.stageRoot, 'content');
  process.env.CONTENT_INDEX_WRITER = 'content-build';
  // runMain prints Contentlayer's own error (file and field) and exits non-zero on any failure.
  const run = core.runMain({
    tracingServiceName: 'content-build',
    verbose: false,
    customCwd: job.stageRoot,
  });
  const loaded = (await run(core.getConfig({ configPath: job.configPath }))) as Config;
  // Without onSuccess: it does nothing in this build (the index is written by run-content-build.ts),
  // and Contentlayer prints a `successCallback <path>` debug line before each call.
  const config = {
    ...loaded,
    source: { ...loaded.source, options: { ...loaded.source.options, onSuccess: undefined } },
  } as Config;
  const cache = openBuildCache(job.cacheFile);
  const images = new Map(job.images);
  const progress: Progress = { validated: 0, compiled: 0 };
  const compiled = () => {
    progress.compiled += 1;
    if (progress.compiled % REPORT_EVERY === 0) job.onProgress?.({ ...progress });
  };
  try {
    for (let start = 0; start < job.files.length; start += job.chunk) {
      const files = job.files.slice(start, start + job.chunk);
      stage(job, files);
      await run(core.generateDotpkg({ config, verbose: false }));
      progress.validated += files.length;
      job.onProgress?.({ ...progress });
      const keys = new Map(files.map((file) => [file.path, file.key]));
      const generated = await readGeneratedDocuments(
        path.join(job.stageRoot, '.contentlayer', 'generated'),
      );
      const entries: { key: string; path: string; entry: CacheEntry }[] = [];
      const keyOf = (file: string) => {
        const key = keys.get(file);
        if (!key)
          throw new Error(`Contentlayer returned a document for ${file}, which was not staged`);
        return key;
      };
      for (const doc of generated.articles as GeneratedArticle[]) {
        const file = doc._raw.sourceFilePath;
        const text = await readFile(path.join(job.contentDir, file), 'utf8');
        entries.push({
          key: keyOf(file),
          path: file,
          entry: await compileArticle(doc, text, images),
        });
        compiled();
      }
      for (const doc of generated.pages) {
        const file = doc._raw.sourceFilePath;
        const text = await readFile(path.join(job.contentDir, file), 'utf8');
        entries.push({ key: keyOf(file), path: file, entry: await compilePage(doc, text, images) });
        compiled();
      }
      for (const doc of generated.categories) {
        const file = doc._raw.sourceFilePath;
        entries.push({ key: keyOf(file), path: file, entry: compileCategory(doc) });
        compiled();
      }
      cache.put(job.contentDir, entries);
      // Every staged file is done, also one Contentlayer returned no document for.
      progress.compiled = progress.validated;
      job.onProgress?.({ ...progress });
    }
  } finally {
    cache.close();
    rmSync(job.stageRoot, { recursive: true, force: true });
  }
}
