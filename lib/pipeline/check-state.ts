// Build time: what the incremental content check (lib/pipeline/incremental-check.ts) keeps of its
// last run, in the build cache's file, so that a run costs the change (docs/adr/033): each file's
// hash when its problems were decided, the names files define (slugs, categories) and look up
// (slugs, categories, pictures), each file's problems by phase, the pictures' state, the totals.
// Apart from build-cache.ts, which is part of the compile step's code version.
import Database from 'better-sqlite3';
import type { CheckRecord } from './build-cache';
import { byCodePoint, type Problem } from './check';

export type NameKind = 'slug' | 'category' | 'picture';
export type Name = { kind: NameKind; name: string };
export type CheckTotals = {
  version: string;
  errors: number;
  warnings: number;
  /** The files the state is of. */
  files?: number;
  /**
   * The git commit the content directory was exactly at when this state was made (none when it
   * was not clean): the next run may read only the paths changed since (source-changes.ts).
   */
  sourcesAt?: string;
};

export type CheckStore = {
  /** fn in one write transaction: two checks of one directory never decide from the same state. */
  transaction<T>(fn: () => T): T;
  totals(): CheckTotals | undefined;
  setTotals(totals: CheckTotals): void;
  /** Forgets everything of this directory (another checker version). */
  clear(): void;
  /** Each file's hash when its problems were decided. */
  hashes(): Map<string, string>;
  /** The hash a file's problems were decided at (undefined: not in the state). */
  hash(path: string): string | undefined;
  defined(path: string): Name[];
  referred(path: string): Name[];
  /** Replaces a file's hash, names and references; no hash: the file is gone. */
  setFile(path: string, hash: string | undefined, defines: Name[], refers: Name[]): void;
  /** Files that look a name up. */
  referrers(kind: NameKind, name: string): string[];
  /** Files that define a name, in code-point order of their paths. */
  definers(kind: NameKind, name: string): string[];
  hasName(kind: NameKind, name: string): boolean;
  firstDefiner(kind: NameKind, name: string): string | undefined;
  /** Every category, in code-point order. */
  categories(): string[];
  /** Files that name a category nobody defines (their message lists every category). */
  unknownCategoryReferrers(): string[];
  /** The errors and warnings of a file's problems as they stand, every phase together. */
  counts(path: string): { errors: number; warnings: number };
  setBlocks(path: string, blocks: readonly Problem[][]): void;
  /** The pictures some file refers to, with their state when last decided. */
  pictures(): Map<string, string>;
  setPicture(sitePath: string, state: string | undefined): void;
  isReferred(kind: NameKind, name: string): boolean;
  /** Facts cached by the build cache's checks table for this file's bytes and checker. */
  cachedFacts(path: string, hash: string, version: string): string | undefined;
  /** Caches facts (the checks table), and forgets those of files that are gone. */
  putFacts(records: readonly CheckRecord[], gone?: readonly string[]): void;
  /** The files with cached facts, whatever their checker. */
  factPaths(): IterableIterator<string>;
  /**
   * The problems in report order: all, or every error and the first `warnings` warnings (read
   * through the partial indexes of blocks with errors and with warnings, not every block).
   */
  report(warnings?: number): Problem[];
  close(): void;
};

/**
 * Opens the incremental check's state for one content directory in the build cache's file, which
 * openBuildCache (build-cache.ts) has made: its state and checks tables are read here.
 */
