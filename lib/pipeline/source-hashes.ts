// Build time: the content hash of every source file without reading the unchanged ones, the way
// git's index works. The build cache keeps, per file, what its stat said (size, mtime and ctime in
// nanoseconds, inode) when its bytes had a hash; a file whose stat is the same is not read again.
//
// Racy files: a file written again within the file system's timestamp granularity of the stat
// that was recorded would keep that stat. A record is therefore kept only for a file whose mtime
// and ctime are older than MARGIN_MS before this run began (any later write gets a later ctime,
// which no tool can set back); a younger file is read every run until it is old enough
// (docs/adr/028-incremental-content-check.md).
import { readFileSync, statSync, type BigIntStats } from 'node:fs';
import path from 'node:path';
import { contentHash, type BuildCache, type StatRecord } from './build-cache';

/**
 * Above the coarsest timestamps a content directory may have (2 s on FAT, 1 s on ext3 and HFS+),
 * with room for a clock that drifts from the file server's.
 */
export const MARGIN_MS = 3000;

export type SourceHash = {
  path: string;
  hash: string;
  /** Whether this run read the file (new, changed or racy). */
  read: boolean;
};

function statKey(stat: BigIntStats): string {
  return `${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}:${stat.ino}`;
}

/**
 * The hash of each of `files` (paths relative to `root`, in their order), read only where the
 * build cache has no stat record that still holds; the records are brought up to date.
 */
export function hashSources(
  cache: Pick<BuildCache, 'statRecords' | 'putStatRecords'>,
  root: string,
  files: readonly string[],
  {
    now = Date.now(),
    onRead,
  }: {
    now?: number;
    /** Given the bytes of each file read, so that a caller needs not read it again. */
    onRead?: (file: string, bytes: Buffer, hash: string) => void;
  } = {},
): SourceHash[] {
  // Files changed since this moment minus the margin are racy: read, hashed and not recorded.
  const trustedBefore = BigInt(now - MARGIN_MS) * 1_000_000n;
  const records = cache.statRecords(root);
  const fresh: StatRecord[] = [];
  const gone: string[] = [];
  const sources: SourceHash[] = [];
  for (const file of files) {
    const stat = statSync(path.join(root, file), { bigint: true });
    const key = statKey(stat);
    const record = records.get(file);
    records.delete(file);
    if (record?.stat === key) {
      sources.push({ path: file, hash: record.hash, read: false });
      continue;
    }
    // Read after the stat: a write in between leaves a stat that no longer matches, or a racy one.
    const bytes = readFileSync(path.join(root, file));
    const hash = contentHash(bytes);
    sources.push({ path: file, hash, read: true });
    onRead?.(file, bytes, hash);
    if (stat.mtimeNs < trustedBefore && stat.ctimeNs < trustedBefore) {
      fresh.push({ path: file, stat: key, hash });
    } else if (record) {
      gone.push(file);
    }
  }
  // What is left in `records` are the files that are gone.
  // A loop, not push(...keys): a moved or emptied archive leaves every record, too many arguments.
  for (const file of records.keys()) gone.push(file);
  if (fresh.length > 0 || gone.length > 0) cache.putStatRecords(root, fresh, gone);
  return sources;
}
