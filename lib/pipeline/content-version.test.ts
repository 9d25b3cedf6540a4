// A version's id is a hash of what it holds, and which content versions a content build deletes:
// never one that is live, was live just before, or is still served by a running server (however
// old its directory), and never their bodies or the search segments they name.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { summary } from '../content/test-fixtures';
import { SEARCH_DB_FORMAT, type SearchManifest } from '../search/search-db';
import Database from 'better-sqlite3';
import type { CacheEntry } from './build-cache';
import { readCatalogIndex } from './catalog-reader';
import { writeCatalogVersion } from './catalog-writer';
import { articleHash, revisionsTag, type VersionContent } from './content-version';
import type { Revision } from './git-history';

describe('versionId', () => {
  const categories = [{ path: 'shehui', name: '社会', description: '', order: 1 }];
  const pages = [{ slug: 'about', url: '/about', title: '关于我们', order: 1, body: 'p1' }];
  const article = (name: string, key: string, history?: Revision[]) => ({
    path: `articles/2024/01/${name}.md`,
    key,
    revisions: revisionsTag(history),
    slug: name,
    hash: articleHash('code', key, history),
  });
  const content = (key: string, history?: Revision[]): VersionContent => ({
    articles: [article('a', 'key-a'), article('b', key, history)],
    categories,
    pages,
  });
  const created = { date: '2024-01-24T08:00:00+08:00', subject: '发布' };
  const corrected = { date: '2024-01-25T08:00:00+08:00', subject: '更正：标题' };

  it('is the same for the same content and code, and another for a changed article', async () => {
    const { versionId } = await import('./content-version');
    const id = versionId('code', content('key-b'));
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(versionId('code', content('key-b'))).toBe(id);
    // Other bytes in the file (another build-cache key), or a correction in git's history.
    expect(versionId('code', content('key-b2'))).not.toBe(id);
    expect(versionId('code', content('key-b', [corrected, created]))).not.toBe(id);
    // Its first commit adds nothing to the summary: the same id.
    expect(versionId('code', content('key-b', [created]))).toBe(id);
    expect(versionId('other code', content('key-b'))).not.toBe(id);
    // The same entry under another version writer: another fingerprint, so its row is written again.
    expect(articleHash('other code', 'key-b', undefined)).not.toBe(
      articleHash('code', 'key-b', undefined),
    );
    expect(versionId('code', { ...content('key-b'), articles: [] })).not.toBe(id);
    expect(versionId('code', { ...content('key-b'), categories: [] })).not.toBe(id);
    expect(versionId('code', { ...content('key-b'), pages: [] })).not.toBe(id);
  });
});

const dir = mkdtempSync(path.join(tmpdir(), 'content-gc-'));
const versionDir = (name: string) => path.join(dir, 'versions', name);
const bodyOf = (hash: string) => path.join(dir, 'bodies', hash.slice(0, 2), `${hash}.html`);
const segmentOf = (name: string) => path.join(dir, 'search', `${name}.db`);

/** Its search index: the base segment, and one of its own. */
function writeSearchManifest(name: string, at: number) {
  mkdirSync(path.dirname(segmentOf(name)), { recursive: true });
  writeFileSync(segmentOf(name), '');
  writeFileSync(segmentOf('base'), '');
  const segment = (segmentName: string) => ({ name: segmentName, firstId: 1, nextId: 2, count: 1 });
  writeFileSync(
    path.join(versionDir(name), 'search.json'),
    JSON.stringify({
      format: SEARCH_DB_FORMAT,
      code: 'test',
      segments: [segment('base'), segment(name)],
      deleted: [],
      count: 2,
      nextId: 3,
      titleTotal: 2,
      bodyTotal: 2,
    }),
  );
  for (const file of [segmentOf(name), segmentOf('base')]) utimesSync(file, at, at);
}

/** A version written as a content build writes it: its catalog rows, its directory, its bodies
 * (an article's, ab<name>, and its site page's, cd<name>). */
