import { describe, expect, it } from 'vitest';
import { RESULTS_MAX } from './engine';
import {
  BLOCK,
  PHRASE_BATCH,
  boundScale,
  lastScored,
  PHRASE_SCAN,
  decodePostings,
  encodePostings,
  parseQuery,
  rankPage,
  type Postings,
  type RankSource,
} from './postings';
import { bitmap, popCount, setBit } from './bitmap';
import { termCounts, termLengths } from './term-counts';

type Doc = { slug: string; title: string; tags: string[]; text: string; hidden?: boolean };

/**
 * An index in memory, for the ranking alone. Block bounds are computed at `stored` averages
 * (default: the index's own) and scaled to the index's, as a version reads an older segment's.
 */
function memorySource(
  docs: Doc[],
  stored?: { avgTitle: number; avgBody: number },
): RankSource & { docs: Doc[] } {
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
  const averages = {
    avgTitle: total('title') / docs.length || 1,
    avgBody: total('body') / docs.length || 1,
  };
  const lengthPairs = Uint32Array.from(lengths.flatMap((length) => [length.title, length.body]));
  const visible = bitmap(docs.length);
  docs.forEach((doc, id) => {
    if (!doc.hidden) setBit(visible, id);
  });
  const at = stored ?? averages;
  const scale = boundScale(at, averages);
  return {
    docs,
    count: docs.length,
    maxId: docs.length,
    ...averages,
    lengths: lengthPairs,
    postings(term): Postings | undefined {
      const list = lists.get(term);
      if (!list) return undefined;
      const bounds = { lengths: lengthPairs, firstId: 0, ...at };
      const decoded = decodePostings(encodePostings(list.docs, list.title, list.body, bounds));
      return { ...decoded, blockBound: decoded.blockBound.map((bound) => bound * scale) };
    },
    titleCandidates: (bits) => popCount(bits),
    withTitlePhrase: (ids, phrase) =>
      new Set(ids.filter((doc) => docs[doc]?.title.toLowerCase().includes(phrase))),
    withPhrase: (ids, phrase) =>
      new Set(ids.filter((doc) => docs[doc]?.text.toLowerCase().includes(phrase))),
    visible,
    slug: (doc) => docs[doc]?.slug ?? '',
  };
}

/** The source, with `method` telling `count` how many documents each call asks about. */
function counting<S extends RankSource>(
  source: S,
  method: 'withPhrase' | 'withTitlePhrase',
  count: (docs: number) => void,
): S {
  const test = source[method];
  return {
    ...source,
    [method]: (ids: number[], phrase: string) => {
      count(ids.length);
      return test(ids, phrase);
    },
  };
}

/** The source, with `count` told of every slug it reads. */
function countingSlugs<S extends RankSource>(source: S, count: () => void): S {
  return {
    ...source,
    slug: (doc: number) => {
      count();
      return source.slug(doc);
    },
  };
}

