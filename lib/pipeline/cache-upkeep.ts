// Build time: what a publish keeps in the build cache's file besides compiled entries: it forgets
// the entries its version replaced, and keeps each content file's git history, file by file.
// Apart from build-cache.ts on purpose: that module is part of the compile step's code version
// (lib/pipeline/build-version.ts), and a change to it compiles every file again (about 100 minutes
// at 1,000,000 articles); nothing here decides what a compiled entry holds.
import Database from 'better-sqlite3';
import type { HistoryStore, Revision } from './git-history';

export type CacheUpkeep = {
  /** Forgets these entries (those a publish replaced): retain's work without its scan. */
  forget(keys: Iterable<string>): number;
  /** This content directory's git history, file by file. */
  historyStore(root: string): HistoryStore;
  close(): void;
};

/** Opens the build cache's file (build-cache.ts creates it and its entries) for upkeep. */
export function openCacheUpkeep(file: string): CacheUpkeep {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 60000');
  db.exec(`
    -- Each file's git commits and the commit they run to (state 'git-head:<root>'), kept by file:
    -- a publish reads and writes the files its commits touched (lib/pipeline/git-history.ts).
    CREATE TABLE IF NOT EXISTS history (
      root TEXT NOT NULL,
      path TEXT NOT NULL,
      revisions TEXT NOT NULL,
      PRIMARY KEY (root, path)
    ) WITHOUT ROWID;
  `);
  const remove = db.prepare('DELETE FROM entries WHERE key = ?');
  const readHistory = db
    .prepare('SELECT revisions FROM history WHERE root = ? AND path = ?')
    .pluck();
  const writeHistory = db.prepare(
    'INSERT OR REPLACE INTO history (root, path, revisions) VALUES (?, ?, ?)',
  );
  const removeHistory = db.prepare('DELETE FROM history WHERE root = ? AND path = ?');
  const clearHistory = db.prepare('DELETE FROM history WHERE root = ?');
  const readState = db.prepare('SELECT value FROM state WHERE name = ?').pluck();
  const writeState = db.prepare('INSERT OR REPLACE INTO state (name, value) VALUES (?, ?)');
  const removeState = db.prepare('DELETE FROM state WHERE name = ?');
  return {
    forget: db.transaction((keys: Iterable<string>) => {
      let removed = 0;
      for (const key of keys) removed += remove.run(key).changes;
      return removed;
    }),
    historyStore(root) {
      const headState = `git-head:${root}`;
      return {
        head: () => readState.get(headState) as string | undefined,
        get(path) {
          const raw = readHistory.get(root, path) as string | undefined;
          return raw === undefined ? undefined : (JSON.parse(raw) as Revision[]);
        },
        write: db.transaction(
          (head: string, changes: ReadonlyMap<string, Revision[] | undefined>, whole: boolean) => {
            if (whole) clearHistory.run(root);
            for (const [path, revisions] of changes) {
              if (revisions) writeHistory.run(root, path, JSON.stringify(revisions));
              else removeHistory.run(root, path);
            }
            writeState.run(headState, head);
            // Where older code kept the whole history as one value (at 1,000,000 articles about
            // 100 MB, read and written by every publish).
            removeState.run(`git:${root}`);
          },
        ),
      };
    },
    close: () => db.close(),
  };
}
