import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImageInfo } from '@/lib/content/rules';
import { openBuildCache, type BuildCache } from './build-cache';
import { checkContent, type SourceFile } from './check';
import { checkContentDir } from './incremental-check';
import { MARGIN_MS } from './source-hashes';

const head = (extra = '', category = 'qinggan') =>
  `---\ntitle: 标题\ndate: 2024-01-24T08:00:00+08:00\ncategory: ${category}\nsource: 新华社\n${extra}---\n\n`;

/** Settled and deferred problems of every kind, across files and against public/. */
const corpus: Record<string, string> = {
  'categories/qinggan.yml': 'name: 情感\ndescription: 情感栏目\norder: 1\n',
  'categories/wenhua/shu.yml': 'name: 书\ndescription: 读书\norder: x\n',
  'articles/2024/a.md': `${head('related: [b, gone]\ncover: /images/ok.jpg\ncoverAlt: 图\n')}见[乙](/articles/b)和[无](/articles/nope)。\n\n![图](/images/small.jpg)\n`,
  'articles/2024/b.md': `${head('summary: 摘要\n')}正文,有半角逗号。\n`,
  'articles/2023/b.md': `${head('summary: 摘要\n', 'nope')}重复的文件名。\n`,
  'articles/2023/c.md': `${head('summary: 摘要\ncover: /images/missing.jpg\ncoverAlt: 图\n')}正文。\n`,
  'articles/2024/Bad_Name.md': `${head('summary: 摘要\n')}正文。\n`,
  'articles/2024/broken.md': '---\ntitle: [unclosed\n---\n\n正文\n',
  'articles/notes.txt': 'x',
  'pages/about.md': '---\ntitle: 关于我们\n---\n\n',
};

const images = new Map<string, ImageInfo>([
  ['/images/ok.jpg', { width: 1600, height: 900, bytes: 200_000 }],
  ['/images/small.jpg', { width: 640, height: 200, bytes: 40_000 }],
]);

let dir: string;
let root: string;
let cache: BuildCache;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'incremental-check-'));
  root = path.join(dir, 'content');
  for (const [file, text] of Object.entries(corpus)) write(file, text);
  cache = openBuildCache(path.join(dir, 'cache.db'));
});
afterEach(() => {
  cache.close();
  rmSync(dir, { recursive: true, force: true });
});

function write(file: string, text: string) {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

const files = () => Object.keys(corpus).filter((file) => readable(file));
const readable = (file: string) => {
  try {
    readFileSync(path.join(root, file));
    return true;
  } catch {
    return false;
  }
};

function run({
  version = 'v1',
  catalog = images,
  list = files(),
}: { version?: string; catalog?: Map<string, ImageInfo>; list?: string[] } = {}) {
  return checkContentDir({
    cache,
    root,
    files: list,
    version,
    // Long enough after the files were written for their stat records to be trusted.
    now: Date.now() + MARGIN_MS + 1000,
    publicFileExists: (sitePath) => catalog.has(sitePath),
    imageInfo: (sitePath) => catalog.get(sitePath),
  });
}

/** The check over every file's text, without a cache: what every run must report. */
function cold(list = files(), catalog = images) {
  const sources: SourceFile[] = list.map((file) => ({
    path: file,
    text: readFileSync(path.join(root, file), 'utf8'),
  }));
  return checkContent({
    files: sources,
    publicFileExists: (sitePath) => catalog.has(sitePath),
    imageInfo: (sitePath) => catalog.get(sitePath),
  });
}

describe('the incremental content check', () => {
  it('reports from the cache the same problems, in the same order, as a cold check', () => {
    const first = run();
    expect(first.checked).toBe(files().length);
    // The fixture has problems of every kind, settled and across files.
    expect(new Set(first.problems.map((problem) => problem.field))).toEqual(
      new Set([
        '(yaml)',
        '(file)',
        'order',
        '(category)',
        'slug',
        'related',
        'body',
        'category',
        'summary',
        'cover',
      ]),
    );
    expect(first.problems).toEqual(cold());
    const second = run();
    // Every file's hash again, in the order listed, none read: what the build takes from the check.
    expect(second).toEqual({
      problems: cold(),
      read: 0,
      checked: 0,
      sources: first.sources.map((source) => ({ ...source, read: false })),
    });
    expect(second.sources.map((source) => source.path)).toEqual(files());
  });

  it('reads and checks again a file whose text changed, and only that file', () => {
    run();
    write('articles/2024/b.md', `${head()}改过的正文。\n`);
    const after = run();
    expect(after.checked).toBe(1);
    expect(after.problems).toEqual(cold());
    expect(after.problems).toContainEqual(
      expect.objectContaining({ file: 'articles/2024/b.md', field: 'summary' }),
    );
  });

  it('reports a cross-file problem of an unchanged, cached file when the other file goes', () => {
    run();
    const slugProblems = (problems: { file: string; field: string; message: string }[]) =>
      problems.filter(
        (problem) =>
          problem.file === 'articles/2024/a.md' &&
          (problem.field === 'related' || problem.field === 'body') &&
          /"b"|\/articles\/b /.test(problem.message),
      );
    expect(slugProblems(cold())).toEqual([]);
    // Both b.md go: a.md relates to b and links to it.
    rmSync(path.join(root, 'articles/2024/b.md'));
    rmSync(path.join(root, 'articles/2023/b.md'));
    const after = run();
    expect(after.checked).toBe(0);
    expect(after.problems).toEqual(cold());
    expect(slugProblems(after.problems)).toEqual([
      expect.objectContaining({ field: 'related', message: expect.stringContaining('"b"') }),
      expect.objectContaining({ field: 'body', message: expect.stringContaining('/articles/b ') }),
    ]);
  });

  it('decides pictures against the current catalog, and a new checker version checks all again', () => {
    run();
    const catalog = new Map(images);
    catalog.set('/images/ok.jpg', { width: 800, height: 450, bytes: 200_000 });
    catalog.set('/images/small.jpg', { width: 1000, height: 600, bytes: 90_000 });
    const pictures = run({ catalog });
    expect(pictures.checked).toBe(0);
    expect(pictures.problems).toEqual(cold(files(), catalog));
    expect(pictures.problems).not.toEqual(cold());
    expect(pictures.problems).toContainEqual(
      expect.objectContaining({ file: 'articles/2024/a.md', field: 'cover' }),
    );
    // The body picture that was too small fits now.
    const small = expect.objectContaining({
      file: 'articles/2024/a.md',
      field: 'body',
      line: 13,
      message: expect.stringContaining('/images/small.jpg'),
    });
    expect(cold()).toContainEqual(small);
    expect(pictures.problems).not.toContainEqual(small);

    const next = run({ version: 'v2' });
    expect(next.checked).toBe(files().length);
    expect(next.read).toBe(0);
    expect(next.problems).toEqual(cold());
    expect(run({ version: 'v2' }).checked).toBe(0);
  });
});
