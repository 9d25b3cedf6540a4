import { describe, expect, it } from 'vitest';
import {
  PHRASE_BATCH,
  PHRASE_SCAN,
  decodePostings,
  encodePostings,
  parseQuery,
  rankPage,
  termCounts,
  termLengths,
  type Postings,
  type RankSource,
} from './postings';

type Doc = { slug: string; title: string; tags: string[]; text: string; hidden?: boolean };

/** An index in memory, for the ranking alone. */
function memorySource(docs: Doc[]): RankSource & { docs: Doc[] } {
  const lists = new Map<string, { docs: number[]; title: number[]; body: number[] }>();
  const lengths = docs.map((doc, id) => {
    const counts = termCounts(doc.title, doc.tags, doc.text);
    for (const [term, [inTitle, inBody]] of Object.entries(counts)) {
      const list = lists.get(term) ?? { docs: [], title: [], body: [] };
      list.docs.push(id);
      list.title.push(inTitle);
      list.body.push(inBody);
      lists.set(term, list);
    }
    return termLengths(counts);
  });
  const total = (key: 'title' | 'body') => lengths.reduce((sum, length) => sum + length[key], 0);
  return {
    docs,
    count: docs.length,
    maxId: docs.length,
    avgTitle: total('title') / docs.length || 1,
    avgBody: total('body') / docs.length || 1,
    titleLength: (doc) => lengths[doc]?.title ?? 0,
    bodyLength: (doc) => lengths[doc]?.body ?? 0,
    postings(term): Postings | undefined {
      const list = lists.get(term);
      return list && decodePostings(encodePostings(list.docs, list.title, list.body));
    },
    withTitlePhrase: (ids, phrase) =>
      new Set(ids.filter((doc) => docs[doc]?.title.toLowerCase().includes(phrase))),
    withPhrase: (ids, phrase) =>
      new Set(ids.filter((doc) => docs[doc]?.text.toLowerCase().includes(phrase))),
    visible: (doc) => !docs[doc]?.hidden,
    slug: (doc) => docs[doc]?.slug ?? '',
  };
}

/**
 * Every hit in order, the slow way: BM25 as the in-process index of docs/adr/004 computed it
 * (k1 1.2, b 0.75, titles four times bodies), tiers, and a full sort.
 */
function reference(source: ReturnType<typeof memorySource>, query: string): string[] {
  const { terms, words, phrase, hasPhrase } = parseQuery(query);
  const bm25 = (tf: number, length: number, average: number) =>
    tf === 0 ? 0 : (tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * length) / average));
  const all = source.docs.map((doc, id) => ({
    doc,
    id,
    counts: termCounts(doc.title, doc.tags, doc.text),
  }));
  const df = (term: string) => all.filter(({ counts }) => counts[term]).length;
  const hits = all
    .filter(({ doc, counts }) => !doc.hidden && terms.some((term) => counts[term]))
    .map(({ doc, id, counts }) => {
      let score = 0;
      for (const term of terms) {
        const [inTitle, inBody] = counts[term] ?? [0, 0];
        if (!inTitle && !inBody) continue;
        const idf = Math.log(1 + (source.count - df(term) + 0.5) / (df(term) + 0.5));
        score +=
          idf *
          (4 * bm25(inTitle, source.titleLength(id), source.avgTitle) +
            bm25(inBody, source.bodyLength(id), source.avgBody));
      }
      const allWords = words.length > 0 && words.every((word) => counts[word]);
      const tier =
        allWords && hasPhrase && doc.title.toLowerCase().includes(phrase)
          ? 4
          : allWords && hasPhrase && doc.text.toLowerCase().includes(phrase)
            ? 3
            : allWords
              ? 2
              : 1;
      return { slug: doc.slug, score, tier };
    });
  hits.sort(
    (a, b) =>
      b.tier - a.tier || b.score - a.score || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0),
  );
  return hits.map((hit) => hit.slug);
}

function referenceTiers(source: ReturnType<typeof memorySource>, query: string): string[] {
  const { terms, words, phrase, hasPhrase } = parseQuery(query);
  return source.docs.flatMap((doc) => {
    const counts = termCounts(doc.title, doc.tags, doc.text);
    if (doc.hidden || !terms.some((term) => counts[term])) return [];
    if (!words.every((word) => counts[word])) return ['1'];
    if (hasPhrase && doc.title.toLowerCase().includes(phrase)) return ['4'];
    if (hasPhrase && doc.text.toLowerCase().includes(phrase)) return ['3'];
    return ['2'];
  });
}

