// Build time: each article file's commits, from one `git log` for the whole content directory
// (one process per file would cost minutes at 10,000 articles). A shallow clone or a missing
// .git gives no history rather than a wrong one.
import { execFileSync } from 'node:child_process';

export type Revision = { date: string; subject: string };

const RECORD = '\u001e';

/** Parses `git log --name-status -M --format=<RS>%cI%x09%s` output, newest commit first. */
export function parseGitLog(output: string): Map<string, Revision[]> {
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
  return history;
}

export function readGitHistory(contentDir: string): Map<string, Revision[]> {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', contentDir, ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        maxBuffer: 512 * 1024 * 1024,
      });
    if (git('rev-parse', '--is-shallow-repository').trim() === 'true') return new Map();
    return parseGitLog(
      git(
        'log',
        '--relative',
        '--name-status',
        '-M',
        `--format=${RECORD}%cI%x09%s`,
        '--',
        'articles',
      ),
    );
  } catch {
    return new Map();
  }
}

/** Commits after the one that added the file, newest first: the corrections readers see. */
export function revisionsAfterFirst(revisions: Revision[] | undefined): Revision[] {
  return revisions ? revisions.slice(0, -1) : [];
}