export function openCheckStore(file: string, root: string): CheckStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 60000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS check_files (
      root TEXT NOT NULL, path TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (root, path)
    ) WITHOUT ROWID;
    -- What each file defines (a slug, a category) and looks up (slugs, categories, pictures).
    CREATE TABLE IF NOT EXISTS check_names (
      root TEXT NOT NULL, path TEXT NOT NULL, role TEXT NOT NULL, kind TEXT NOT NULL,
      name TEXT NOT NULL, PRIMARY KEY (root, path, role, kind, name)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS check_names_name ON check_names (root, role, kind, name, path);
    -- Each file's problems in each phase of the report that has any.
    CREATE TABLE IF NOT EXISTS check_blocks (
      root TEXT NOT NULL, phase INTEGER NOT NULL, path TEXT NOT NULL, problems TEXT NOT NULL,
      errors INTEGER NOT NULL, warnings INTEGER NOT NULL, PRIMARY KEY (root, path, phase)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS check_blocks_order ON check_blocks (root, phase, path);
    CREATE INDEX IF NOT EXISTS check_blocks_errors ON check_blocks (root, phase, path)
      WHERE errors > 0;
    CREATE INDEX IF NOT EXISTS check_blocks_warnings ON check_blocks (root, phase, path)
      WHERE warnings > 0;
    CREATE TABLE IF NOT EXISTS check_pictures (
      root TEXT NOT NULL, site_path TEXT NOT NULL, state TEXT NOT NULL,
      PRIMARY KEY (root, site_path)
    ) WITHOUT ROWID;
  `);
  const stateName = `check-totals:${root}`;
  const q = {
    readState: db.prepare('SELECT value FROM state WHERE name = ?').pluck(),
    writeState: db.prepare('INSERT OR REPLACE INTO state (name, value) VALUES (?, ?)'),
    hashes: db.prepare('SELECT path, hash FROM check_files WHERE root = ?').raw(),
    hash: db.prepare('SELECT hash FROM check_files WHERE root = ? AND path = ?').pluck(),
    writeHash: db.prepare('INSERT OR REPLACE INTO check_files (root, path, hash) VALUES (?, ?, ?)'),
    removeHash: db.prepare('DELETE FROM check_files WHERE root = ? AND path = ?'),
    names: db.prepare(
      'SELECT kind, name FROM check_names WHERE root = ? AND path = ? AND role = ?',
    ),
    removeNames: db.prepare('DELETE FROM check_names WHERE root = ? AND path = ?'),
    addName: db.prepare(
      'INSERT OR IGNORE INTO check_names (root, path, role, kind, name) VALUES (?, ?, ?, ?, ?)',
    ),
    byName: db
      .prepare(
        'SELECT path FROM check_names WHERE root = ? AND role = ? AND kind = ? AND name = ? ORDER BY path',
      )
      .pluck(),
    firstByName: db
      .prepare(
        'SELECT path FROM check_names WHERE root = ? AND role = ? AND kind = ? AND name = ? ORDER BY path LIMIT 1',
      )
      .pluck(),
    categories: db
      .prepare(
        "SELECT DISTINCT name FROM check_names WHERE root = ? AND role = 'd' AND kind = 'category' ORDER BY name",
      )
      .pluck(),
    unknownCategories: db
      .prepare(
        `SELECT DISTINCT r.path FROM check_names r WHERE r.root = ? AND r.role = 'r'
          AND r.kind = 'category' AND NOT EXISTS (SELECT 1 FROM check_names d
          WHERE d.root = r.root AND d.role = 'd' AND d.kind = 'category' AND d.name = r.name)`,
      )
      .pluck(),
    counts: db.prepare(
      'SELECT coalesce(sum(errors), 0) AS errors, coalesce(sum(warnings), 0) AS warnings FROM check_blocks WHERE root = ? AND path = ?',
    ),
    removeBlocks: db.prepare('DELETE FROM check_blocks WHERE root = ? AND path = ?'),
    addBlock: db.prepare(
      'INSERT INTO check_blocks (root, phase, path, problems, errors, warnings) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    all: db
      .prepare(
        'SELECT problems FROM check_blocks INDEXED BY check_blocks_order WHERE root = ? ORDER BY phase, path',
      )
      .pluck(),
    withErrors: db.prepare(
      `SELECT phase, path, problems FROM check_blocks INDEXED BY check_blocks_errors
        WHERE root = ? AND errors > 0 ORDER BY phase, path`,
    ),
    withWarnings: db.prepare(
      `SELECT phase, path, problems FROM check_blocks INDEXED BY check_blocks_warnings
        WHERE root = ? AND warnings > 0 ORDER BY phase, path LIMIT ?`,
    ),
    pictures: db.prepare('SELECT site_path, state FROM check_pictures WHERE root = ?').raw(),
    writePicture: db.prepare(
      'INSERT OR REPLACE INTO check_pictures (root, site_path, state) VALUES (?, ?, ?)',
    ),
    removePicture: db.prepare('DELETE FROM check_pictures WHERE root = ? AND site_path = ?'),
    facts: db.prepare('SELECT hash, version, facts FROM checks WHERE root = ? AND path = ?'),
    writeFacts: db.prepare(
      'INSERT OR REPLACE INTO checks (root, path, hash, version, facts) VALUES (?, ?, ?, ?, ?)',
    ),
    removeFacts: db.prepare('DELETE FROM checks WHERE root = ? AND path = ?'),
    factPaths: db.prepare('SELECT path FROM checks WHERE root = ?').pluck(),
  };
  const clear = ['check_files', 'check_names', 'check_blocks', 'check_pictures'].map((table) =>
    db.prepare(`DELETE FROM ${table} WHERE root = ?`),
  );
  const names = (path: string, role: 'd' | 'r') => q.names.all(root, path, role) as Name[];
  return {
    transaction: (fn) => db.transaction(fn).immediate(),
    totals() {
      const raw = q.readState.get(stateName) as string | undefined;
      return raw === undefined ? undefined : (JSON.parse(raw) as CheckTotals);
    },
    setTotals: (totals) => q.writeState.run(stateName, JSON.stringify(totals)),
    clear() {
      for (const statement of clear) statement.run(root);
      db.prepare('DELETE FROM state WHERE name = ?').run(stateName);
    },
    hashes: () => new Map(q.hashes.all(root) as [string, string][]),
    hash: (path) => q.hash.get(root, path) as string | undefined,
    defined: (path) => names(path, 'd'),
    referred: (path) => names(path, 'r'),
    setFile(path, hash, defines, refers) {
      q.removeNames.run(root, path);
      if (hash === undefined) {
        q.removeHash.run(root, path);
        return;
      }
      q.writeHash.run(root, path, hash);
      for (const { kind, name } of defines) q.addName.run(root, path, 'd', kind, name);
      for (const { kind, name } of refers) q.addName.run(root, path, 'r', kind, name);
    },
    referrers: (kind, name) => q.byName.all(root, 'r', kind, name) as string[],
    definers: (kind, name) => q.byName.all(root, 'd', kind, name) as string[],
    hasName: (kind, name) => q.firstByName.get(root, 'd', kind, name) !== undefined,
    firstDefiner: (kind, name) => q.firstByName.get(root, 'd', kind, name) as string | undefined,
    categories: () => q.categories.all(root) as string[],
    unknownCategoryReferrers: () => q.unknownCategories.all(root) as string[],
    counts: (path) => q.counts.get(root, path) as { errors: number; warnings: number },
    setBlocks(path, blocks) {
      q.removeBlocks.run(root, path);
      blocks.forEach((problems, phase) => {
        if (problems.length === 0) return;
        const errors = problems.filter((problem) => problem.severity === 'error').length;
        q.addBlock.run(
          root,
          phase,
          path,
          JSON.stringify(problems),
          errors,
          problems.length - errors,
        );
      });
    },
    pictures: () => new Map(q.pictures.all(root) as [string, string][]),
    setPicture(sitePath, state) {
      if (state === undefined) q.removePicture.run(root, sitePath);
      else q.writePicture.run(root, sitePath, state);
    },
    isReferred: (kind, name) => q.firstByName.get(root, 'r', kind, name) !== undefined,
    cachedFacts(path, hash, version) {
      const row = q.facts.get(root, path) as
        { hash: string; version: string; facts: string } | undefined;
      return row && row.hash === hash && row.version === version ? row.facts : undefined;
    },
    putFacts: db.transaction((records: readonly CheckRecord[], gone: readonly string[] = []) => {
      for (const { path, hash, version, facts } of records)
        q.writeFacts.run(root, path, hash, version, facts);
      for (const path of gone) q.removeFacts.run(root, path);
    }),
    factPaths: () => q.factPaths.iterate(root) as IterableIterator<string>,
    report(warnings) {
      const parse = (raw: string) => JSON.parse(raw) as Problem[];
      if (warnings === undefined) return (q.all.all(root) as string[]).flatMap(parse);
      type Row = { phase: number; path: string; problems: string };
      const rows = new Map<string, Row>();
      for (const row of q.withErrors.iterate(root) as IterableIterator<Row>)
        rows.set(`${row.phase}\0${row.path}`, row);
      // Each block with warnings has one at least: `warnings` blocks hold the first warnings.
      for (const row of q.withWarnings.iterate(root, warnings) as IterableIterator<Row>)
        rows.set(`${row.phase}\0${row.path}`, row);
      let shown = 0;
      return [...rows.values()]
        .sort((a, b) => a.phase - b.phase || byCodePoint(a.path, b.path))
        .flatMap((row) => parse(row.problems))
        .filter((problem) => problem.severity === 'error' || (shown += 1) <= warnings);
    },
    close: () => db.close(),
  };
}