const words = ['成都', '民族团结', '乡村振兴', '5G', '教育', '医疗', '高质量发展', '社区', '就业'];
function corpus(size: number, seed = 7): Doc[] {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = () => words[Math.floor(random() * words.length)] as string;
  return Array.from({ length: size }, (_, index) => ({
    slug: `doc-${String(index).padStart(4, '0')}`,
    title: `${pick()}${pick()}新闻`,
    tags: random() < 0.3 ? [pick()] : [],
    text: Array.from(
      { length: 3 + Math.floor(random() * 8) },
      () => `${pick()}工作${pick()}。`,
    ).join(''),
    hidden: random() < 0.05,
  }));
}

describe('rankPage', () => {
  const source = memorySource(corpus(300));
  const queries = [
    '成都',
    '民族团结',
    '成都 教育',
    '高质量发展',
    '5G 就业',
    '社区教育',
    '乡村振兴成都',
    'zzz',
  ];

  it('pages through exactly the order of scoring and sorting every hit, in tiers', () => {
    const tiers = new Set<string>();
    for (const query of queries) {
      const all = reference(source, query);
      for (const hit of referenceTiers(source, query)) tiers.add(hit);
      const pages: string[] = [];
      const first = rankPage(source, query, 1, 7);
      for (let page = 1; page <= first.totalPages; page += 1) {
        const result = rankPage(source, query, page, 7);
        expect(result.total, query).toBe(all.length);
        pages.push(...result.docs.map((doc) => source.slug(doc)));
      }
      expect(pages, query).toEqual(all);
    }
    // The corpus exercises every tier.
    expect([...tiers].sort()).toEqual(['1', '2', '3', '4']);
  });

  it('counts only visible documents and clamps a page past the end', () => {
    const result = rankPage(source, '成都', 10_000, 20);
    expect(result.page).toBe(result.totalPages);
    const hidden = source.docs.filter((doc) => doc.hidden).map((doc) => doc.slug);
    expect(reference(source, '成都').filter((slug) => hidden.includes(slug))).toEqual([]);
  });

  it('tests the phrase on at most PHRASE_SCAN of the best all-words documents', () => {
    let reads = 0;
    const docs = Array.from({ length: PHRASE_SCAN + 50 }, (_, index) => ({
      slug: `d${index}`,
      title: '标题',
      tags: [],
      // Every document holds both words; only the last ones hold them as one phrase.
      text: index >= PHRASE_SCAN + 40 ? '社区教育' : '社区和教育',
    }));
    const counted = { ...memorySource(docs) };
    const withPhrase = counted.withPhrase;
    counted.withPhrase = (ids, phrase) => {
      reads += ids.length;
      return withPhrase(ids, phrase);
    };
    rankPage(counted, '社区教育', 1, 20);
    expect(reads).toBeLessThanOrEqual(PHRASE_SCAN);
  });

  it('stops reading texts once the page is full of phrase matches', () => {
    let reads = 0;
    const docs = Array.from({ length: 500 }, (_, index) => ({
      slug: `d${index}`,
      title: '标题',
      tags: [],
      text: '社区教育。',
    }));
    const counted = { ...memorySource(docs) };
    const withPhrase = counted.withPhrase;
    counted.withPhrase = (ids, phrase) => {
      reads += ids.length;
      return withPhrase(ids, phrase);
    };
    expect(rankPage(counted, '社区教育', 1, 20).docs).toHaveLength(20);
    // One batch.
    expect(reads).toBe(PHRASE_BATCH);
  });
});

describe('posting lists', () => {
  it('round-trip through their bytes, frequencies capped at 65,535', () => {
    const decoded = decodePostings(encodePostings([3, 1, 70_000], [1, 0, 2], [5, 70_000, 0]));
    expect([...decoded.docs]).toEqual([3, 1, 70_000]);
    expect([...decoded.titleTf]).toEqual([1, 0, 2]);
    expect([...decoded.bodyTf]).toEqual([5, 65_535, 0]);
  });
});
