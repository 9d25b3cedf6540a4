import { execFileSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import path from 'node:path';

// The newsroom's Git repositories for the publishing tests: a central bare repository, an
// editor's clone with the sample content committed and pushed, and clones for serving machines.
const identity = {
  GIT_AUTHOR_NAME: '编辑',
  GIT_AUTHOR_EMAIL: 'editor@example.com',
  GIT_COMMITTER_NAME: '编辑',
  GIT_COMMITTER_EMAIL: 'editor@example.com',
};

export const git = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-C', dir, ...args], {
    env: { ...process.env, ...identity },
    stdio: 'pipe',
  });

/** `work/central.git` and the editor's `work/newsroom`, holding the sample content. */
export function newsroomRepository(work: string) {
  const central = path.join(work, 'central.git');
  const newsroom = path.join(work, 'newsroom');
  git(work, 'init', '-q', '--bare', central);
  git(work, 'clone', '-q', central, newsroom);
  cpSync(path.join(process.cwd(), 'content'), newsroom, { recursive: true });
  git(newsroom, 'add', '-A');
  git(newsroom, 'commit', '-qm', '初始内容');
  git(newsroom, 'push', '-q', 'origin', 'HEAD');
  return { central, newsroom };
}