function makeVersion(name: string, minutesOld: number) {
  writeCatalogVersion(path.join(dir, 'catalog.db'), name, {
    articles: [summary({ slug: 'story', title: name, body: `ab${name}` })],
    categories: [],
    pages: [{ slug: 'about', url: '/about', title: name, order: 1, body: `cd${name}` }],
  });
  mkdirSync(versionDir(name), { recursive: true });
  writeFileSync(path.join(versionDir(name), 'complete.json'), '{}');
  const at = (Date.now() - minutesOld * 60_000) / 1000;
  for (const body of [bodyOf(`ab${name}`), bodyOf(`cd${name}`)]) {
    mkdirSync(path.dirname(body), { recursive: true });
    writeFileSync(body, `<p>${name}</p>`);
    utimesSync(body, at, at);
  }
  writeSearchManifest(name, at);
  utimesSync(versionDir(name), at, at);
}

const bodiesLeft = (names: string[]) =>
  names.flatMap((name) => [`ab${name}`, `cd${name}`]).filter((hash) => existsSync(bodyOf(hash)));

/** A running server serving `name`, as lib/content/reload.ts holds it: a shared flock (held by
 * flock(1) itself, --close: killing it releases the lock). */
async function serverHolding(name: string): Promise<ChildProcess> {
  const lock = path.join(versionDir(name), 'in-use.lock');
  const holder = spawn('flock', ['--shared', '--close', lock, 'sleep', '60'], { stdio: 'ignore' });
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (spawnSync('flock', ['--nonblock', '--exclusive', lock, 'true']).status !== 0) return holder;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  holder.kill();
  throw new Error('the lock was not taken');
}

describe('collectGarbage', () => {
  let server: ChildProcess | undefined;
  beforeAll(() => {
    vi.stubEnv('CONTENT_INDEX_DIR', dir);
    vi.resetModules();
  });
  afterAll(() => {
    server?.kill();
    vi.unstubAllEnvs();
  });

  it('keeps the live version, the one before, and any a running server serves, with their bodies', async () => {
    // v0 was made live again by hand an hour ago and is still served; v1–v3 are older
    // publications nobody serves; v4 was live until v5 was published.
    for (const [index, name] of ['v0', 'v1', 'v2', 'v3', 'v4', 'v5'].entries()) {
      makeVersion(name, 120 - index * 20);
    }
    server = await serverHolding('v0');
    // Its directory keeps its age (creating the lock file touched it).
    const old = (Date.now() - 120 * 60_000) / 1000;
    utimesSync(versionDir('v0'), old, old);
    const { collectGarbage } = await import('./content-version');
    collectGarbage('v5', 'v4');
    const left = ['v0', 'v1', 'v2', 'v3', 'v4', 'v5'].filter((name) =>
      existsSync(versionDir(name)),
    );
    expect(left).toEqual(['v0', 'v4', 'v5']);
    expect(bodiesLeft(['v0', 'v1', 'v2', 'v3', 'v4', 'v5'])).toEqual(
      ['v0', 'v4', 'v5'].flatMap((name) => [`ab${name}`, `cd${name}`]),
    );
    const segments = ['base', 'v0', 'v1', 'v2', 'v3', 'v4', 'v5'].filter((name) =>
      existsSync(segmentOf(name)),
    );
    expect(segments).toEqual(['base', 'v0', 'v4', 'v5']);

    // A body no version names (left by a build that failed): only the daily sweep knows of it.
    const orphan = bodyOf('eeorphan');
    mkdirSync(path.dirname(orphan), { recursive: true });
    writeFileSync(orphan, '<p>orphan</p>');
    utimesSync(orphan, old, old);

    // Once no server serves it any more, it goes too, with the bodies only it named: found from
    // the catalog's rows it had, without listing the body folder (swept a moment ago).
    server.kill();
    await new Promise((resolve) => server?.once('exit', resolve));
    collectGarbage('v5', 'v4');
    expect(existsSync(versionDir('v0'))).toBe(false);
    expect(bodiesLeft(['v0', 'v4', 'v5'])).toEqual(['abv4', 'cdv4', 'abv5', 'cdv5']);
    expect(existsSync(segmentOf('v0'))).toBe(false);
    expect(existsSync(segmentOf('base'))).toBe(true);
    expect(existsSync(orphan)).toBe(true);

    // A day later, the next publish that deletes a version sweeps the folder whole.
    const swept = path.join(dir, 'bodies', '.swept');
    const dayAgo = (Date.now() - 25 * 60 * 60_000) / 1000;
    utimesSync(swept, dayAgo, dayAgo);
    makeVersion('v6', 0);
    collectGarbage('v6', 'v5');
    expect(existsSync(orphan)).toBe(false);
    expect(bodiesLeft(['v4', 'v5', 'v6'])).toEqual(['abv5', 'cdv5', 'abv6', 'cdv6']);
  });
});

