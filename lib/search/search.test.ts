import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSearchVersion } from '@/lib/pipeline/search-writer';
import { excerptSegments } from './highlight';
import { rankPage } from './postings';
import { openSearchVersion } from './sqlite-source';
import { indexTerms, normalizeQuery, queryWords } from './tokenize';

const docs = [
  {
    slug: 'seed',
    title: '成都市武侯区:办好群众身边关键小事',
    tags: ['民族团结'],
    text: '近年来,成都市武侯区以铸牢中华民族共同体意识为主线,持续巩固深化全国民族团结进步示范区创建成果。',
  },
  {
    slug: 'partial',
    title: '中华文化进校园',
    tags: [],
    text: '学校开展中华优秀传统文化教育,增强学生的民族自豪感和共同体观念。',
  },
  {
    slug: 'title-hit',
    title: '5G网络覆盖乡村',
    tags: ['科技'],
    text: '2024年,全县新建基站120个。',
  },
  { slug: 'body-hit', title: '县域经济观察', tags: [], text: '随着5G网络建成,乡村电商快速发展。' },
  { slug: 'both-words', title: '成都社区故事', tags: [], text: '成都的社区里,民族团结之花盛开。' },
  { slug: 'one-word', title: '成都美食节开幕', tags: [], text: '活动吸引大量游客。' },
  { slug: 'hidden', title: '民族团结草稿', tags: [], text: '民族团结', draft: true },
  {
    slug: 'scheduled',
    title: '民族团结明日见报',
    tags: [],
    text: '民族团结',
    date: Date.parse('2024-01-26T00:00:00.000Z'),
  },
].map((doc) => ({ date: Date.parse('2024-01-20T00:00:00.000Z'), draft: false, ...doc }));
const NOW = Date.parse('2024-01-25T04:00:00.000Z');
// The index as the content build writes it and the server reads it.
const dir = mkdtempSync(path.join(tmpdir(), 'search-'));
writeSearchVersion({
  manifestFile: path.join(dir, 'search.json'),
  segmentsDir: dir,
  docs: docs.map((doc) => ({ key: doc.slug, slug: doc.slug })),
  load: (key) => docs.find((doc) => doc.slug === key) as (typeof docs)[number],
  code: 'test',
});
const index = openSearchVersion(path.join(dir, 'search.json'), dir);
index.setVisible(index.visibleAt(NOW, false));
const find = (query: string) =>
  rankPage(index.source, query, 1, 100).docs.map((doc) => index.source.slug(doc));

describe('tokenizing', () => {
  it('yields both the compound and its parts', () => {
    const terms = indexTerms('民族团结进步示范区');
    expect(terms).toEqual(expect.arrayContaining(['民族团结', '民族', '团结', '示范区']));
  });
  it('keeps Latin words and numbers, lower-cased, and drops punctuation', () => {
    expect(indexTerms('5G网络，2024年 AI')).toEqual(expect.arrayContaining(['5g', '2024', 'ai']));
    expect(indexTerms('，。！')).toEqual([]);
  });
  it('folds traditional characters and full-width forms', () => {
    expect(normalizeQuery('民族團結')).toBe('民族团结');
    expect(normalizeQuery('ＡＢＣ　５Ｇ')).toBe('abc 5g');
  });
  it('splits a query into the words a reader meant', () => {
    expect(queryWords('成都 民族团结')).toEqual(['成都', '民族团结']);
  });
});

describe('ranking', () => {
  it('finds the seed article for 民族团结, and never a draft or one not yet due', () => {
    expect(find('民族团结')).toContain('seed');
    expect(find('民族团结')).not.toContain('hidden');
    expect(find('民族团结')).not.toContain('scheduled');
  });
  it('finds a scheduled article from its time on, and every article in a preview', () => {
    try {
      index.setVisible(index.visibleAt(Date.parse('2024-01-26T00:00:00.000Z'), false));
      expect(find('民族团结')).toContain('scheduled');
      expect(find('民族团结')).not.toContain('hidden');
      index.setVisible(index.visibleAt(NOW, true));
      expect(find('民族团结')).toEqual(expect.arrayContaining(['hidden', 'scheduled']));
    } finally {
      index.setVisible(index.visibleAt(NOW, false));
    }
  });
  it('ranks the exact phrase first', () => {
    expect(find('铸牢中华民族共同体意识')[0]).toBe('seed');
    expect(find('铸牢中华民族共同体意识')).toContain('partial');
  });
  it('ranks documents with all words above those with some', () => {
    const results = find('成都 民族团结');
    expect(results.indexOf('both-words')).toBeLessThan(results.indexOf('one-word'));
    expect(results.indexOf('seed')).toBeLessThan(results.indexOf('one-word'));
  });
  it('ranks title matches above body matches', () => {
    const results = find('5G');
    expect(results.slice(0, 2)).toEqual(['title-hit', 'body-hit']);
  });
  it('finds simplified text from a traditional query, and numbers with units', () => {
    expect(find('民族團結')).toContain('seed');
    expect(find('2024年')).toContain('title-hit');
  });
  it('is harmless with markup and regex metacharacters', () => {
    expect(() => find('<script>alert(1)</script> .*+?^${}()|[]\\')).not.toThrow();
    expect(find('')).toEqual([]);
  });
});

describe('excerptSegments', () => {
  it('centres on the best match and marks every occurrence', () => {
    const text = `${'前文'.repeat(60)}民族团结进步，民族一家亲。${'后文'.repeat(60)}`;
    const segments = excerptSegments(text, ['民族团结', '民族']);
    expect(segments[0]).toEqual({ text: '…', match: false });
    expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(['民族团结', '民族']);
  });
  it('returns the start of the text when nothing matches', () => {
    expect(excerptSegments('短文本', ['无'])).toEqual([{ text: '短文本', match: false }]);
  });
});
