// Build time: the content check of a content directory that costs the change, not the archive
// (docs/adr/028-incremental-content-check.md, docs/adr/033-a-check-that-costs-the-change.md).
// Each file's facts (lib/pipeline/check.ts) are kept in the build cache by its path, its bytes'
// hash and the checker's code version; a file whose stat record holds
// (lib/pipeline/source-hashes.ts) is neither read nor checked again. Its problems are kept too
// (lib/pipeline/check-state.ts) and decided again only when the file changed or a name it looks
// up did: a slug or category that came or went, a picture whose file or size changed. The report
// is the same, in the same order, as that of checkContent over every file's text.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { BuildCache, CheckRecord } from './build-cache';
import {
  factNames,
  fileFacts,
  fileProblems,
  type FileFacts,
  type Lookups,
  type Problem,
  type PublicFiles,
} from './check';
import type { CheckStore, Name } from './check-state';
import { contentHash } from './build-cache';
import { hashSources, type SourceHash } from './source-hashes';

export type CheckRun = {
  /** In report order: every problem, or every error and the first `warningsShown` warnings. */
  problems: Problem[];
  errors: number;
  warnings: number;
  /**
   * Files read for their hash (new, changed, racy or without a stat record); a file whose stat
   * held but whose facts are stale (another checker version) is read too, and not counted here.
   */
  read: number;
  /** Files whose facts were worked out this run rather than taken from the cache. */
  checked: number;
  /** Files whose problems were decided this run (changed, or a name they look up moved). */
  decided: number;
  /** The files of the content directory. */
  files: number;
  /**
   * Every file's content hash, in the order of `files` (the content build can take them); with
   * `changes`, those of the changed paths that are files now.
   */
  sources: SourceHash[];
  /** With `changes`: the changed paths that are no file now. */
  gone?: string[];
};

const nameKey = ({ kind, name }: Name) => `${kind}\0${name}`;
/** Facts written to the cache together. */
const FACTS_BATCH = 1000;
/** Facts kept in memory for the decisions by default (a change's worth). */
const FACTS_KEPT = 10_000;

