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

// Lower-cased copies for the phrase test, made once per loaded index rather than per query.
const lowered = new WeakMap<SearchIndex, { titles: string[]; texts: string[] }>();
function lowerCase(index: SearchIndex) {
  let copy = lowered.get(index);
  if (!copy) {
    copy = {
      titles: index.titles.map((t) => t.toLowerCase()),
      texts: index.texts.map((t) => t.toLowerCase()),
    };
    lowered.set(index, copy);
  }
  return copy;
}

const K1 = 1.2;
const B = 0.75;
const TITLE_WEIGHT = 4;

function average(values: number[]): number {
  return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : 1;
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
  const avgTitle = average(index.titleLengths) || 1;
  const avgBody = average(index.bodyLengths) || 1;
  const scores = new Map<number, { score: number; words: Set<string> }>();
  const wordSet = new Set(words);
  for (const term of terms) {
    const list = index.postings[term];
    if (!list) continue;
    const df = list.length / 3;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    for (let i = 0; i < list.length; i += 3) {
      const doc = list[i] as number;
      const titleTf = list[i + 1] as number;
      const bodyTf = list[i + 2] as number;
      const bm = (tf: number, len: number, avg: number) =>
        (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / avg));
      const score =
        idf *
        (TITLE_WEIGHT * bm(titleTf, index.titleLengths[doc] ?? 0, avgTitle) +
          bm(bodyTf, index.bodyLengths[doc] ?? 0, avgBody));
      const entry = scores.get(doc) ?? { score: 0, words: new Set<string>() };
      entry.score += score;
      if (wordSet.has(term)) entry.words.add(term);
      scores.set(doc, entry);
    }
  }
  const phrase = query.replace(/\s+/g, '');
  const hasPhrase = !/\s/.test(query) && Array.from(phrase).length >= 2;
  const lower = hasPhrase ? lowerCase(index) : undefined;
  const hits: (Hit & { tier: number })[] = [];
  for (const [doc, { score, words: found }] of scores) {
    const slug = index.slugs[doc] as string;
    if (!isVisible(slug)) continue;
    const allWords = found.size === wordSet.size && wordSet.size > 0;
    // A document holding the phrase holds every word of it: only those need the string test.
    const inTitle = allWords && lower !== undefined && (lower.titles[doc] ?? '').includes(phrase);
    const inBody =
      allWords && !inTitle && lower !== undefined && (lower.texts[doc] ?? '').includes(phrase);
    const tier = inTitle ? 4 : inBody ? 3 : allWords ? 2 : 1;
    hits.push({ doc, score, tier });
  }
  return hits
    .sort((a, b) => b.tier - a.tier || b.score - a.score || a.doc - b.doc)
    .map(({ doc, score }) => ({ doc, score }));
}
