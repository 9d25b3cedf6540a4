import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { decodePostings, rankPage } from '@/lib/search/postings';
import { segmentFileName, titleSignature, type SearchManifest } from '@/lib/search/search-db';
import { openSearchVersion } from '@/lib/search/sqlite-source';
import { writeSearchVersion, type SearchDocContent, type SearchWriteResult } from './search-writer';

type Doc = SearchDocContent & { key: string; slug: string };

const words = ['成都', '民族团结', '乡村振兴', '教育', '医疗', '社区', '就业', '高质量发展'];
const doc = (n: number, variant = 0): Doc => ({
  key: `key-${n}-${variant}`,
  slug: `article-${n}`,
  title: `${words[n % words.length]}${variant ? '更正' : ''}新闻${n}`,
  tags: n % 3 === 0 ? [words[(n + 1) % words.length] as string] : [],
  text: `${words[(n * 7) % words.length]}${words[(n * 3) % words.length]}。第${n}篇，版本${variant}。`,
  date: Date.parse('2024-01-20T00:00:00.000Z') + n * 60_000,
  draft: false,
});

const dir = mkdtempSync(path.join(tmpdir(), 'search-writer-'));
/** Each test's own segments folder, as a content index directory has one. */
const segmentsOf = (name: string) => path.join(dir, name);
const write = (
  name: string,
  docs: Doc[],
  previous?: string,
  code = 'v1',
  segments = 'shared',
  flushPostings?: number,
) => {
  const file = path.join(dir, `${name}.json`);
  const byKey = new Map(docs.map((d) => [d.key, d]));
  const result = writeSearchVersion({
    manifestFile: file,
    segmentsDir: segmentsOf(segments),
    docs: docs.map(({ key, slug }) => ({ key, slug })),
    load: (key) => byKey.get(key) as Doc,
    code,
    ...(previous ? { previous } : {}),
    ...(flushPostings ? { flushPostings } : {}),
  });
  return { file, result, segments: segmentsOf(segments) };
};
const manifestOf = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as SearchManifest;

/** What a version's index holds, whatever ids and segments it gave its documents. */
function contents(file: string, segmentsDir: string) {
  const manifest = manifestOf(file);
  const deleted = new Set(manifest.deleted);
  const docs: Record<string, unknown>[] = [];
  const postings = new Map<string, string[]>();
  let infoRows = 0;
  for (const segment of manifest.segments) {
    const db = new Database(path.join(segmentsDir, segmentFileName(segment.name)), {
      readonly: true,
    });
    const firstId = Number(
      db.prepare("SELECT value FROM meta WHERE name = 'firstId'").pluck().get(),
    );
    const slugs = new Map(
      (db.prepare('SELECT id, slug FROM docs').all() as { id: number; slug: string }[]).map((r) => [
        r.id,
        r.slug,
      ]),
    );
    for (const { term, data } of db.prepare('SELECT term, data FROM postings').all() as {
      term: string;
      data: Buffer;
    }[]) {
      const list = decodePostings(data);
      const entries = postings.get(term) ?? [];
      list.docs.forEach((id, i) => {
        if (!deleted.has(id)) entries.push(`${slugs.get(id)}:${list.titleTf[i]}:${list.bodyTf[i]}`);
      });
      if (entries.length > 0) postings.set(term, entries);
    }
    // The lengths the server loads (meta 'lengths', by id less firstId) are the documents' own.
    const blob = (name: string) =>
      new Uint32Array(
        new Uint8Array(
          db.prepare('SELECT value FROM meta WHERE name = ?').pluck().get(name) as Buffer,
        ).buffer,
      );
    const lengths = blob('lengths');
    const signatures = blob('title_signatures');
    for (const { id, ...doc } of db
      .prepare(
        `SELECT d.id, d.slug, d.title, d.tags, d.text, d.title_len, d.body_len, i.slug AS info_slug,
          i.title_lower, i.draft, i.date_ms FROM docs d JOIN doc_info i ON i.id = d.id`,
      )
      .all() as { id: number; title_len: number; body_len: number; title_lower: string }[]) {
      if (deleted.has(id)) continue;
      const at = (id - firstId) * 2;
      docs.push({
        ...doc,
        ok:
          lengths[at] === doc.title_len &&
          lengths[at + 1] === doc.body_len &&
          signatures[at] === titleSignature(doc.title_lower)[0] &&
          signatures[at + 1] === titleSignature(doc.title_lower)[1],
      });
    }
    infoRows += (db.prepare('SELECT COUNT(*) FROM doc_info').pluck().get() as number) ?? 0;
    db.close();
  }
  docs.sort((a, b) => ((a.slug as string) < (b.slug as string) ? -1 : 1));
  const terms = Object.fromEntries(
    [...postings].sort(([a], [b]) => (a < b ? -1 : 1)).map(([term, list]) => [term, list.sort()]),
  );
  const averages = {
    count: manifest.count,
    titleTotal: manifest.titleTotal,
    bodyTotal: manifest.bodyTotal,
  };
  return { docs, postings: terms, averages, stored: infoRows - deleted.size };
}

