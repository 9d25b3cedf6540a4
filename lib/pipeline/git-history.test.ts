import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBuildCache } from './build-cache';
import { openCacheUpkeep } from './cache-upkeep';
import {
  memoryHistoryStore,
  parseGitLog,
  readGitHistory,
  revisionsAfterFirst,
  updateGitHistory,
} from './git-history';

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

  it('reads only the commits since the last build, with the same result as the whole log', () => {
    const { dir, git } = repo();
    const articles = path.join(dir, 'articles/2024');
    mkdirSync(articles, { recursive: true });
    const file = (name: string) => path.join(articles, name);
    const steps: [string, () => void][] = [
      ['发布', () => ['a', 'b', 'c'].forEach((n) => writeFileSync(file(`${n}.md`), `${n}\n`))],
      ['更正', () => writeFileSync(file('a.md'), 'a2\n')],
      ['改名', () => renameSync(file('b.md'), file('b2.md'))],
      ['删除', () => rmSync(file('c.md'))],
      ['新稿', () => writeFileSync(file('d.md'), 'd\n')],
      [
        '改名再更正',
        () => {
          renameSync(file('b2.md'), file('b3.md'));
          writeFileSync(file('a.md'), 'a3\n');
        },
      ],
    ];
    // Kept in memory, and file by file in a build cache (what a content build uses).
    const memory = memoryHistoryStore();
    const cacheFile = path.join(mkdtempSync(path.join(tmpdir(), 'history-cache-')), 'cache.db');
    openBuildCache(cacheFile).close();
    const cache = openCacheUpkeep(cacheFile);
    const stored = cache.historyStore(dir);
    const everyFile = () => [
      ...readGitHistory(dir).keys(),
      'articles/2024/c.md',
      'articles/2024/b.md',
    ];
    const storedHistory = () =>
      new Map(
        everyFile().flatMap((file) => {
          const revisions = stored.get(file);
          return revisions ? [[file, revisions] as const] : [];
        }),
      );
    for (const [subject, change] of steps) {
      change();
      git('add', '-A');
      git('commit', '-qm', subject);
      const before = memory.head();
      const { touched } = updateGitHistory(dir, memory);
      expect(memory.history, subject).toEqual(readGitHistory(dir));
      updateGitHistory(dir, stored);
      expect(storedHistory(), subject).toEqual(readGitHistory(dir));
      // The files the commit touched, by every name they had: only theirs were read and written.
      if (before === undefined) expect(touched, subject).toBeUndefined();
      else {
        const changed = git('diff', '--name-only', '--no-renames', before, 'HEAD', '--', 'articles')
          .toString()
          .split('\n')
          .filter(Boolean);
        expect([...(touched ?? [])].sort(), subject).toEqual(changed.sort());
      }
    }
    expect(updateGitHistory(dir, memory).touched).toEqual(new Set());
    expect(memory.history.get('articles/2024/b3.md')?.map((r) => r.subject)).toEqual([
      '改名再更正',
      '改名',
      '发布',
    ]);
    // A rewritten history (not a descendant of the last build's commit) is read whole.
    git('reset', '-q', '--hard', 'HEAD~2');
    writeFileSync(file('e.md'), 'e\n');
    git('add', '-A');
    git('commit', '-qm', '另一条线');
    expect(updateGitHistory(dir, memory).touched).toBeUndefined();
    expect(memory.history).toEqual(readGitHistory(dir));
    updateGitHistory(dir, stored);
    expect(storedHistory()).toEqual(readGitHistory(dir));
    cache.close();
  });

  it('gives no history, and no error, without .git', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nogit-'));
    expect(readGitHistory(dir).size).toBe(0);
  });

  it('parses an empty log', () => {
    expect(parseGitLog('').size).toBe(0);
  });
});
