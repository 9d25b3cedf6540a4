// Pure: flock(2) locks on files, shared or exclusive, held by this process for as long as it keeps
// the returned descriptor open, and released by the kernel when the process ends however it ends
// (kill -9 included): nothing is ever "stale" (docs/adr/020-os-locks-for-builds-and-versions.md).
//
// Node has no flock; util-linux's flock(1) (in every Debian, Essential) takes the lock on a
// descriptor it inherits from us. A flock lock belongs to the open file description, which the
// child shares with this process, so it stays held after the child exits, until we close it.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

/** flock(1)'s exit code when the lock is held elsewhere (-n) or the wait ran out (-w). */
const BUSY = 75;

export type LockMode = 'shared' | 'exclusive';

/**
 * Locks `file` (created when missing and writable; opened read-only otherwise). Resolves with the
 * descriptor that holds the lock, or undefined when another process holds a conflicting lock for
 * longer than `waitSeconds` (0: do not wait). Throws when the file cannot be opened or flock(1)
 * cannot run.
 */
export function lockFile(
  file: string,
  mode: LockMode,
  { waitSeconds = 0 }: { waitSeconds?: number } = {},
): number | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'a');
  } catch (error) {
    // A reader without write access to the directory still locks a file the build made.
    if ((error as NodeJS.ErrnoException).code !== 'EACCES') throw error;
    fd = openSync(file, 'r');
  }
  const result = spawnSync(
    'flock',
    [
      mode === 'shared' ? '--shared' : '--exclusive',
      ...(waitSeconds > 0 ? ['--wait', String(waitSeconds)] : ['--nonblock']),
      '--conflict-exit-code',
      String(BUSY),
      '3',
    ],
    { stdio: ['ignore', 'ignore', 'pipe', fd] },
  );
  if (result.status === 0) return fd;
  closeSync(fd);
  if (result.status === BUSY) return undefined;
  throw new Error(
    `could not lock ${file}: ${result.error?.message ?? (result.stderr.toString().trim() || `flock exited with ${result.status}`)}`,
  );
}

/** Releases a lock taken with lockFile. */
export function unlockFile(fd: number): void {
  closeSync(fd);
}
