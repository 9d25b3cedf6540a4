// What the search engine push reads of the catalog: the same changes as comparing what was public
// of the two whole versions, read from the rows that differ and those that fell due.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { summary } from '@/lib/content/test-fixtures';
import type { ArticleSummary, ContentIndex, SitePage } from '@/lib/content/types';
import { writeCatalogVersion } from '@/lib/pipeline/catalog-writer';
import { readPushLook } from './catalog-look';
import { changesBetween, nextPublicAt } from './changes';

const dir = mkdtempSync(path.join(tmpdir(), 'push-look-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const at = (time: string) => Date.parse(`2024-01-25T${time}+08:00`);
const about: SitePage = {
  slug: 'about',
  url: '/pages/about',
  title: '关于我们',
  order: 1,
  body: 'p1',
};
const version = (articles: ArticleSummary[], pages = [about]): ContentIndex => ({
  articles,
  categories: [],
  pages,
});

const old = summary({ slug: 'old', date: '2024-01-24T08:00:00+08:00' });
const gone = summary({ slug: 'gone', date: '2024-01-23T08:00:00+08:00' });
const draft = summary({ slug: 'draft', date: '2024-01-24T09:00:00+08:00', draft: true });
const evening = summary({ slug: 'evening', date: '2024-01-25T18:00:00+08:00' });
const tomorrow = summary({ slug: 'tomorrow', date: '2024-01-26T08:00:00+08:00' });
const revisions = [{ date: '2024-01-25T11:00:00+08:00', subject: '更正：标题' }];

const versions: Record<string, ContentIndex> = {
  v1: version([old, gone, draft, evening, tomorrow]),
  // A correction, a removal, a new article, a draft published, a scheduled one moved later.
  v2: version([
    { ...old, title: '更正', revisions, lastModified: revisions[0]!.date },
    summary({ slug: 'fresh', date: '2024-01-25T10:00:00+08:00' }),
    { ...draft, draft: false },
    { ...evening, date: '2024-01-27T08:00:00+08:00' },
    tomorrow,
  ]),
  // Nothing a reader sees: a body rendered anew (a release), a site document changed.
  v3: version(
    [
      { ...old, title: '更正', revisions, lastModified: revisions[0]!.date, body: 'rendered' },
      summary({ slug: 'fresh', date: '2024-01-25T10:00:00+08:00' }),
      { ...draft, draft: false },
      { ...evening, date: '2024-01-27T08:00:00+08:00' },
      tomorrow,
    ],
    [{ ...about, body: 'p2' }],
  ),
};
const file = path.join(dir, 'catalog.db');
for (const [id, index] of Object.entries(versions)) writeCatalogVersion(file, id, index);

describe('readPushLook', () => {
  const cases: [string, string, number, number][] = [
    ['v1', 'v2', at('12:00:00'), at('12:00:00')],
    ['v1', 'v2', at('12:00:00'), at('19:00:00')],
    ['v2', 'v3', at('12:00:00'), at('12:00:00')],
    // Time alone: a scheduled article falls due in the same version.
    ['v1', 'v1', at('17:59:59'), at('18:00:00')],
    ['v1', 'v1', at('12:00:00'), at('12:30:00')],
    // An older version made live again.
    ['v3', 'v1', at('12:00:00'), at('20:00:00')],
  ];
  for (const [before, after, since, now] of cases) {
    it(`gives what the whole versions give: ${before} at ${since} -> ${after} at ${now}`, () => {
      const look = readPushLook(file, after, now, { version: before, at: since });
      const whole = changesBetween(versions[before]!, since, versions[after]!, now);
      expect(look?.changes).toEqual(whole);
      expect(look?.nextPublicAt).toBe(nextPublicAt(versions[after]!, now));
      expect(look?.beforeLost).toBe(false);
    });
  }

  it('names the changes (a sanity check of the comparison above)', () => {
    const look = readPushLook(file, 'v2', at('12:00:00'), { version: 'v1', at: at('12:00:00') });
    expect(look?.changes.map(({ path: url, action }) => `${action} ${url}`)).toEqual([
      'updated /articles/draft',
      'updated /articles/fresh',
      'removed /articles/gone',
      'updated /articles/old',
    ]);
    expect(
      readPushLook(file, 'v3', at('12:00:00'), { version: 'v2', at: at('12:00:00') })?.changes,
    ).toEqual([expect.objectContaining({ path: '/pages/about', action: 'updated' })]);
    expect(
      readPushLook(file, 'v1', at('18:00:00'), { version: 'v1', at: at('17:59:59') })?.changes,
    ).toEqual([expect.objectContaining({ path: '/articles/evening', action: 'updated' })]);
  });

  it('counts the public URLs of a first look, and is undefined for a version not there', () => {
    const look = readPushLook(file, 'v1', at('12:00:00'));
    // old, gone and the site document; not the draft, nor the two scheduled.
    expect(look).toMatchObject({ changes: [], publicUrls: 3, nextPublicAt: at('18:00:00') });
    expect(readPushLook(file, 'v9', at('12:00:00'))).toBeUndefined();
  });

  it('reads the summaries of the changed articles, not those of the archive', () => {
    const many = Array.from({ length: 2000 }, (_, n) =>
      summary({ slug: `a${n}`, date: '2024-01-20T08:00:00+08:00' }),
    );
    const big = path.join(dir, 'big.db');
    writeCatalogVersion(big, 'b1', version(many));
    writeCatalogVersion(big, 'b2', version([...many.slice(1), { ...many[0]!, title: '更正' }]));
    const parse = vi.spyOn(JSON, 'parse');
    const look = readPushLook(big, 'b2', at('12:00:00'), { version: 'b1', at: at('12:00:00') });
    const parsed = parse.mock.calls.length;
    parse.mockRestore();
    expect(look?.changes.map((change) => change.path)).toEqual(['/articles/a0']);
    // The changed article before and after, and the two versions' site documents.
    expect(parsed).toBeLessThanOrEqual(4);
  });

  it('says when the version looked at before is gone, and still names what its number shows', () => {
    const seq = readPushLook(file, 'v1', at('12:00:00'))?.seq as number;
    const look = readPushLook(file, 'v2', at('12:00:00'), {
      version: 'deleted-since',
      seq,
      at: at('12:00:00'),
    });
    expect(look?.beforeLost).toBe(true);
    expect(look?.changes.map((change) => change.path)).toContain('/articles/fresh');
    const unknown = readPushLook(file, 'v2', at('12:00:00'), {
      version: 'deleted-since',
      at: at('12:00:00'),
    });
    expect(unknown).toMatchObject({ beforeLost: true, changes: [] });
  });
});