describe('publishContentVersion', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'content-publish-'));
  beforeAll(() => {
    vi.stubEnv('CONTENT_INDEX_DIR', path.join(root, 'index'));
    vi.resetModules();
  });
  afterAll(() => vi.unstubAllEnvs());

  it('reads the summaries of the articles that changed, not those of the archive', async () => {
    const { publishContentVersion } = await import('./content-version');
    const { openBuildCache } = await import('./build-cache');
    const contentDir = path.join(root, 'content');
    const cache = openBuildCache(path.join(root, 'build-cache.db'));
    const article = (slug: string, key: string, title = slug) => ({
      source: { path: `articles/2024/01/${slug}.md`, key },
      entry: {
        key,
        path: `articles/2024/01/${slug}.md`,
        entry: {
          kind: 'article' as const,
          summary: summary({ slug, title, file: `articles/2024/01/${slug}.md` }),
          text: title,
          counts: { [title]: [1, 0] as [number, number] },
        },
      },
    });
    const channel = {
      source: { path: 'categories/shehui.yml', key: 'key-shehui' },
      entry: {
        key: 'key-shehui',
        path: 'categories/shehui.yml',
        entry: {
          kind: 'category' as const,
          category: { path: 'shehui', name: '社会', description: '', order: 1 },
        },
      },
    };
    const archive = [article('a', 'key-a'), article('b', 'key-b'), article('c', 'key-c'), channel];
    cache.put(
      contentDir,
      archive.map((one) => one.entry),
    );
    const publish = (sources: { path: string; key: string }[], history = new Map()) =>
      publishContentVersion({
        code: 'code',
        sources,
        cache,
        entries: cache.index(contentDir),
        history,
      });
    const first = publish(archive.map((one) => one.source));
    expect(first.catalog).toMatchObject({ added: 3, closed: 0 });

    // b corrected: a new key. Only its summary is read, once for its catalog row and search
    // document, and the channel's (categories are few and read whole).
    const corrected = article('b', 'key-b2', '更正：b');
    cache.put(contentDir, [corrected.entry]);
    const reads = vi.spyOn(cache, 'meta');
    const sources = [archive[0], corrected, archive[2], channel].map((one) => one!.source);
    const second = publish(sources);
    expect(second.switched).toBe(true);
    expect(second.version).not.toBe(first.version);
    expect(second.catalog).toMatchObject({ added: 1, closed: 1 });
    expect(second.search).toMatchObject({ added: 1, removed: 1 });
    const keysRead = () => reads.mock.calls.map(([key]) => key).sort();
    expect(keysRead()).toEqual(['key-b2', 'key-shehui']);

    // A correction in git's history alone (the same bytes): c's row is written again.
    reads.mockClear();
    const history = new Map([
      [
        'articles/2024/01/c.md',
        [
          { date: '2024-01-25T08:00:00+08:00', subject: '更正：c' },
          { date: '2024-01-24T08:00:00+08:00', subject: '发布' },
        ],
      ],
    ]);
    const third = publish(sources, history);
    expect(third.version).not.toBe(second.version);
    expect(third.catalog).toMatchObject({ added: 1, closed: 1 });
    expect(keysRead()).toEqual(['key-c', 'key-shehui']);
    // The same sources and history again: the same version, nothing read but the channel.
    reads.mockClear();
    expect(publish(sources, history)).toMatchObject({ version: third.version, switched: false });
    expect(keysRead()).toEqual(['key-shehui']);
    cache.close();
  });
});

