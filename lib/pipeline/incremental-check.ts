// Build time: the content check of a content directory that costs the change, not the archive
// (docs/adr/028-incremental-content-check.md). Each file's facts (lib/pipeline/check.ts) are kept
// in the build cache by its path, its bytes' hash and the checker's code version; a file whose
// stat record holds (lib/pipeline/source-hashes.ts) is neither read nor checked again. The rules
// across files and public/ are decided every run from all the facts, so the problems are the
// same, in the same order, as those of checkContent over every file's text.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BuildCache, CheckRecord } from './build-cache';
import { fileFacts, problemsOf, type FileFacts, type Problem, type PublicFiles } from './check';
import { hashSources, type SourceHash } from './source-hashes';

export type CheckRun = {
  problems: Problem[];
  /**
   * Files read for their hash (new, changed, racy or without a stat record); a file whose stat
   * held but whose facts are stale (another checker version) is read too, and not counted here.
   */
  read: number;
  /** Files whose facts were worked out this run rather than taken from the cache. */
  checked: number;
  /** Every file's content hash, in the order of `files` (the content build can take them). */
  sources: SourceHash[];
};

export function checkContentDir(
  input: {
    cache: Pick<BuildCache, 'statRecords' | 'putStatRecords' | 'checkRecords' | 'putCheckRecords'>;
    /** The content directory. */
    root: string;
    /** Its files, relative and with forward slashes, in the order they were listed. */
    files: readonly string[];
    /** The checker's code version (checkCodeVersion in lib/pipeline/build-version.ts). */
    version: string;
    now?: number;
  } & PublicFiles,
): CheckRun {
  const { cache, root, files, version, now, ...publicFiles } = input;
  const records = new Map<string, { hash: string; facts: string }>();
  const stored: string[] = [];
  for (const record of cache.checkRecords(root)) {
    stored.push(record.path);
    if (record.version === version) records.set(record.path, record);
  }
  const fresh: CheckRecord[] = [];
  const made = new Map<string, FileFacts>();
  const check = (file: string, bytes: Buffer, hash: string) => {
    if (records.get(file)?.hash === hash) return;
    const one = fileFacts(file, bytes.toString('utf8'));
    made.set(file, one);
    fresh.push({ path: file, hash, version, facts: JSON.stringify(one) });
  };
  // A file read for its hash is checked then, while its bytes are at hand: a first run over a
  // large archive never holds them all.
  const sources = hashSources(cache, root, files, { now, onRead: check });
  const facts = sources.map(({ path: file, hash }) => {
    const record = records.get(file);
    if (record?.hash === hash) return JSON.parse(record.facts) as FileFacts;
    // Unchanged, but checked by another version of the checker (or never).
    if (!made.has(file)) check(file, readFileSync(path.join(root, file)), hash);
    return made.get(file) as FileFacts;
  });
  const current = new Set(files);
  const gone = stored.filter((file) => !current.has(file));
  if (fresh.length > 0 || gone.length > 0) cache.putCheckRecords(root, fresh, gone);
  return {
    problems: problemsOf(facts, publicFiles),
    read: sources.filter((source) => source.read).length,
    checked: fresh.length,
    sources,
  };
}
