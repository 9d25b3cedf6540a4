import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { decodePostings, rankPage } from '@/lib/search/postings';
import { titleSignature } from '@/lib/search/search-db';
import { openSearchFile } from '@/lib/search/sqlite-source';
import { writeSearchIndex, type SearchDocContent } from './search-writer';

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
const write = (name: string, docs: Doc[], previous?: string) => {
  const file = path.join(dir, name);
  const byKey = new Map(docs.map((d) => [d.key, d]));
  const result = writeSearchIndex(
    file,
    docs.map(({ key, slug }) => ({ key, slug })),
    (key) => byKey.get(key) as Doc,
    { code: 'v1', ...(previous ? { previous } : {}) },
  );
  return { file, result };
};

/** What a file holds, whatever ids it gave its documents. */
function contents(file: string) {
  const db = new Database(file, { readonly: true });
  const slugs = new Map(
    (db.prepare('SELECT id, slug FROM docs').all() as { id: number; slug: string }[]).map((r) => [
      r.id,
      r.slug,
    ]),
  );
  const postings = Object.fromEntries(
    (
      db.prepare('SELECT term, data FROM postings ORDER BY term').all() as {
        term: string;
        data: Buffer;
      }[]
    ).map(({ term, data }) => {
      const list = decodePostings(data);
      return [
        term,
        [...list.docs]
          .map((id, i) => `${slugs.get(id)}:${list.titleTf[i]}:${list.bodyTf[i]}`)
          .sort(),
      ];
    }),
  );
  // The lengths the server loads (meta 'lengths', by id) are the documents' own.
  const blob = (name: string) =>
    new Uint32Array(
      new Uint8Array(
        db.prepare('SELECT value FROM meta WHERE name = ?').pluck().get(name) as Buffer,
      ).buffer,
    );
  const lengths = blob('lengths');
  const signatures = blob('title_signatures');
  const docs = (
    db
      .prepare(
        `SELECT d.id, d.slug, d.title, d.tags, d.text, d.title_len, d.body_len, i.slug AS info_slug,
          i.title_lower, i.draft, i.date_ms FROM docs d JOIN doc_info i ON i.id = d.id ORDER BY d.slug`,
      )
      .all() as { id: number; title_len: number; body_len: number; title_lower: string }[]
  ).map(({ id, ...doc }) => ({
    ...doc,
    loaded: [lengths[id * 2], lengths[id * 2 + 1]],
    ok:
      lengths[id * 2] === doc.title_len &&
      lengths[id * 2 + 1] === doc.body_len &&
      signatures[id * 2] === titleSignature(doc.title_lower)[0] &&
      signatures[id * 2 + 1] === titleSignature(doc.title_lower)[1],
  }));
  // Nothing but these documents: no info row or length left behind by a removed one.
  const infoRows = db.prepare('SELECT COUNT(*) FROM doc_info').pluck().get();
  const nonZero = [lengths, signatures].map((values) => values.filter((v) => v !== 0).length);
  const meta = Object.fromEntries(
    (
      db
        .prepare(
          "SELECT name, value FROM meta WHERE name NOT IN ('nextId', 'lengths', 'title_signatures')",
        )
        .all() as {
        name: string;
        value: string;
      }[]
    ).map((r) => [r.name, r.value]),
  );
  db.close();
  return { docs, postings, meta, infoRows, nonZero };
}

function ranking(file: string, queries: string[]) {
  const search = openSearchFile(file);
  search.setVisible(search.visibleAt(Date.now(), false));
  const result = queries.map((query) => {
    const page = rankPage(search.source, query, 1, 50);
    return { total: page.total, slugs: page.docs.map((d) => search.source.slug(d)) };
  });
  search.close();
  return result;
}

describe('the search index of a new version', () => {
  const before = Array.from({ length: 120 }, (_, n) => doc(n));
  // 10 deleted, 10 corrected, 10 new (one of them reusing a deleted slug).
  const after = [
    ...before.filter((_, n) => n >= 10).map((d, i) => (i < 10 ? doc(i + 10, 1) : d)),
    ...Array.from({ length: 10 }, (_, i) => doc(200 + i)),
    { ...doc(3, 2), key: 'key-3-again' },
  ];
  const first = write('first.db', before);
  const updated = write('updated.db', after, first.file);
  const cold = write('cold.db', after);

  it('updates a copy of the previous file, changing only what changed', () => {
    expect(first.result).toEqual({ added: 120, removed: 0, fromPrevious: false });
    expect(updated.result).toEqual({ added: 21, removed: 20, fromPrevious: true });
  });

  it('holds what a cold build of the same documents holds, and ranks the same', () => {
    expect(contents(updated.file)).toEqual(contents(cold.file));
    expect(contents(updated.file).docs.filter((doc) => !doc.ok)).toEqual([]);
    expect(contents(updated.file).infoRows).toBe(after.length);
    const queries = ['成都', '民族团结 教育', '高质量发展', '更正', '社区就业', '第3篇', '版本1'];
    expect(ranking(updated.file, queries)).toEqual(ranking(cold.file, queries));
  });

  it('starts afresh when the previous file was written by other code', () => {
    const other = path.join(dir, 'other.db');
    writeSearchIndex(other, [], () => doc(0), { code: 'v0' });
    expect(write('fresh.db', after, other).result.fromPrevious).toBe(false);
  });
});