describe('a publish as the change of the open version', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'content-delta-'));
  const contentDir = path.join(root, 'content');
  afterAll(() => vi.unstubAllEnvs());

  type Entry = { key: string; path: string; entry: CacheEntry };
  const article = (file: string, slug: string, key: string, title = slug): Entry => ({
    key,
    path: `articles/2024/01/${file}.md`,
    entry: {
      kind: 'article',
      summary: summary({ slug, title, file: `articles/2024/01/${file}.md`, body: `b-${key}` }),
      text: `${title} 正文`,
      counts: { [title]: [1, 0], 正文: [0, 1] },
    },
  });
  const channel: Entry = {
    key: 'key-shehui',
    path: 'categories/shehui.yml',
    entry: {
      kind: 'category',
      category: { path: 'shehui', name: '社会', description: '', order: 1 },
    },
  };

  /** The content writer of an index directory of its own (its paths are read at import). */
  async function writerIn(dir: string) {
    vi.stubEnv('CONTENT_INDEX_DIR', path.join(dir, 'index'));
    vi.resetModules();
    const { publishContentVersion } = await import('./content-version');
    const { openBuildCache } = await import('./build-cache');
    const cache = openBuildCache(path.join(dir, 'build-cache.db'));
    const looked: string[] = [];
    const historyRead: string[] = [];
    const publish = (
      entries: Entry[],
      history: Map<string, Revision[]> = new Map(),
      heads: { head: string; changed?: { since: string; files: ReadonlySet<string> } } = {
        head: '',
      },
    ) => {
      cache.put(contentDir, entries);
      looked.length = 0;
      historyRead.length = 0;
      const index = cache.index(contentDir);
      return publishContentVersion({
        code: 'code',
        sources: entries.map(({ key, path: file }) => ({ key, path: file })),
        cache,
        entries: {
          get: (key) => {
            looked.push(key);
            return index.get(key);
          },
        },
        history: {
          get: (file) => {
            historyRead.push(file);
            return history.get(file);
          },
        },
        historyHead: heads.head,
        ...(heads.changed ? { historyChanged: heads.changed } : {}),
      });
    };
    const { readOpenChange } = await import('./catalog-writer');
    const { CATALOG_FILE } = await import('../content/paths');
    /**
     * A publish of the files `changed` and `removed` alone, as a build given them by git does
     * (scripts/build/run-content-build.ts): the open state of those files only.
     */
    const publishChange = (
      changed: Entry[],
      removed: string[],
      history: Map<string, Revision[]>,
      heads: { head: string; since: string; touched: string[] },
      sources: { since: string; at: string },
    ) => {
      cache.put(contentDir, changed);
      looked.length = 0;
      historyRead.length = 0;
      const touched = heads.touched.filter((file) => !changed.some((one) => one.path === file));
      const open = readOpenChange(CATALOG_FILE, 'code', (head) => {
        expect(head.sources).toBe(sources.since);
        return [...changed.map((one) => one.path), ...removed, ...touched];
      });
      if (!open) throw new Error('no open state');
      return publishContentVersion({
        code: 'code',
        // A file whose history alone changed comes with its key as it is (the build reads it).
        sources: [
          ...changed.map(({ key, path: file }) => ({ key, path: file })),
          ...touched.map((file) => ({ path: file, key: open.rows.get(file)?.key ?? '' })),
        ],
        cache,
        entries: {
          get: (key) => {
            looked.push(key);
            return cache.entry(key);
          },
        },
        history: {
          get: (file) => {
            historyRead.push(file);
            return history.get(file);
          },
        },
        historyHead: heads.head,
        historyChanged: { since: heads.since, files: new Set(heads.touched) },
        change: { open, removed },
        sourcesAt: sources.at,
      });
    };
    const publishAt = (entries: Entry[], at: string, head = '') => {
      cache.put(contentDir, entries);
      return publishContentVersion({
        code: 'code',
        sources: entries.map(({ key, path: file }) => ({ key, path: file })),
        cache,
        entries: cache.index(contentDir),
        history: { get: () => undefined },
        historyHead: head,
        sourcesAt: at,
      });
    };
    return {
      publish,
      publishChange,
      publishAt,
      looked,
      historyRead,
      close: () => cache.close(),
    };
  }

  /** What readers get of a version: its catalog index and its search documents. */
  function state(dir: string, version: string) {
    const index = path.join(dir, 'index');
    const manifest = JSON.parse(
      readFileSync(path.join(index, 'versions', version, 'search.json'), 'utf8'),
    ) as SearchManifest;
    const docs = manifest.segments.flatMap((segment) => {
      const db = new Database(path.join(index, 'search', `${segment.name}.db`), { readonly: true });
      const rows = db.prepare('SELECT id, slug, key, title_len, body_len FROM docs').all() as {
        id: number;
        slug: string;
      }[];
      db.close();
      return rows
        .filter((row) => !manifest.deleted.includes(row.id))
        .map((row) => ({ ...row, id: undefined }));
    });
    return {
      catalog: readCatalogIndex(path.join(index, 'catalog.db'), version),
      docs: docs.sort((a, b) => (a.slug < b.slug ? -1 : 1)),
      totals: [manifest.count, manifest.titleTotal, manifest.bodyTotal],
    };
  }

  it('looks up the files it changed, and reaches what a version written whole holds', async () => {
    const warm = await writerIn(root);
    const check = async (entries: Entry[], history?: Map<string, Revision[]>) => {
      const result = warm.publish(entries, history);
      const cold = mkdtempSync(path.join(tmpdir(), 'content-cold-'));
      const whole = await writerIn(cold);
      const expected = whole.publish(entries, history);
      whole.close();
      expect(result.version).toBe(expected.version);
      expect(state(root, result.version)).toEqual(state(cold, expected.version));
      return result;
    };
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((name) => article(name, name, `key-${name}`));
    let files = [a, b, c, d, channel] as Entry[];
    await check(files);

    // b corrected, e added: only their entries are looked up (and the channel's).
    const b2 = article('b', 'b', 'key-b2', '更正：b');
    const e = article('e', 'e', 'key-e');
    files = [a, b2, c, d, e, channel] as Entry[];
    const second = await check(files);
    expect(warm.looked.sort()).toEqual(['key-b2', 'key-e', 'key-shehui']);
    expect(second.catalog).toMatchObject({ added: 2, closed: 1 });
    expect(second.search).toMatchObject({ added: 2, removed: 1 });
    // The build cache may forget b's first entry.
    expect(second.replaced).toEqual(['key-b']);

    // c corrected in git's history alone: its row again, its search document kept.
    const history = new Map([
      [
        c!.path,
        [
          { date: '2024-01-25T08:00:00+08:00', subject: '更正：c' },
          { date: '2024-01-24T08:00:00+08:00', subject: '发布' },
        ],
      ],
    ]);
    const third = await check(files, history);
    expect(warm.looked.sort()).toEqual(['key-c', 'key-shehui']);
    expect(third.catalog).toMatchObject({ added: 1, closed: 1 });
    expect(third.search).toMatchObject({ added: 0, removed: 0 });
    expect(third.replaced).toEqual([]);

    // d deleted; a's file renamed (its slug kept); e's slug moves to a new file while e's own
    // file takes another.
    const a2 = article('a-renamed', 'a', 'key-a2');
    const e2 = article('e', 'e-new', 'key-e2');
    const f = article('f', 'e', 'key-f');
    files = [a2, b2, c, e2, f, channel] as Entry[];
    const fourth = await check(files, history);
    expect(warm.looked.sort()).toEqual(['key-a2', 'key-e2', 'key-f', 'key-shehui']);
    expect(fourth.catalog).toMatchObject({ added: 3, closed: 3 });

    // A new file with an unchanged article's slug: refused, and nothing of it written.
    const twin = article('g', 'c', 'key-g');
    expect(() => warm.publish([...files, twin], history)).toThrow(
      'c: two articles of this version have this slug',
    );
    expect(warm.publish(files, history)).toMatchObject({
      version: fourth.version,
      switched: false,
    });
    warm.close();
  });

  it('reads the history of the files touched since the commit of the open version, and no other', async () => {
    const writer = await writerIn(mkdtempSync(path.join(tmpdir(), 'content-history-')));
    const files = [...['a', 'b', 'c'].map((name) => article(name, name, `key-${name}`)), channel];
    const paths = files.filter((one) => one.entry.kind === 'article').map((one) => one.path);
    writer.publish(files, new Map(), { head: 'h1' });
    // Written whole: every file's (for its fingerprint, and again for its row).
    expect([...new Set(writer.historyRead)].sort()).toEqual(paths);
    // A commit corrects c: only its history is read, and its row written again.
    const corrected = new Map([
      [
        paths[2] as string,
        [
          { date: '2024-01-25T08:00:00+08:00', subject: '更正：c' },
          { date: '2024-01-24T08:00:00+08:00', subject: '发布' },
        ],
      ],
    ]);
    const second = writer.publish(files, corrected, {
      head: 'h2',
      changed: { since: 'h1', files: new Set([paths[2] as string]) },
    });
    expect(new Set(writer.historyRead)).toEqual(new Set([paths[2]]));
    expect(second.catalog).toMatchObject({ added: 1, closed: 1 });
    // Changes counted from another commit than the open version's: every file's is compared.
    expect(
      writer.publish(files, corrected, {
        head: 'h3',
        changed: { since: 'h1', files: new Set() },
      }),
    ).toMatchObject({ version: second.version, switched: false });
    expect([...new Set(writer.historyRead)].sort()).toEqual(paths);
    writer.close();
  });

  it('written from the changed files alone, reaches what a version written whole holds', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'content-change-'));
    const writer = await writerIn(dir);
    const check = async (
      result: { version: string },
      entries: Entry[],
      history?: Map<string, Revision[]>,
    ) => {
      const cold = mkdtempSync(path.join(tmpdir(), 'content-cold-'));
      const whole = await writerIn(cold);
      const expected = whole.publish(entries, history);
      whole.close();
      expect(result.version).toBe(expected.version);
      expect(state(dir, result.version)).toEqual(state(cold, expected.version));
    };
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((name) => article(name, name, `key-${name}`));
    let files = [a, b, c, d, channel] as Entry[];
    writer.publishAt(files, 'c0', 'h0');
    const none = new Map<string, Revision[]>();
    const heads = (head: string, since: string, touched: string[] = []) => ({
      head,
      since,
      touched,
    });

    // b corrected and e added: only their entries looked up, nothing else of the archive.
    const b2 = article('b', 'b', 'key-b2', '更正：b');
    const e = article('e', 'e', 'key-e');
    files = [a, b2, c, d, e, channel] as Entry[];
    const second = writer.publishChange([b2!, e], [], none, heads('h0', 'h0'), {
      since: 'c0',
      at: 'c1',
    });
    expect(writer.looked.sort()).toEqual(['key-b2', 'key-e']);
    expect(second.catalog).toMatchObject({ added: 2, closed: 1 });
    expect(second.replaced).toEqual(['key-b']);
    await check(second, files);

    // c corrected in git's history alone, d deleted, a's file renamed with its slug.
    const history = new Map([
      [
        c!.path,
        [
          { date: '2024-01-25T08:00:00+08:00', subject: '更正：c' },
          { date: '2024-01-24T08:00:00+08:00', subject: '发布' },
        ],
      ],
    ]);
    const a2 = article('a-renamed', 'a', 'key-a2');
    files = [a2, b2, c, e, channel] as Entry[];
    const third = writer.publishChange(
      [a2],
      [a!.path, d!.path],
      history,
      heads('h1', 'h0', [c!.path]),
      { since: 'c1', at: 'c2' },
    );
    expect(new Set(writer.historyRead)).toEqual(new Set([a2.path, c!.path]));
    expect(third.catalog).toMatchObject({ added: 2, closed: 3 });
    await check(third, files, history);

    // A category among the changes, or a removed file that was no article: written whole.
    const channel2 = { ...channel, key: 'key-shehui2' };
    expect(() =>
      writer.publishChange([channel2], [], history, heads('h1', 'h1'), { since: 'c2', at: 'c3' }),
    ).toThrow('a category or site page changed');
    expect(() =>
      writer.publishChange([], [channel.path], history, heads('h1', 'h1'), {
        since: 'c2',
        at: 'c3',
      }),
    ).toThrow('categories/shehui.yml: removed, and not an article');
    // History known from another commit than the open version's: not a change it can write.
    expect(() =>
      writer.publishChange([], [], history, heads('h2', 'h0'), { since: 'c2', at: 'c3' }),
    ).toThrow('the history of the files is not known since the open version');
    // Nothing it refused was written: the open version is the third, whole again from it.
    expect(
      writer.publishChange([], [], history, heads('h1', 'h1'), { since: 'c2', at: 'c3' }),
    ).toMatchObject({ version: third.version, switched: false });
    writer.close();
  });
});
