// Build time: one content build per output directory at a time; a second waits (a publish and a
// deploy may meet). The lock is the kernel's (lib/file-lock.ts): a build that dies, however it
// dies, releases it, and nothing a lock file holds (a pid, or nothing) is ever read or removed
// (docs/adr/020-os-locks-for-builds-and-versions.md).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { lockFile, unlockFile } from '../file-lock';

/** How long a build waits for the one before it. */
const WAIT_SECONDS = 15 * 60;

/** Takes the build lock of `dir`, waiting for another build; resolves with its release. */
export function lockContentBuild(
  dir: string,
  {
    waitSeconds = WAIT_SECONDS,
    log = console.log,
  }: { waitSeconds?: number; log?: (line: string) => void } = {},
): () => void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, '.build.lock');
  let fd = lockFile(file, 'exclusive');
  if (fd === undefined) {
    log(`another content build is running on ${dir}: waiting for it`);
    fd = lockFile(file, 'exclusive', { waitSeconds });
  }
  if (fd === undefined) {
    throw new Error(`another content build held ${file} for over ${waitSeconds} s`);
  }
  const held = fd;
  return () => unlockFile(held);
}