export function checkContentDir(
  input: {
    cache: Pick<BuildCache, 'statRecords' | 'putStatRecords'>;
    store: CheckStore;
    /** The content directory. */
    root: string;
    /** Its files, relative and with forward slashes, in the order they were listed. */
    files: readonly string[];
    /**
     * `files` names only the paths that may have changed since the state's `sourcesAt` (from
     * git, source-changes.ts); every other file is as the state has it. A path that is no file
     * now is gone. Only for a state of this `version` made at that commit (usableSince).
     */
    changes?: { since: string };
    /** The commit the content directory is exactly at, kept with the state for the next run. */
    at?: string;
    /** The checker's code version (checkCodeVersion in lib/pipeline/build-version.ts). */
    version: string;
    /** Report every error and only this many warnings (the count is of all of them). */
    warningsShown?: number;
    /** Facts kept in memory for the decisions; the others are read back from the cache. */
    factsKept?: number;
    now?: number;
  } & PublicFiles,
): CheckRun {
  const {
    cache,
    store,
    root,
    files,
    changes,
    at,
    version,
    warningsShown,
    factsKept = FACTS_KEPT,
    now,
    ...publicFiles
  } = input;
  // Facts worked out this run go to the cache a batch at a time, and only a change's worth stay in
  // memory: a full run (a new checker) over 1,000,000 files does not hold a million of them
  // (about 7 KB each as objects: 700 MB at 100,000).
  let checked = 0;
  const fresh: CheckRecord[] = [];
  const flush = () => {
    store.putFacts(fresh.splice(0));
  };
  const made = new Map<string, FileFacts>();
  const check = (file: string, bytes: Buffer, hash: string) => {
    const one = fileFacts(file, bytes.toString('utf8'));
    if (made.size < factsKept) made.set(file, one);
    fresh.push({ path: file, hash, version, facts: JSON.stringify(one) });
    checked += 1;
    if (fresh.length >= FACTS_BATCH) flush();
    return one;
  };
  const factsOf = (file: string, hash: string): FileFacts => {
    const known = made.get(file);
    if (known) return known;
    const cached = store.cachedFacts(file, hash, version);
    if (cached !== undefined) return JSON.parse(cached) as FileFacts;
    return check(file, readFileSync(path.join(root, file)), hash);
  };
  // A file read for its hash is checked then, while its bytes are at hand: a first run over a
  // large archive never holds them all.
  const onRead = (file: string, bytes: Buffer, hash: string) => {
    if (store.cachedFacts(file, hash, version) === undefined) check(file, bytes, hash);
  };
  const sources = changes
    ? readChanged(root, files, onRead)
    : hashSources(cache, root, files, { now, onRead });
  flush();
  const current = new Map(sources.map((source) => [source.path, source.hash]));

  const outcome = store.transaction(() => {
    let totals = store.totals();
    if (changes && !usableSince(totals, version, changes.since))
      throw new Error(`the content check's state was not made at ${changes.since}`);
    if (totals?.version !== version) {
      store.clear();
      totals = { version, errors: 0, warnings: 0 };
    }
    // With `changes`, only the changed paths are asked (the state has every other file's hash).
    const decidedAt = changes ? undefined : store.hashes();
    const decided = (file: string) => (decidedAt ? decidedAt.get(file) : store.hash(file));
    const cold = decidedAt?.size === 0;
    const changed = sources.filter((source) => decided(source.path) !== source.hash);
    // Files gone since the state was made. A full run (no state) asks the facts table instead, so
    // that the facts of files deleted while another checker's state stood are not kept forever.
    const gone = changes
      ? files.filter((file) => !current.has(file) && decided(file) !== undefined)
      : (cold ? [...store.factPaths()] : [...(decidedAt?.keys() ?? [])]).filter(
          (file) => !current.has(file),
        );
    const goneNow = new Set(gone);
    const fileCount = changes
      ? (totals.files ?? store.hashes().size) -
        gone.length +
        changed.filter((source) => decided(source.path) === undefined).length
      : sources.length;
    // A file's hash now: read this run, or (with `changes`) unchanged since the state was made.
    const hashNow = (file: string) =>
      current.get(file) ?? (changes && !goneNow.has(file) ? store.hash(file) : undefined);
    const redo = new Set(changed.map((source) => source.path));
    const moved = new Map<string, Name>();
    const pictures = new Set<string>();
    for (const file of [...redo, ...gone]) {
      const hash = current.get(file);
      const one = hash === undefined ? undefined : factsOf(file, hash);
      const names = one ? factNames(one) : { defines: [], refers: [] };
      if (!cold) {
        // A name matters to other files only when the set of files defining it changed.
        const before = store.defined(file);
        const had = new Set(before.map(nameKey));
        const has = new Set(names.defines.map(nameKey));
        for (const name of before) if (!has.has(nameKey(name))) moved.set(nameKey(name), name);
        for (const name of names.defines)
          if (!had.has(nameKey(name))) moved.set(nameKey(name), name);
        for (const { kind, name } of store.referred(file))
          if (kind === 'picture') pictures.add(name);
      }
      for (const { kind, name } of names.refers) if (kind === 'picture') pictures.add(name);
      if (hash === undefined) {
        const counts = store.counts(file);
        totals.errors -= counts.errors;
        totals.warnings -= counts.warnings;
        store.setBlocks(file, []);
      }
      store.setFile(file, hash, names.defines, names.refers);
    }
    // The decisions below read back the facts not kept in memory.
    flush();
    let categoriesMoved = false;
    for (const { kind, name } of moved.values()) {
      for (const file of store.referrers(kind, name)) redo.add(file);
      for (const file of store.definers(kind, name)) redo.add(file);
      if (kind === 'category') categoriesMoved = true;
    }
    // The unknown-category message lists every category.
    if (categoriesMoved) for (const file of store.unknownCategoryReferrers()) redo.add(file);

    // Pictures are public/'s, not the content's: each one some file refers to is asked again.
    const pictureState = (sitePath: string) =>
      JSON.stringify([
        publicFiles.publicFileExists(sitePath),
        publicFiles.imageInfo?.(sitePath) ?? null,
      ]);
    const stored = store.pictures();
    for (const [sitePath, state] of stored) {
      const now = pictureState(sitePath);
      if (now === state) continue;
      store.setPicture(sitePath, now);
      for (const file of store.referrers('picture', sitePath)) redo.add(file);
    }
    // The pictures the changed files referred to or refer to now: kept while some file does.
    for (const sitePath of pictures) {
      store.setPicture(
        sitePath,
        store.isReferred('picture', sitePath) ? pictureState(sitePath) : undefined,
      );
    }

    let known: string | undefined;
    const lookups: Lookups = {
      ...publicFiles,
      hasCategory: (name) => store.hasName('category', name),
      knownCategories: () => (known ??= store.categories().join(', ')),
      hasSlug: (slug) => store.hasName('slug', slug),
      firstWithSlug: (slug) => store.firstDefiner('slug', slug),
    };
    for (const file of redo) {
      const hash = hashNow(file);
      if (hash === undefined) continue;
      const before = cold ? { errors: 0, warnings: 0 } : store.counts(file);
      const blocks = fileProblems(factsOf(file, hash), lookups);
      store.setBlocks(file, blocks);
      const problems = blocks.flat();
      const errors = problems.filter((problem) => problem.severity === 'error').length;
      totals.errors += errors - before.errors;
      totals.warnings += problems.length - errors - before.warnings;
    }
    // The commit this state is of: none when the content directory was not exactly a commit's.
    const { errors, warnings } = totals;
    store.setTotals({
      version,
      errors,
      warnings,
      files: fileCount,
      ...(at ? { sourcesAt: at } : {}),
    });
    store.putFacts(fresh.splice(0), gone);
    return {
      totals,
      files: fileCount,
      decided: redo.size,
      problems: store.report(warningsShown),
      gone,
    };
  });
  return {
    problems: outcome.problems,
    errors: outcome.totals.errors,
    warnings: outcome.totals.warnings,
    read: sources.filter((source) => source.read).length,
    checked,
    decided: outcome.decided,
    files: outcome.files,
    sources,
    ...(changes ? { gone: outcome.gone } : {}),
  };
}

/** Whether a run may take only the paths changed since `since`: the state was made then, by this checker. */
export function usableSince(
  totals: { version: string; sourcesAt?: string } | undefined,
  version: string,
  since: string,
): boolean {
  return totals?.version === version && totals.sourcesAt === since;
}

/** The hashes of those of `paths` that are files now (read, and checked by `onRead`). */
function readChanged(
  root: string,
  paths: readonly string[],
  onRead: (file: string, bytes: Buffer, hash: string) => void,
): SourceHash[] {
  const sources: SourceHash[] = [];
  for (const file of paths) {
    const full = path.join(root, file);
    if (!statSync(full, { throwIfNoEntry: false })?.isFile()) continue;
    const bytes = readFileSync(full);
    const hash = contentHash(bytes);
    onRead(file, bytes, hash);
    sources.push({ path: file, hash, read: true });
  }
  return sources;
}
