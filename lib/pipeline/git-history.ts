// Build time: each article file's commits, from one `git log` for the whole content directory
// (one process per file would cost minutes at 10,000 articles). A shallow clone or a missing
// .git gives no history rather than a wrong one.
import { execFileSync } from 'node:child_process';

export type Revision = { date: string; subject: string };

const RECORD = '\u001e';

/** Parses `git log --name-status -M --format=<RS>%cI%x09%s` output, newest commit first. */
export function parseGitLog(output: string): Map<string, Revision[]> {
  return parseGitLogWithRenames(output).history;
}

/** The same, with every older name a file had in the log mapped to its newest name. */
export function parseGitLogWithRenames(output: string): {
  history: Map<string, Revision[]>;
  renamed: Map<string, string>;
} {
  const history = new Map<string, Revision[]>();
  // A file renamed later is known by its newest name; older commits follow it back.
  const currentName = new Map<string, string>();
  for (const record of output.split(RECORD)) {
    const [header, ...lines] = record.split('\n');
    if (!header?.trim()) continue;
    const tab = header.indexOf('\t');
    const revision = { date: header.slice(0, tab), subject: header.slice(tab + 1) };
    for (const line of lines) {
      const fields = line.split('\t');
      const status = fields[0] ?? '';
      if (!status) continue;
      let file = fields[1] ?? '';
      if (status.startsWith('R') && fields[2]) {
        const newer = currentName.get(fields[2]) ?? fields[2];
        currentName.set(file, newer);
        file = fields[2];
      }
      const name = currentName.get(file) ?? file;
      const list = history.get(name) ?? [];
      list.push(revision);
      history.set(name, list);
    }
  }
  return { history, renamed: currentName };
}

/**
 * The history up to a newer commit from the history up to an older one and the log between
 * them: the same map a full `git log` gives (tested), without reading every old commit again.
 */
export function mergeGitHistory(
  older: ReadonlyMap<string, Revision[]>,
  newer: { history: Map<string, Revision[]>; renamed: Map<string, string> },
): Map<string, Revision[]> {
  const merged = new Map(older);
  // A file renamed since carries its older commits under its new name.
  for (const [oldName, newName] of newer.renamed) {
    const moved = merged.get(oldName);
    if (!moved || oldName === newName) continue;
    merged.delete(oldName);
    merged.set(newName, [...(merged.get(newName) ?? []), ...moved]);
  }
  for (const [name, revisions] of newer.history) {
    merged.set(name, [...revisions, ...(merged.get(name) ?? [])]);
  }
  return merged;
}

/** The history as the build cache keeps it between builds. */
export type GitHistoryState = { head: string; history: [string, Revision[]][] };

function gitIn(contentDir: string) {
  return (...args: string[]) =>
    execFileSync('git', ['-C', contentDir, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 1024 * 1024 * 1024,
    });
}

const logArgs = ['log', '--relative', '--name-status', '-M', `--format=${RECORD}%cI%x09%s`];

export function readGitHistory(contentDir: string): Map<string, Revision[]> {
  return new Map(readGitHistoryState(contentDir).history);
}

/**
 * Each article file's commits. With the state of an earlier build whose commit is an ancestor
 * of HEAD, only the commits since are read (a year of a newsroom's history is tens of thousands
 * of commits); otherwise the whole log.
 */
export function readGitHistoryState(
  contentDir: string,
  previous?: GitHistoryState,
): GitHistoryState {
  const none = { head: '', history: [] };
  try {
    const git = gitIn(contentDir);
    if (git('rev-parse', '--is-shallow-repository').trim() === 'true') return none;
    const head = git('rev-parse', 'HEAD').trim();
    if (previous?.head === head) return previous;
    if (previous?.head) {
      let ancestor = false;
      try {
        git('merge-base', '--is-ancestor', previous.head, head);
        ancestor = true;
      } catch {
        // Rewritten history: read it all.
      }
      if (ancestor) {
        const since = parseGitLogWithRenames(
          git(...logArgs, `${previous.head}..${head}`, '--', 'articles'),
        );
        const merged = mergeGitHistory(new Map(previous.history), since);
        return { head, history: [...merged] };
      }
    }
    return { head, history: [...parseGitLog(git(...logArgs, '--', 'articles'))] };
  } catch {
    return none;
  }
}

/** Commits after the one that added the file, newest first: the corrections readers see. */
export function revisionsAfterFirst(revisions: Revision[] | undefined): Revision[] {
  return revisions ? revisions.slice(0, -1) : [];
}
