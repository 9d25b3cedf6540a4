import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGitLog, readGitHistory, revisionsAfterFirst } from './git-history';

function repo() {
  const dir = mkdtempSync(path.join(tmpdir(), 'history-'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', dir, ...args], {
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@x',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@x',
      },
    });
  git('init', '-q');
  return { dir, git };
}

describe('git history of articles', () => {
  it('reads every file from one log, follows renames, and keeps corrections', () => {
    const { dir, git } = repo();
    const content = path.join(dir, 'content');
    mkdirSync(path.join(content, 'articles/2024'), { recursive: true });
    writeFileSync(path.join(content, 'articles/2024/a.md'), 'v1\n');
    writeFileSync(path.join(content, 'articles/2024/b.md'), 'b\n');
    git('add', '-A');
    git('commit', '-qm', '发布');
    writeFileSync(path.join(content, 'articles/2024/a.md'), 'v2\n');
    git('commit', '-qam', '更正：人名');
    renameSync(path.join(content, 'articles/2024/a.md'), path.join(content, 'articles/2024/a2.md'));
    git('add', '-A');
    git('commit', '-qm', '移动文件');
    const history = readGitHistory(content);
    expect(history.get('articles/2024/a2.md')?.map((r) => r.subject)).toEqual([
      '移动文件',
      '更正：人名',
      '发布',
    ]);
    expect(history.get('articles/2024/b.md')?.map((r) => r.subject)).toEqual(['发布']);
    expect(revisionsAfterFirst(history.get('articles/2024/b.md'))).toEqual([]);
    expect(revisionsAfterFirst(history.get('articles/2024/a2.md'))).toHaveLength(2);
    expect(history.get('articles/2024/a2.md')?.[0]?.date).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('gives no history, and no error, without .git', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nogit-'));
    expect(readGitHistory(dir).size).toBe(0);
  });

  it('parses an empty log', () => {
    expect(parseGitLog('').size).toBe(0);
  });
});