function ranking(file: string, segmentsDir: string, queries: string[]) {
  const search = openSearchVersion(file, segmentsDir);
  search.setVisible(search.visibleAt(Date.now(), false));
  const result = queries.map((query) => {
    const page = rankPage(search.source, query, 1, 50);
    return { total: page.total, slugs: page.docs.map((d) => search.source.slug(d)) };
  });
  search.close();
  return result;
}

const queries = ['成都', '民族团结 教育', '高质量发展', '更正', '社区就业', '第3篇', '版本1'];

describe('the search index of a new version', () => {
  const before = Array.from({ length: 120 }, (_, n) => doc(n));
  // 10 deleted, 10 corrected, 10 new (one of them reusing a deleted slug).
  const after = [
    ...before.filter((_, n) => n >= 10).map((d, i) => (i < 10 ? doc(i + 10, 1) : d)),
    ...Array.from({ length: 10 }, (_, i) => doc(200 + i)),
    { ...doc(3, 2), key: 'key-3-again' },
  ];
  const first = write('first', before);
  const updated = write('updated', after, first.file);
  const cold = write('cold', after, undefined, 'v1', 'cold');

  it('names the previous segments and adds one of the changed documents only', () => {
    expect(first.result).toEqual({
      added: 120,
      removed: 0,
      fromPrevious: false,
      segments: 1,
      written: 120,
    });
    expect(updated.result).toEqual({
      added: 21,
      removed: 20,
      fromPrevious: true,
      segments: 2,
      written: 21,
    });
    const [base, added] = manifestOf(updated.file).segments;
    expect(base?.name).toBe(manifestOf(first.file).segments[0]?.name);
    expect(added?.count).toBe(21);
    expect(manifestOf(updated.file).deleted).toHaveLength(20);
  });

  it('as the change of the one before, finds what goes by slug and key and reads no other', () => {
    const byKey = new Map(after.map((d) => [d.key, d]));
    const afterKeys = new Set(after.map((d) => d.key));
    const beforeKeys = new Set(before.map((d) => d.key));
    const keyOf = ({ key, slug }: Doc) => ({ key, slug });
    const change = (
      removed: { key: string; slug: string }[],
      docs: { key: string; slug: string }[],
    ) =>
      writeSearchVersion({
        manifestFile: path.join(dir, `delta-${removed.length}.json`),
        segmentsDir: segmentsOf('delta'),
        docs,
        load: (key) => byKey.get(key) as Doc,
        code: 'v1',
        previous: first.file,
        delta: {
          previous: first.file,
          removed,
          added: after.filter((d) => !beforeKeys.has(d.key)).map(keyOf),
        },
      });
    // The version's whole list is not looked at.
    const unread = new Proxy([], {
      get() {
        throw new Error('the whole version was read');
      },
    });
    const gone = before.filter((d) => !afterKeys.has(d.key)).map(keyOf);
    // The first version's segment, written into this folder too.
    write('delta-first', before, undefined, 'v1', 'delta');
    expect(change(gone, unread)).toEqual(updated.result);
    const file = path.join(dir, `delta-${gone.length}.json`);
    expect(contents(file, segmentsOf('delta'))).toEqual(contents(cold.file, cold.segments));
    // One the previous version does not hold: the version is compared whole, and still right.
    const wrong = [...gone.slice(1), { key: 'key-unknown', slug: 'article-1' }];
    expect(change(wrong, after.map(keyOf))).toMatchObject({ added: 21, removed: 20 });
    expect(contents(path.join(dir, `delta-${wrong.length}.json`), segmentsOf('delta'))).toEqual(
      contents(cold.file, cold.segments),
    );
  });

  it('holds what a cold build of the same documents holds, and ranks the same', () => {
    expect(contents(updated.file, updated.segments)).toEqual(contents(cold.file, cold.segments));
    expect(contents(updated.file, updated.segments).docs.filter((d) => !d.ok)).toEqual([]);
    expect(contents(updated.file, updated.segments).docs).toHaveLength(after.length);
    expect(ranking(updated.file, updated.segments, queries)).toEqual(
      ranking(cold.file, cold.segments, queries),
    );
  });

  it('starts afresh when the previous version was written by other code', () => {
    const other = write('other', [doc(0)], undefined, 'v0');
    expect(write('fresh', after, other.file).result.fromPrevious).toBe(false);
  });
});