/**
 * Every hit in order, the slow way: BM25 as the in-process index of docs/adr/004 computed it
 * (k1 1.2, b 0.75, titles four times bodies), tiers, and a full sort. The phrase counts as in
 * the title when the title holds it and every word is among the title's (and tags') terms, in
 * the body likewise.
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
          (4 * bm25(inTitle, source.lengths[2 * id] as number, source.avgTitle) +
            bm25(inBody, source.lengths[2 * id + 1] as number, source.avgBody));
      }
      const allWords = words.length > 0 && words.every((word) => counts[word]);
      const titleWise = words.every((word) => (counts[word]?.[0] ?? 0) > 0);
      const bodyWise = words.every((word) => (counts[word]?.[1] ?? 0) > 0);
      const tier =
        allWords && hasPhrase && titleWise && doc.title.toLowerCase().includes(phrase)
          ? 4
          : allWords && hasPhrase && bodyWise && doc.text.toLowerCase().includes(phrase)
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
    const titleWise = words.every((word) => (counts[word]?.[0] ?? 0) > 0);
    if (hasPhrase && titleWise && doc.title.toLowerCase().includes(phrase)) return ['4'];
    const bodyWise = words.every((word) => (counts[word]?.[1] ?? 0) > 0);
    if (hasPhrase && bodyWise && doc.text.toLowerCase().includes(phrase)) return ['3'];
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

  it('ranks the same with block bounds made at other averages, scaled to the index', () => {
    // A version reads segments whose bounds were made at their own averages: lower ones scale up.
    const docs = corpus(1500, 3);
    const plain = memorySource(docs);
    for (const stored of [
      { avgTitle: plain.avgTitle / 2, avgBody: plain.avgBody / 3 },
      { avgTitle: plain.avgTitle * 2, avgBody: plain.avgBody },
    ]) {
      const scaled = memorySource(docs, stored);
      for (const query of queries) {
        const all = reference(scaled, query);
        const pages: string[] = [];
        for (let page = 1; page <= 4; page += 1)
          pages.push(...rankPage(scaled, query, page, 20).docs.map((doc) => scaled.slug(doc)));
        expect(pages, query).toEqual(all.slice(0, 80));
      }
    }
  });

  it('scores only the documents that can reach the page: blocks and title-less hits skipped', () => {
    // A common word, in every body and in one title of 50.
    const docs = Array.from({ length: 6400 }, (_, index) => ({
      slug: `d${String(index).padStart(5, '0')}`,
      title: index % 50 === 0 ? '社区新闻' : '新闻',
      tags: [],
      // The title hits tie: each block's title bound is the page's, only the others are below.
      text: index % 50 === 0 ? '社区。' : `社区${'工作'.repeat(index % 13)}。`,
    }));
    const many = memorySource(docs);
    // With a word no document holds: every document is in the some-words tier.
    const page = rankPage(many, '社区 街道', 1, 20);
    expect(page.total).toBe(6400);
    expect(page.docs.map((doc) => many.slug(doc))).toEqual(
      reference(many, '社区 街道').slice(0, 20),
    );
    expect(lastScored).toBeGreaterThan(0);
    // The heap fills with the first ids, so the page's 20 tied hits come only after 1,000 ids.
    expect(lastScored).toBeLessThan(6400 / 4);
  });

  it('ranks after queries of larger and smaller indexes with fewer and more terms', () => {
    // Bitmaps are kept between queries, sized by the largest index so far: a query of a small
    // index with many terms adds some, which a later query of a larger index must not find short.
    const many = '成都 民族团结 乡村振兴 教育 医疗 高质量发展 社区 就业';
    rankPage(memorySource(corpus(4000, 9)), '成都', 1, 20);
    rankPage(memorySource(corpus(600, 4)), many, 1, 20);
    const middle = memorySource(corpus(2000, 5));
    for (const query of [many, '高质量发展']) {
      const all = reference(middle, query);
      expect(
        rankPage(middle, query, 1, 30).docs.map((doc) => middle.slug(doc)),
        query,
      ).toEqual(all.slice(0, 30));
    }
  });

  it('pages through ties in order, in tiers far larger than the page', () => {
    // Groups of 37 identical documents: every score is tied 37 times, across page boundaries.
    const base = corpus(40, 11);
    const tied = memorySource(
      Array.from({ length: 40 * 37 }, (_, index) => ({
        ...(base[index % 40] as Doc),
        slug: `t-${String((index * 7919) % 1480).padStart(4, '0')}`,
      })),
    );
    for (const query of ['成都', '成都 教育', '社区教育']) {
      const all = reference(tied, query);
      const pages: string[] = [];
      const first = rankPage(tied, query, 1, 50);
      for (let page = 1; page <= first.totalPages; page += 1)
        pages.push(...rankPage(tied, query, page, 50).docs.map((doc) => tied.slug(doc)));
      expect(pages, query).toEqual(all.slice(0, RESULTS_MAX));
    }
  });

  it('reads slugs only to order the documents a page needs, not every tie of the tier', () => {
    const base = corpus(40, 11);
    const tied = memorySource(
      Array.from({ length: 40 * 100 }, (_, index) => ({
        ...(base[index % 40] as Doc),
        slug: `t-${index}`,
        hidden: false,
      })),
    );
    let reads = 0;
    const counted = countingSlugs(tied, () => (reads += 1));
    expect(rankPage(counted, '成都', 1, 20).docs).toHaveLength(20);
    // The best tie group and the next few (100 documents each), each slug once.
    expect(reads).toBeLessThanOrEqual(300);
  });

  it('reads the slugs of the page’s ties only, also in a tier scored whole', () => {
    // 60 documents in 6 groups of 10 tied scores: a page of 20 scores the whole tier (it is
    // small), and orders by slug only the two groups it shows.
    const base = corpus(6, 13);
    const tied = memorySource(
      Array.from({ length: 60 }, (_, index) => ({
        ...(base[index % 6] as Doc),
        title: `社区${'新闻'.repeat(index % 6)}`,
        slug: `t-${String((index * 37) % 60).padStart(2, '0')}`,
        hidden: false,
      })),
    );
    let reads = 0;
    const counted = countingSlugs(tied, () => (reads += 1));
    const page = rankPage(counted, '社区 新闻', 1, 20);
    expect(page.docs.map((doc) => tied.slug(doc))).toEqual(
      reference(tied, '社区 新闻').slice(0, 20),
    );
    expect(reads).toBe(20);
  });

  it('pages through the first RESULTS_MAX results only, and says how many were found', () => {
    const many = memorySource(
      corpus(RESULTS_MAX + 300, 5).map((doc) => ({ ...doc, hidden: false })),
    );
    const all = reference(many, '新闻');
    expect(all.length).toBe(RESULTS_MAX + 300);
    const last = rankPage(many, '新闻', 10_000, 7);
    expect(last.total).toBe(RESULTS_MAX + 300);
    expect(last.totalPages).toBe(Math.ceil(RESULTS_MAX / 7));
    expect(last.page).toBe(last.totalPages);
    expect(last.docs.map((doc) => many.slug(doc))).toEqual(
      all.slice((last.page - 1) * 7, RESULTS_MAX),
    );
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
    const counted = counting(memorySource(docs), 'withPhrase', (n) => (reads += n));
    rankPage(counted, '社区教育', 1, 20);
    expect(reads).toBeLessThanOrEqual(PHRASE_SCAN);
  });

  it('tests titles best first, and only until the page is full of title matches', () => {
    let reads = 0;
    const docs = Array.from({ length: 2000 }, (_, index) => ({
      slug: `d${index}`,
      title: `社区教育${'新闻'.repeat(index % 7)}`,
      tags: [],
      text: '社区和教育。',
    }));
    const counted = counting(memorySource(docs), 'withTitlePhrase', (n) => (reads += n));
    const page = rankPage(counted, '社区教育', 2, 20);
    expect(page.docs.map((doc) => counted.slug(doc))).toEqual(
      reference(counted, '社区教育').slice(20, 40),
    );
    expect(reads).toBe(PHRASE_BATCH);
  });

  it('reads no title whose terms lack a word of the phrase', () => {
    let reads = 0;
    const docs = Array.from({ length: 1000 }, (_, index) => ({
      slug: `d${index}`,
      // 宗教育人 holds the letters of 教育 but not the word (宗教/育人).
      title: index % 2 ? '宗教育人' : '标题',
      tags: [],
      text: '加强教育。',
    }));
    const counted = counting(memorySource(docs), 'withTitlePhrase', (n) => (reads += n));
    expect(rankPage(counted, '教育', 1, 20).docs).toHaveLength(20);
    expect(reads).toBe(0);
  });

  it('reads no body whose terms lack a word of the phrase', () => {
    let reads = 0;
    const docs = Array.from({ length: 1000 }, (_, index) => ({
      slug: `d${index}`,
      title: '标题',
      // The word in the tags only: found, but no text holds it.
      tags: ['教育'],
      text: '工作。',
    }));
    const counted = counting(memorySource(docs), 'withPhrase', (n) => (reads += n));
    expect(rankPage(counted, '教育', 1, 20).docs).toHaveLength(20);
    expect(reads).toBe(0);
  });

  it('stops reading texts once the page is full of phrase matches', () => {
    let reads = 0;
    const docs = Array.from({ length: 500 }, (_, index) => ({
      slug: `d${index}`,
      title: '标题',
      tags: [],
      text: '社区教育。',
    }));
    const counted = counting(memorySource(docs), 'withPhrase', (n) => (reads += n));
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

  it("bound every posting of their blocks: title hits' and the others' apart", () => {
    const size = 3 * BLOCK + 5;
    const docs = Array.from({ length: size }, (_, i) => 10 + 3 * i);
    const title = docs.map((_, i) => (i % 9 === 0 ? 1 + (i % 3) : 0));
    const body = docs.map((_, i) => 1 + ((i * 7) % 11));
    const lengths = new Uint32Array(2 * (10 + 3 * size));
    for (let id = 0; id < 10 + 3 * size; id += 1) {
      lengths[2 * id] = 2 + (id % 5);
      lengths[2 * id + 1] = 20 + ((id * 13) % 300);
    }
    const averages = { avgTitle: 4, avgBody: 150 };
    const list = decodePostings(
      encodePostings(docs, title, body, { lengths, firstId: 0, ...averages }),
    );
    expect(list.blockLast).toHaveLength(4);
    expect(list.blockLast[3]).toBe(docs[size - 1]);
    const bm25 = (tf: number, length: number, average: number) =>
      tf === 0 ? 0 : (tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * length) / average));
    let tight = 0;
    docs.forEach((doc, i) => {
      const block = Math.floor(i / BLOCK);
      const score =
        4 * bm25(title[i] as number, lengths[2 * doc] as number, 4) +
        bm25(body[i] as number, lengths[2 * doc + 1] as number, 150);
      const bound = list.blockBound[2 * block + ((title[i] as number) > 0 ? 0 : 1)] as number;
      expect(score).toBeLessThanOrEqual(bound);
      if (bound - score < 1e-6) tight += 1;
      expect(doc).toBeLessThanOrEqual(list.blockLast[block] as number);
    });
    // Each bound is some posting's score, rounded up to a float32.
    expect(tight).toBeGreaterThanOrEqual(7);
    // At a higher average a posting scores more, by at most the ratio (boundScale).
    const higher = { avgTitle: 6, avgBody: 150 };
    expect(boundScale(averages, higher)).toBe(1.5);
    docs.forEach((doc, i) => {
      const score =
        4 * bm25(title[i] as number, lengths[2 * doc] as number, 6) +
        bm25(body[i] as number, lengths[2 * doc + 1] as number, 150);
      const block = Math.floor(i / BLOCK);
      const bound = list.blockBound[2 * block + ((title[i] as number) > 0 ? 0 : 1)] as number;
      expect(score).toBeLessThanOrEqual(bound * 1.5);
    });
  });

  it('decode from a blob at any offset (viewed where aligned, copied where not)', () => {
    const bytes = encodePostings([3, 1, 70_000], [1, 0, 2], [5, 7, 0]);
    for (const offset of [0, 1, 2, 3, 4]) {
      const blob = Buffer.alloc(bytes.length + offset);
      bytes.copy(blob, offset);
      const decoded = decodePostings(blob.subarray(offset));
      expect([...decoded.docs], `offset ${offset}`).toEqual([3, 1, 70_000]);
      expect([...decoded.titleTf]).toEqual([1, 0, 2]);
      expect([...decoded.bodyTf]).toEqual([5, 7, 0]);
    }
  });
});
