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

/**
 * Where a build keeps the history between builds: each file's commits, and the commit they run to
 * (the build cache's, by file: a publish reads and writes the files its commits touched).
 */
export type HistoryStore = {
  head(): string | undefined;
  get(path: string): Revision[] | undefined;
  /** These files' histories (undefined: none) at `head`, after every other file's if `whole`. */
  write(head: string, changes: ReadonlyMap<string, Revision[] | undefined>, whole: boolean): void;
};

/** A store in memory (`contentlayer2 dev`, tests). */
export function memoryHistoryStore(): HistoryStore & { history: Map<string, Revision[]> } {
  let at: string | undefined;
  const history = new Map<string, Revision[]>();
  return {
    history,
    head: () => at,
    get: (file) => history.get(file),
    write(head, changes, whole) {
      if (whole) history.clear();
      for (const [file, revisions] of changes) {
        if (revisions) history.set(file, revisions);
        else history.delete(file);
      }
      at = head;
    },
  };
}

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
  const store = memoryHistoryStore();
  updateGitHistory(contentDir, store);
  return store.history;
}

/**
 * Brings the store to HEAD: with a head that is an ancestor of HEAD, only the commits since are
 * read (a year of a newsroom's history is tens of thousands of commits) and only the files they
 * touched are written; otherwise the whole log. `touched`: the files whose history may differ
 * from the store's before (undefined: any file's).
 */
export function updateGitHistory(
  contentDir: string,
  store: HistoryStore,
): { head: string; touched?: ReadonlySet<string> } {
  const previous = store.head();
  const git = gitIn(contentDir);
  try {
    const head =
      git('rev-parse', '--is-shallow-repository').trim() === 'true'
        ? ''
        : git('rev-parse', 'HEAD').trim();
    if (previous === head) return { head, touched: new Set() };
    if (!head) throw new Error('no history');
    if (previous) {
      let ancestor = false;
      try {
        git('merge-base', '--is-ancestor', previous, head);
        ancestor = true;
      } catch {
        // Rewritten history: read it all.
      }
      if (ancestor) {
        const since = parseGitLogWithRenames(
          git(...logArgs, `${previous}..${head}`, '--', 'articles'),
        );
        const touched = new Set([
          ...since.renamed.keys(),
          ...since.renamed.values(),
          ...since.history.keys(),
        ]);
        const older = new Map<string, Revision[]>();
        for (const file of touched) {
          const revisions = store.get(file);
          if (revisions) older.set(file, revisions);
        }
        const merged = mergeGitHistory(older, since);
        store.write(head, new Map([...touched].map((file) => [file, merged.get(file)])), false);
        return { head, touched };
      }
    }
    store.write(head, parseGitLog(git(...logArgs, '--', 'articles')), true);
    return { head };
  } catch {
    // A shallow clone, no .git, no git: no history rather than a wrong one.
    if (previous === '') return { head: '', touched: new Set() };
    store.write('', new Map(), true);
    return { head: '' };
  }
}

/** Commits after the one that added the file, newest first: the corrections readers see. */
export function revisionsAfterFirst(revisions: Revision[] | undefined): Revision[] {
  return revisions ? revisions.slice(0, -1) : [];
}