describe('a long run of one-article publishes', () => {
  const base = Array.from({ length: 400 }, (_, n) => doc(n));
  let docs = base;
  let previous = write('run-0', docs, undefined, 'v1', 'run').file;
  const results: SearchWriteResult[] = [];
  // Each publish corrects one article and adds one: 60 documents, fewer than a quarter of the
  // base's, which is therefore never merged (a quarter of it in new documents would be).
  for (let step = 1; step <= 30; step += 1) {
    docs = [...docs.filter((d) => d.slug !== `article-${step}`), doc(step, step), doc(1000 + step)];
    const next = write(`run-${step}`, docs, previous, 'v1', 'run');
    results.push(next.result);
    previous = next.file;
  }
  const cold = write('run-cold', docs, undefined, 'v1', 'run-cold');

  it('writes about the change, not the archive, and keeps few segments', () => {
    // Two documents a publish, and now and then a merge of the small segments: never the base.
    const written = results.map((result) => result.written);
    expect(Math.max(...written)).toBeLessThan(base.length / 2);
    expect(written.reduce((sum, n) => sum + n, 0)).toBeLessThan(30 * 2 * 8);
    expect(Math.max(...results.map((result) => result.segments))).toBeLessThanOrEqual(6);
    const manifest = manifestOf(previous);
    expect(manifest.segments[0]?.name).toBe(
      manifestOf(path.join(dir, 'run-0.json')).segments[0]?.name,
    );
    // The base segment is the biggest file; the last publish's is a small one.
    const sizes = manifest.segments.map(
      (segment) => statSync(path.join(segmentsOf('run'), segmentFileName(segment.name))).size,
    );
    expect(sizes[sizes.length - 1]).toBeLessThan((sizes[0] as number) / 4);
  });

  it('holds and ranks what a cold build holds', () => {
    expect(contents(previous, segmentsOf('run'))).toEqual(contents(cold.file, cold.segments));
    expect(ranking(previous, segmentsOf('run'), queries)).toEqual(
      ranking(cold.file, cold.segments, queries),
    );
  });
});

describe('a version that removes most of a segment', () => {
  const before = Array.from({ length: 90 }, (_, n) => doc(n));
  const after = before.filter((_, n) => n % 3 === 0);
  const first = write('purge-0', before, undefined, 'v1', 'purge');
  const purged = write('purge-1', after, first.file, 'v1', 'purge');
  const cold = write('purge-cold', after, undefined, 'v1', 'purge-cold');

  it('rewrites it without the removed documents', () => {
    expect(purged.result).toMatchObject({ added: 0, removed: 60, segments: 1, written: 30 });
    expect(manifestOf(purged.file).deleted).toEqual([]);
    expect(readdirSync(segmentsOf('purge'))).toHaveLength(2);
    expect(contents(purged.file, purged.segments)).toEqual(contents(cold.file, cold.segments));
    expect(ranking(purged.file, purged.segments, queries)).toEqual(
      ranking(cold.file, cold.segments, queries),
    );
  });
});

describe('a segment larger than the postings held in memory', () => {
  const docs = Array.from({ length: 300 }, (_, n) => doc(n));
  /** Every term's encoded list in the version's one segment, by term. */
  const postingsOf = (file: string, segmentsDir: string) => {
    const [segment] = manifestOf(file).segments;
    const db = new Database(path.join(segmentsDir, segmentFileName(segment?.name ?? '')), {
      readonly: true,
    });
    const rows = db.prepare('SELECT term, data FROM postings ORDER BY term').all();
    db.close();
    return rows;
  };

  it('is written in runs joined at the end, the same bytes as in one go', () => {
    const whole = write('runs-whole', docs, undefined, 'v1', 'runs-whole');
    // About 7 postings a document here: dozens of runs, most terms in many of them.
    const inRuns = write('runs-split', docs, undefined, 'v1', 'runs-split', 50);
    expect(inRuns.result).toEqual(whole.result);
    const expected = postingsOf(whole.file, whole.segments);
    expect(expected.length).toBeGreaterThan(20);
    expect(postingsOf(inRuns.file, inRuns.segments)).toEqual(expected);
    expect(contents(inRuns.file, inRuns.segments)).toEqual(contents(whole.file, whole.segments));
    expect(ranking(inRuns.file, inRuns.segments, queries)).toEqual(
      ranking(whole.file, whole.segments, queries),
    );
  });
});

describe('an archive of a quarter of a million documents', () => {
  // A cold build's first segment is named from every document's key, and a purge's from every
  // removed id: at 250,000 those were arguments of one call, past the stack (RangeError).
  const many = Array.from({ length: 250_000 }, (_, n) => ({
    key: `k${n}`,
    slug: `a${n}`,
    title: '新闻',
    tags: [],
    text: '',
    date: 0,
    draft: false,
  }));

  it('is written whole, and then purged to one document', () => {
    const first = write('huge-0', many, undefined, 'v1', 'huge');
    expect(first.result).toMatchObject({ added: 250_000, written: 250_000, segments: 1 });
    const purged = write('huge-1', many.slice(0, 1), first.file, 'v1', 'huge');
    expect(purged.result).toMatchObject({ added: 0, removed: 249_999, segments: 1, written: 1 });
  }, 120_000);
});
