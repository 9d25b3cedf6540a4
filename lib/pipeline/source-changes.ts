// Build time: which source files may have changed since the last publish, from git, instead of a
// listing and a stat of every file (at 1,000,000 articles about 20 s; docs/adr/034). A publish
// runs on a work tree that `git pull` brought to a commit: when nothing under the content
// directory differs from that commit, the files that differ from an earlier such commit are the
// paths `git diff` names between the two. Whoever keeps state about the sources (the content
// check's report, the catalog's open rows) records the commit it was made at; the next run reads
// only the paths changed since. Anything git cannot vouch for gives undefined, and the caller
// lists and stats every file as before: no git, a dirty or untracked file, a commit it no longer
// has, a symbolic link or a submodule (git sees the link, not the file it points to).
import { execFileSync } from 'node:child_process';

/** The paths a run may take as changed since `since`, the commit its state was made at. */
export type SourceChanges = { since: string; at: string; paths: string[] };

function git(root: string, args: string[]): string {
  return execFileSync('git', ['-C', root, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 1024 * 1024 * 1024,
  });
}

/** A listing of the content directory leaves out every path with a segment starting with a dot. */
const listed = (file: string) => !file.split('/').some((segment) => segment.startsWith('.'));

/**
 * HEAD, when every file under `root` a listing would include is HEAD's: nothing modified, staged,
 * deleted, untracked or ignored. Undefined otherwise, or when `root` is not in a git work tree.
 */
export function cleanCommit(root: string): string | undefined {
  try {
    const [prefix = '', head = ''] = git(root, ['rev-parse', '--show-prefix', 'HEAD']).split('\n');
    if (!/^[0-9a-f]{40,64}$/.test(head)) return undefined;
    // Paths of the porcelain format are the repository's, whatever the configuration says.
    const status = git(root, [
      'status',
      '--porcelain=v1',
      '-z',
      '--untracked-files=all',
      '--ignored=matching',
      '--no-renames',
      '--',
      '.',
    ]);
    for (const entry of status.split('\0')) {
      if (entry.length < 4) continue;
      const file = entry.slice(3);
      if (!file.startsWith(prefix)) continue;
      if (listed(file.slice(prefix.length).replace(/\/$/, ''))) return undefined;
    }
    return head;
  } catch {
    return undefined;
  }
}

const LINK_OR_MODULE = /^(120000|160000)$/;

/**
 * The paths under `root`, relative to it, whose file differs between the commits `since` and
 * `at` (added, changed, deleted; both names of a rename). Undefined when git cannot tell (a
 * commit it does not have) or a symbolic link or submodule is among them.
 */
export function changedBetween(root: string, since: string, at: string): string[] | undefined {
  if (since === at) return [];
  try {
    // Raw: ":<mode> <mode> <object> <object> <status>\0<path>\0" per file.
    const fields = git(root, [
      'diff',
      '--raw',
      '-z',
      '--no-renames',
      '--no-abbrev',
      '--relative',
      since,
      at,
      '--',
      '.',
    ]).split('\0');
    const paths: string[] = [];
    for (let at = 0; at + 1 < fields.length; at += 2) {
      const [from = '', to = ''] = (fields[at] as string).slice(1).split(' ');
      if (LINK_OR_MODULE.test(from) || LINK_OR_MODULE.test(to)) return undefined;
      const file = fields[at + 1] as string;
      if (listed(file)) paths.push(file);
    }
    return paths;
  } catch {
    return undefined;
  }
}

/** The changes since `since` when the work tree is clean at a commit; undefined otherwise. */
export function sourceChanges(
  root: string,
  since: string | undefined,
  at: string | undefined,
): SourceChanges | undefined {
  if (!since || !at) return undefined;
  const paths = changedBetween(root, since, at);
  return paths && { since, at, paths };
}
