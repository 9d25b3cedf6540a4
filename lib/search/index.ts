// Pure: a BM25 index over titles, tags and bodies, built at content-build time and loaded once
// per server process.
import { indexTerms, normalizeQuery, queryWords } from './tokenize';

export type SearchDoc = { slug: string; title: string; tags: string[]; text: string };

export type SearchIndex = {
  slugs: string[];
  titles: string[];
  texts: string[];
  titleLengths: number[];
  bodyLengths: number[];
  /** term → flat [doc, titleTf, bodyTf, doc, titleTf, bodyTf, …] */
  postings: Record<string, number[]>;
};

export function buildSearchIndex(docs: SearchDoc[]): SearchIndex {
  const postings: Record<string, number[]> = Object.create(null);
  const titleLengths: number[] = [];
  const bodyLengths: number[] = [];
  docs.forEach((doc, index) => {
    const title = indexTerms(`${doc.title} ${doc.tags.join(' ')}`);
    const body = indexTerms(doc.text);
    titleLengths.push(title.length);
    bodyLengths.push(body.length);
    const counts = new Map<string, [number, number]>();
    for (const term of title) (counts.get(term) ?? counts.set(term, [0, 0]).get(term)!)[0] += 1;
    for (const term of body) (counts.get(term) ?? counts.set(term, [0, 0]).get(term)!)[1] += 1;
    for (const [term, [titleTf, bodyTf]] of counts)
      (postings[term] ??= []).push(index, titleTf, bodyTf);
  });
  return {
    slugs: docs.map((doc) => doc.slug),
    titles: docs.map((doc) => doc.title),
    texts: docs.map((doc) => doc.text),
    titleLengths,
    bodyLengths,
    postings,
  };
}

export type Hit = { doc: number; score: number };

// Per loaded index, computed once rather than per query: average lengths for BM25 and
// lower-cased copies for the phrase test.
type Derived = { avgTitle: number; avgBody: number; titles?: string[]; texts?: string[] };
const derived = new WeakMap<SearchIndex, Derived>();
function derive(index: SearchIndex): Derived {
  let data = derived.get(index);
  if (!data) {
    data = {
      avgTitle: average(index.titleLengths) || 1,
      avgBody: average(index.bodyLengths) || 1,
    };
    derived.set(index, data);
  }
  return data;
}
function lowerCase(index: SearchIndex): { titles: string[]; texts: string[] } {
  const data = derive(index);
  data.titles ??= index.titles.map((t) => t.toLowerCase());
  data.texts ??= index.texts.map((t) => t.toLowerCase());
  return { titles: data.titles, texts: data.texts };
}

const K1 = 1.2;
const B = 0.75;
const TITLE_WEIGHT = 4;

function average(values: number[]): number {
  return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : 1;
}

function bm25(tf: number, length: number, averageLength: number): number {
  return tf === 0 ? 0 : (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / averageLength));
}

/**
 * Ranks in tiers, then by BM25: the exact phrase first, then documents holding every word the
 * reader typed, then those holding some. Within a tier, title hits weigh four times body hits.
 */
export function searchIndex(
  index: SearchIndex,
  rawQuery: string,
  isVisible: (slug: string) => boolean,
): Hit[] {
  const query = normalizeQuery(rawQuery);
  const words = queryWords(query);
  const terms = [...new Set([...indexTerms(query), ...words])];
  if (terms.length === 0) return [];
  const n = index.slugs.length;
  const { avgTitle, avgBody } = derive(index);
  // Dense arrays instead of a map of objects: common words have postings in most documents.
  const scores = new Float64Array(n);
  const wordsFound = new Uint8Array(n);
  const touched: number[] = [];
  const wordSet = new Set(words);
  for (const term of terms) {
    const list = index.postings[term];
    if (!list) continue;
    const isWord = wordSet.has(term);
    const df = list.length / 3;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    for (let i = 0; i < list.length; i += 3) {
      const doc = list[i] as number;
      // Every posting has a positive score, so zero means not seen yet.
      const before = scores[doc] ?? 0;
      if (before === 0) touched.push(doc);
      scores[doc] =
        before +
        idf *
          (TITLE_WEIGHT * bm25(list[i + 1] as number, index.titleLengths[doc] ?? 0, avgTitle) +
            bm25(list[i + 2] as number, index.bodyLengths[doc] ?? 0, avgBody));
      // Each posting list holds a document once, so this counts distinct words.
      if (isWord) wordsFound[doc] = Math.min(255, (wordsFound[doc] ?? 0) + 1);
    }
  }
  const phrase = query.replace(/\s+/g, '');
  const hasPhrase = !/\s/.test(query) && Array.from(phrase).length >= 2;
  const lower = hasPhrase ? lowerCase(index) : undefined;
  const allCount = Math.min(255, wordSet.size);
  const hits: (Hit & { tier: number })[] = [];
  for (const doc of touched) {
    if (!isVisible(index.slugs[doc] as string)) continue;
    const allWords = wordSet.size > 0 && wordsFound[doc] === allCount;
    // A document holding the phrase holds every word of it: only those need the string test.
    const inTitle = allWords && lower !== undefined && (lower.titles[doc] ?? '').includes(phrase);
    const inBody =
      allWords && !inTitle && lower !== undefined && (lower.texts[doc] ?? '').includes(phrase);
    const tier = inTitle ? 4 : inBody ? 3 : allWords ? 2 : 1;
    hits.push({ doc, score: scores[doc] ?? 0, tier });
  }
  return hits
    .sort((a, b) => b.tier - a.tier || b.score - a.score || a.doc - b.doc)
    .map(({ doc, score }) => ({ doc, score }));
}
