import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImageInfo } from '@/lib/content/rules';
import { openBuildCache, type BuildCache } from './build-cache';
import { checkContent, type SourceFile } from './check';
import { openCheckStore, type CheckStore } from './check-state';
import { checkContentDir } from './incremental-check';
import { changedBetween, cleanCommit } from './source-changes';
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
let store: CheckStore;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'incremental-check-'));
  root = path.join(dir, 'content');
  for (const [file, text] of Object.entries(corpus)) write(file, text);
  cache = openBuildCache(path.join(dir, 'cache.db'));
  store = openCheckStore(path.join(dir, 'cache.db'), root);
});
afterEach(() => {
  store.close();
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
  warningsShown,
}: {
  version?: string;
  catalog?: Map<string, ImageInfo>;
  list?: string[];
  warningsShown?: number;
} = {}) {
  return checkContentDir({
    cache,
    store,
    root,
    ...(warningsShown === undefined ? {} : { warningsShown }),
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
    const errors = cold().filter((problem) => problem.severity === 'error').length;
    expect(second).toEqual({
      problems: cold(),
      errors,
      warnings: cold().length - errors,
      read: 0,
      checked: 0,
      // Nothing changed: no file's problems were decided again.
      decided: 0,
      files: files().length,
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

describe('the facts the check keeps', () => {
  it('are those of the current files, also after a file went while the checker changed', () => {
    run();
    rmSync(path.join(root, 'articles/2024/b.md'));
    // Another checker: its run starts from no state, and still forgets b.md's facts.
    const next = run({ version: 'v2' });
    expect(next.problems).toEqual(cold());
    expect([...store.factPaths()].sort()).toEqual(files().sort());
  });
});

describe('the incremental content check, change by change', () => {
  /** mulberry32: the same sequence of changes on every run. */
  function random(seed: number) {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /** Deletes one of the listed articles. */
  function removeArticle(list: Set<string>, pick: (items: readonly string[]) => string) {
    const file = pick([...list].filter((one) => one.startsWith('articles/')));
    rmSync(path.join(root, file));
    list.delete(file);
  }

  /** Deletes a listed category file (when `remove`), or writes it anew. */
  function toggleCategory(list: Set<string>, file: string, remove: boolean, step: number) {
    if (list.has(file) && remove) {
      rmSync(path.join(root, file));
      list.delete(file);
    } else {
      write(file, `name: 栏目\ndescription: 说明\norder: ${step}\n`);
      list.add(file);
    }
  }

  it('reports what a cold check reports after every change: files, names, categories and pictures', () => {
    const next = random(22);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    const slugs = ['a', 'b', 'c', 'd', 'e'];
    const categories = ['qinggan', 'wenhua', 'wenhua/shu', 'keji', 'keji/ai'];
    const pictures = ['/images/ok.jpg', '/images/small.jpg', '/images/new.jpg'];
    const sizes = [
      { width: 1600, height: 900, bytes: 200_000 },
      { width: 640, height: 200, bytes: 40_000 },
      { width: 1600, height: 900, bytes: 900_000 },
    ];
    const catalog = new Map(images);
    const list = new Set(files());
    const article = () =>
      `${head(
        `${next() < 0.5 ? 'summary: 摘要\n' : ''}related: [${pick(slugs)}]\n` +
          (next() < 0.5 ? `cover: ${pick(pictures)}\ncoverAlt: 图\n` : ''),
        pick([...categories, 'nope']),
      )}见[链接](/articles/${pick(slugs)})${next() < 0.3 ? ',半角' : '。'}\n\n![图](${pick(pictures)})\n`;
    const quiet = 2;
    let decidedAll = 0;
    for (let step = 0; step < 60; step += 1) {
      const roll = next();
      if (roll < 0.45) {
        const file = `articles/${pick(['2023', '2024', '2025'])}/${pick(slugs)}.md`;
        write(file, article());
        list.add(file);
      } else if (roll < 0.6) {
        removeArticle(list, pick);
      } else if (roll < 0.8) {
        toggleCategory(list, `categories/${pick(categories)}.yml`, next() < 0.5, step);
      } else {
        const picture = pick(pictures);
        if (catalog.has(picture) && next() < 0.4) catalog.delete(picture);
        else catalog.set(picture, pick(sizes));
      }
      const listed = [...list];
      const expected = cold(listed, catalog);
      // Every file read, none trusted by stat: what is tested is the check's own bookkeeping.
      const options = { list: listed, catalog, now: 0 };
      const all = checkContentDir({ ...runInput(options) });
      expect(all.problems, `step ${step}`).toEqual(expected);
      const errors = expected.filter((problem) => problem.severity === 'error');
      expect(all.errors, `step ${step}`).toBe(errors.length);
      expect(all.warnings, `step ${step}`).toBe(expected.length - errors.length);
      decidedAll += all.decided;
      let shown = 0;
      expect(
        checkContentDir({ ...runInput(options), warningsShown: quiet }).problems,
        `step ${step}`,
      ).toEqual(
        expected.filter((problem) => problem.severity === 'error' || (shown += 1) <= quiet),
      );
    }
    // Most steps change a file or two: far fewer decisions than files times steps.
    expect(decidedAll).toBeLessThan(list.size * 60 * 0.5);
  });

  it('reads only the files git names as changed, and reports what a cold check reports', () => {
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', root, ...args], { encoding: 'utf8' }).trim();
    const commit = () => {
      git('add', '-A');
      git('-c', 'user.name=编辑', '-c', 'user.email=e@example.com', 'commit', '-qm', 'change');
      return cleanCommit(root) as string;
    };
    git('init', '-q');
    let since = commit();
    const next = random(34);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    const slugs = ['a', 'b', 'c', 'd'];
    const categories = ['qinggan', 'wenhua', 'keji'];
    const list = new Set(files());
    const input = (extra: object) => ({
      ...runInput({ list: [], catalog: images, now: 0 }),
      ...extra,
    });
    // The first run lists every file, and keeps the commit it was made at.
    const first = checkContentDir(input({ files: [...list], at: since }));
    expect(first.problems).toEqual(cold([...list]));
    expect(store.totals()?.sourcesAt).toBe(since);
    for (let step = 0; step < 30; step += 1) {
      const roll = next();
      if (roll < 0.5) {
        const file = `articles/${pick(['2023', '2024'])}/${pick(slugs)}.md`;
        write(
          file,
          `${head(`summary: 摘要\nrelated: [${pick(slugs)}]\n`, pick([...categories, 'nope']))}正文${step}。\n`,
        );
        list.add(file);
      } else if (roll < 0.7) {
        removeArticle(list, pick);
      } else {
        toggleCategory(list, `categories/${pick(categories)}.yml`, next() < 0.5, step);
      }
      const at = commit();
      const changed = changedBetween(root, since, at) as string[];
      const run = checkContentDir(input({ files: changed, changes: { since }, at }));
      const expected = cold([...list]);
      expect(run.problems, `step ${step}`).toEqual(expected);
      const errors = expected.filter((problem) => problem.severity === 'error').length;
      expect([run.errors, run.warnings], `step ${step}`).toEqual([
        errors,
        expected.length - errors,
      ]);
      expect(run.files, `step ${step}`).toBe(list.size);
      // Only the changed files were read; the gone ones are named as such.
      expect(run.read, `step ${step}`).toBe(changed.filter((file) => list.has(file)).length);
      expect(run.gone?.sort(), `step ${step}`).toEqual(
        changed.filter((file) => !list.has(file)).sort(),
      );
      expect(store.totals()?.sourcesAt).toBe(at);
      since = at;
    }
    // A state made at another commit is refused rather than trusted.
    expect(() => checkContentDir(input({ files: [], changes: { since: 'f'.repeat(40) } }))).toThrow(
      /not made at/,
    );
  });

  function runInput({
    list,
    catalog,
    now,
  }: {
    list: string[];
    catalog: Map<string, ImageInfo>;
    now: number;
  }) {
    return {
      cache,
      store,
      root,
      files: list,
      version: 'v1',
      now,
      publicFileExists: (sitePath: string) => catalog.has(sitePath),
      imageInfo: (sitePath: string) => catalog.get(sitePath),
    };
  }

  it('decides again only the files a change can move, and reads no other file’s facts', () => {
    // An archive of 600 articles in two categories, each relating to the one before.
    for (let i = 0; i < 600; i += 1) {
      write(
        `articles/2022/s${i}.md`,
        `${head(`summary: 摘要\nrelated: [s${Math.max(i - 1, 0)}]\n`, i % 2 ? 'qinggan' : 'keji')}正文。\n`,
      );
    }
    const list = () => [
      ...files(),
      ...Array.from({ length: 600 }, (_, i) => `articles/2022/s${i}.md`).filter(readable),
    ];
    const counted = (extra: string[] = []) => {
      let facts = 0;
      const cachedFacts = store.cachedFacts;
      store.cachedFacts = (...args) => {
        facts += 1;
        return cachedFacts(...args);
      };
      const run = checkContentDir({
        ...runInput({
          list: [...list(), ...extra],
          catalog: images,
          now: Date.now() + MARGIN_MS + 1000,
        }),
      });
      store.cachedFacts = cachedFacts;
      return { run, facts };
    };
    // A full run keeping 50 facts in memory: the others go to the cache in batches and are read
    // back, each file checked once.
    const full = checkContentDir({
      ...runInput({ list: list(), catalog: images, now: Date.now() + MARGIN_MS + 1000 }),
      factsKept: 50,
    });
    expect(full.decided).toBe(list().length);
    expect(full.checked).toBe(list().length);
    expect(full.problems).toEqual(cold(list()));
    // Another checker: every file's facts are worked out again from files not read for their
    // hash (their stat records hold), still once each.
    const again = checkContentDir({
      ...runInput({ list: list(), catalog: images, now: Date.now() + MARGIN_MS + 1000 }),
      version: 'v2',
      factsKept: 50,
    });
    expect(again.read).toBe(0);
    expect(again.checked).toBe(list().length);
    expect(again.problems).toEqual(cold(list()));
    checkContentDir({
      ...runInput({ list: list(), catalog: images, now: Date.now() + MARGIN_MS + 1000 }),
    });
    // A correction that moves no name: that file alone.
    write(
      'articles/2022/s300.md',
      `${head('summary: 改过\nrelated: [s299]\n', 'keji')}改过的正文。\n`,
    );
    const corrected = counted();
    expect(corrected.run.decided).toBe(1);
    expect(corrected.facts).toBeLessThanOrEqual(2);
    expect(corrected.run.problems).toEqual(cold(list()));
    // s300 goes: the file relating to it is decided again too.
    rmSync(path.join(root, 'articles/2022/s300.md'));
    const removed = counted();
    expect(removed.run.decided).toBe(1);
    expect(removed.facts).toBeLessThanOrEqual(2);
    expect(removed.run.problems).toContainEqual(
      expect.objectContaining({ file: 'articles/2022/s301.md', field: 'related' }),
    );
    // A new category: the articles naming an unknown one (their message lists every category).
    write('categories/keji.yml', 'name: 科技\ndescription: 科技栏目\norder: 2\n');
    const category = counted(['categories/keji.yml']);
    expect(category.run.decided).toBe(1 + 300 + 1);
    expect(category.run.problems).toEqual(cold([...list(), 'categories/keji.yml']));
  });
});
