import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdirSync, statfsSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { HOUR_MS, RETENTION_HOURS, hourStart, type HourlyRow, type ViewStore } from './store';

// Kernel pseudo-filesystems (proc, sysfs, cgroup, debugfs, …) look writable to root but cannot hold
// a file; Node's recursive mkdir under /proc even spins forever at 100% CPU.
const PSEUDO_FILESYSTEMS = new Set([
  0x9fa0, 0x62656572, 0x27e0eb, 0x63677270, 0x64626720, 0x74726163, 0x73636673, 0x62656570,
  0xcafe4a11, 0x1cd1,
]);

/** Why `file` cannot hold the view database, or undefined when it can (checked before mkdir). */
export function viewsDbProblem(file: string): string | undefined {
  const target = path.resolve(file);
  const problem = (why: string) => `VIEWS_DB "${file}" ${why}`;
  try {
    if (statSync(target).isDirectory()) return problem('is a directory, not a database file');
  } catch {
    // Not there yet: SQLite creates it.
  }
  let existing = path.dirname(target);
  for (;;) {
    try {
      if (!statSync(existing).isDirectory())
        return problem(`cannot be created: ${existing} is a file`);
      break;
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return problem('has no existing parent directory');
      existing = parent;
    }
  }
  if (PSEUDO_FILESYSTEMS.has(statfsSync(existing).type)) {
    return problem(`is on a kernel pseudo-filesystem (${existing}), which cannot hold a database`);
  }
  try {
    accessSync(existing, constants.W_OK);
  } catch {
    return problem(`cannot be created: ${existing} is not writable`);
  }
  return undefined;
}

// The embedded default: one file, WAL so readers never block the writer, and every increment a
// prepared statement inside a transaction, so concurrent requests lose nothing.
export function openSqliteStore(file: string): ViewStore {
  const problem = viewsDbProblem(file);
  if (problem) throw new Error(problem);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS views_hourly (slug TEXT NOT NULL, hour INTEGER NOT NULL, count INTEGER NOT NULL,
      PRIMARY KEY (slug, hour)) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS views_hourly_hour ON views_hourly (hour);
    CREATE TABLE IF NOT EXISTS views_total (slug TEXT PRIMARY KEY, count INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS views_seen (key TEXT PRIMARY KEY, expires INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS views_rate (key TEXT PRIMARY KEY, count INTEGER NOT NULL, expires INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS views_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  `);
  const seen = db.prepare(
    `INSERT INTO views_seen (key, expires) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET expires = excluded.expires WHERE views_seen.expires <= ?`,
  );
  const addHourly = db.prepare(
    `INSERT INTO views_hourly (slug, hour, count) VALUES (?, ?, 1)
     ON CONFLICT (slug, hour) DO UPDATE SET count = count + 1`,
  );
  const addTotal = db.prepare(
    `INSERT INTO views_total (slug, count) VALUES (?, 1) ON CONFLICT (slug) DO UPDATE SET count = count + 1`,
  );
  const rate = db.prepare(
    `INSERT INTO views_rate (key, count, expires) VALUES (?, 1, ?)
     ON CONFLICT (key) DO UPDATE SET count = count + 1 RETURNING count`,
  );
  const hourlySince = db.prepare(
    'SELECT slug, hour, count FROM views_hourly WHERE hour >= ? AND hour <= ?',
  );
  const total = db.prepare('SELECT count FROM views_total WHERE slug = ?');
  const prune = [
    db.prepare('DELETE FROM views_hourly WHERE hour < ?'),
    db.prepare('DELETE FROM views_seen WHERE expires <= ?'),
    db.prepare('DELETE FROM views_rate WHERE expires <= ?'),
  ];
  let lastPrune = 0;

  function record(slug: string, visitor: string, now: number, dedupeSeconds: number): boolean {
    if (seen.run(`${visitor}:${slug}`, now + dedupeSeconds * 1000, now).changes === 0) return false;
    addHourly.run(slug, hourStart(new Date(now)));
    addTotal.run(slug);
    // Old buckets and expired keys go at most once a minute, inside a write that is happening anyway.
    if (now - lastPrune > 60_000) {
      lastPrune = now;
      prune[0]?.run(hourStart(new Date(now)) - RETENTION_HOURS * HOUR_MS);
      prune[1]?.run(now);
      prune[2]?.run(now);
    }
    return true;
  }

  // Group commit: the writes of every request that arrives in the same turn of the event loop go
  // into one transaction, and each request is answered only after that transaction commits. A
  // commit per request cost about a third of the view API's throughput; batching loses nothing,
  // because nobody is told "counted" before the count is on disk.
  type Job = {
    run: () => unknown;
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
  };
  let queue: Job[] = [];
  const commit = db.transaction((jobs: Job[]) => jobs.map((job) => job.run()));
  function flush() {
    const jobs = queue;
    queue = [];
    try {
      const results = commit(jobs);
      jobs.forEach((job, index) => job.resolve(results[index]));
    } catch (error) {
      // The whole batch rolled back: every request in it is told so, none was counted.
      for (const job of jobs) job.reject(error);
    }
  }
  function enqueue<T>(run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({ run, resolve: resolve as (value: unknown) => void, reject });
      if (queue.length === 1) setImmediate(flush);
    });
  }

  return {
    recordView(slug, visitor, at, dedupeSeconds) {
      return enqueue(() => record(slug, visitor, at.getTime(), dedupeSeconds));
    },
    hit(visitor, at) {
      const minute = Math.floor(at.getTime() / 60_000);
      return enqueue(
        () => (rate.get(`${visitor}:${minute}`, (minute + 2) * 60_000) as { count: number }).count,
      );
    },
    async hourly(hours, at) {
      const last = hourStart(at);
      return hourlySince.all(last - (hours - 1) * HOUR_MS, last) as HourlyRow[];
    },
    async totals(slugs) {
      const result = new Map<string, number>();
      for (const slug of slugs) {
        const row = total.get(slug) as { count: number } | undefined;
        if (row) result.set(slug, row.count);
      }
      return result;
    },
    async secret() {
      db.prepare('INSERT OR IGNORE INTO views_meta (key, value) VALUES (?, ?)').run(
        'secret',
        randomBytes(32).toString('hex'),
      );
      return (
        db.prepare('SELECT value FROM views_meta WHERE key = ?').get('secret') as { value: string }
      ).value;
    },
    async close() {
      if (queue.length > 0) flush();
      db.close();
    },
  };
}
