// Build time: the content build's code versions. Each hashes the source files it names, found by
// following imports from entry points, with the locked dependency versions and Node's.
// - The compile step's (compileCodeVersion) is part of every build-cache key: a change to the
//   Markdown pipeline, the excerpt, the tokenizer or the schema gives every file a new key, so
//   nothing compiled by older code is reused.
// - The whole build's (buildCodeVersion), the version writer included, is part of every version id:
//   a change to how versions are written (the catalog, search segments) writes them again from the
//   cache, and recompiles nothing (at 1,000,000 articles, hours).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

// The project the build runs in (npm runs scripts there). Not this module's own location: the
// Contentlayer config bundles this file into .contentlayer/.cache when `contentlayer2 dev` runs.
const CODE_ROOT = process.cwd();

const ENTRY_POINTS = ['scripts/build/content-build.ts', 'scripts/build/content-build-worker.ts'];
// The compile step: the worker that compiles files into build-cache entries.
const COMPILE_ENTRY_POINTS = ['scripts/build/content-build-worker.ts'];
// The Contentlayer config runs in the compile step (the schema), but it imports the version writer
// for `contentlayer2 dev` alone, to call it once documents are compiled: not followed there.
const VERSION_WRITER = 'lib/pipeline/index-writer.ts';
const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.mjs', '.js', '/index.ts'];
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g;

function resolveImport(from: string, specifier: string, root: string): string | undefined {
  let base: string;
  if (specifier.startsWith('.')) base = path.resolve(path.dirname(from), specifier);
  else if (specifier.startsWith('@/')) base = path.join(root, specifier.slice(2));
  else return undefined;
  for (const extension of EXTENSIONS) {
    const candidate = base + extension;
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/**
 * Every local source file reachable from the entry points through static or dynamic imports,
 * less the files of `outside` and what only they import.
 */
export function importClosure(
  entries: string[],
  root: string,
  outside: ReadonlySet<string> = new Set(),
): string[] {
  const seen = new Set<string>();
  const queue = entries.filter((entry) => existsSync(entry));
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file) || outside.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const resolved = resolveImport(file, match[1] as string, root);
      if (resolved && !seen.has(resolved)) queue.push(resolved);
    }
  }
  return [...seen].sort();
}

/** The hash of these files (named by their path under their root), the locked dependencies and Node. */
function codeVersion(files: readonly { file: string; root: string }[]): string {
  const hash = createHash('sha256');
  for (const { file, root } of files) {
    hash.update(`${path.relative(root, file)}\0`);
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  const lock = path.join(CODE_ROOT, 'package-lock.json');
  if (existsSync(lock)) hash.update(readFileSync(lock));
  hash.update(process.version);
  return hash.digest('hex').slice(0, 16);
}

/**
 * The content check's code version, part of every check record (docs/adr/028): the rules of
 * lib/pipeline/check.ts and everything it imports, the locked dependencies (the YAML parser) and
 * Node's. The runner around it (scripts/build/run-content-check.ts) decides nothing a record holds.
 */
export function checkCodeVersion(): string {
  return codeVersion(
    importClosure([path.join(CODE_ROOT, 'lib/pipeline/check.ts')], CODE_ROOT).map((file) => ({
      file,
      root: CODE_ROOT,
    })),
  );
}

/**
 * The code version of `entries` (in this project) and of the Contentlayer config's imports, less
 * the files of `outside` (relative to the config's folder). The config may sit in another project
 * (the strictness test builds one): its imports are followed there.
 */
function entriesVersion(entries: string[], configPath: string, outside: string[] = []): string {
  return codeVersion(entriesFiles(entries, configPath, outside));
}

/** The files `entriesVersion` hashes, each with the root its name is taken under. */
function entriesFiles(entries: string[], configPath: string, outside: string[] = []) {
  const configRoot = path.dirname(configPath);
  return [
    ...importClosure(
      entries.map((entry) => path.join(CODE_ROOT, entry)),
      CODE_ROOT,
    ).map((file) => ({ file, root: CODE_ROOT })),
    ...importClosure(
      [configPath],
      configRoot,
      new Set(outside.map((file) => path.join(configRoot, file))),
    ).map((file) => ({ file, root: configRoot })),
  ];
}

/** The files the compile step's code version hashes, by their path in this project. */
export function compileCodeFiles(configPath = path.resolve('contentlayer.config.ts')): string[] {
  return entriesFiles(COMPILE_ENTRY_POINTS, configPath, [VERSION_WRITER]).map(({ file }) =>
    path.relative(CODE_ROOT, file),
  );
}

/** The compile step's code version: the worker's imports and the config's, less the writer. */
export function compileCodeVersion(configPath = path.resolve('contentlayer.config.ts')): string {
  return entriesVersion(COMPILE_ENTRY_POINTS, configPath, [VERSION_WRITER]);
}

/** The whole content build's code version: the compile step's and the version writer's. */
export function buildCodeVersion(configPath = path.resolve('contentlayer.config.ts')): string {
  return entriesVersion(ENTRY_POINTS, configPath);
}
