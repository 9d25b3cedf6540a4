import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changedBetween, cleanCommit } from './source-changes';

let repo: string;
/** The content directory: a folder of the repository, as `content/` is in this project. */
let root: string;

const git = (...args: string[]) =>
  execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' }).trim();

function write(file: string, text: string, base = root) {
  mkdirSync(path.dirname(path.join(base, file)), { recursive: true });
  writeFileSync(path.join(base, file), text);
}

function commit(message = 'change'): string {
  git('add', '-A');
  git('-c', 'user.name=编辑', '-c', 'user.email=e@example.com', 'commit', '-qm', message);
  return git('rev-parse', 'HEAD');
}

beforeEach(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'source-changes-'));
  root = path.join(repo, 'content');
  git('init', '-q');
  write('articles/2024/a.md', 'a');
  write('articles/2024/b.md', 'b');
  write('categories/qinggan.yml', 'name: 情感');
  write('README.md', 'the project', repo);
  write('.gitignore', 'ignored/\n*.log\n.cache/\n', repo);
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('cleanCommit', () => {
  it('is HEAD while nothing a listing of the content directory includes differs from it', () => {
    const head = commit();
    expect(cleanCommit(root)).toBe(head);
    // Outside the content directory, and dot files inside it, are not the content's.
    write('README.md', 'edited', repo);
    write('.DS_Store', 'x');
    write('articles/.draft.md.swp', 'x');
    write('.cache/x', 'x');
    expect(cleanCommit(root)).toBe(head);
  });

  it('is undefined for a changed, staged, deleted, untracked or ignored file', () => {
    commit();
    const dirty: [string, () => void][] = [
      ['changed', () => write('articles/2024/a.md', 'a2')],
      ['staged', () => (write('articles/2024/a.md', 'a2'), git('add', '-A'))],
      ['deleted', () => rmSync(path.join(root, 'articles/2024/b.md'))],
      ['untracked', () => write('articles/2025/new.md', 'new')],
      ['ignored', () => write('articles/ignored/x.md', 'x')],
      ['ignored by pattern', () => write('articles/build.log', 'x')],
    ];
    for (const [what, make] of dirty) {
      make();
      expect(cleanCommit(root), what).toBeUndefined();
      git('reset', '-q', '--hard');
      git('clean', '-qfdx');
      expect(cleanCommit(root), what).toBe(git('rev-parse', 'HEAD'));
    }
  });

  it('is undefined outside a git work tree, and before the first commit', () => {
    expect(cleanCommit(root)).toBeUndefined();
    const plain = mkdtempSync(path.join(tmpdir(), 'source-changes-plain-'));
    try {
      expect(cleanCommit(plain)).toBeUndefined();
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});

describe('changedBetween', () => {
  it('names the added, changed and removed files, and both names of a renamed one', () => {
    const first = commit();
    write('articles/2024/a.md', 'a2');
    write('articles/2025/c.md', 'c');
    rmSync(path.join(root, 'categories/qinggan.yml'));
    renameSync(path.join(root, 'articles/2024/b.md'), path.join(root, 'articles/2024/b2.md'));
    write('README.md', 'outside', repo);
    write('articles/.hidden.md', 'a dot file');
    const second = commit();
    expect(changedBetween(root, first, second)?.sort()).toEqual([
      'articles/2024/a.md',
      'articles/2024/b.md',
      'articles/2024/b2.md',
      'articles/2025/c.md',
      'categories/qinggan.yml',
    ]);
    expect(changedBetween(root, second, second)).toEqual([]);
    // Back again: the same files.
    expect(changedBetween(root, second, first)?.length).toBe(5);
  });

  it('names Chinese file names as they are', () => {
    const first = commit();
    write('articles/2024/春节.md', '春节');
    expect(changedBetween(root, first, commit())).toEqual(['articles/2024/春节.md']);
  });

  it('cannot tell for a commit git does not have, or a symbolic link among the changes', () => {
    const first = commit();
    expect(changedBetween(root, 'f'.repeat(40), first)).toBeUndefined();
    symlinkSync(path.join(root, 'articles/2024/a.md'), path.join(root, 'articles/2024/link.md'));
    expect(changedBetween(root, first, commit())).toBeUndefined();
  });
});
