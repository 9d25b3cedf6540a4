// Pure: the search index's posting lists and the ranking over them. The index lives on disk
// (lib/pipeline/search-writer.ts writes it, lib/search/sqlite-engine.ts reads it); this module
// only sees what a `RankSource` hands it, so the ranking is the same whatever stores the lists.
import { indexTerms, normalizeQuery, queryWords } from './tokenize';

/** One term's documents and its frequency in each document's title (with tags) and body. */
export type Postings = { docs: Uint32Array; titleTf: Uint16Array; bodyTf: Uint16Array };

/** Per term: [frequency in the title and tags, frequency in the body]. */
export type TermCounts = Record<string, [number, number]>;

const MAX_TF = 0xffff;

/** Counts the index terms (jieba search mode, see tokenize.ts) of one article. */
export function termCounts(title: string, tags: readonly string[], text: string): TermCounts {
  const counts: TermCounts = Object.create(null) as TermCounts;
  for (const term of indexTerms(`${title} ${tags.join(' ')}`)) (counts[term] ??= [0, 0])[0] += 1;
  for (const term of indexTerms(text)) (counts[term] ??= [0, 0])[1] += 1;
  return counts;
}

/** The lengths BM25 normalises by: index terms in the title (with tags) and in the body. */
export function termLengths(counts: TermCounts): { title: number; body: number } {
  let title = 0;
  let body = 0;
  for (const [inTitle, inBody] of Object.values(counts)) {
    title += inTitle;
    body += inBody;
  }
  return { title, body };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
function assertLittleEndian() {
  if (!LITTLE_ENDIAN) throw new Error('search postings are little-endian; this machine is not');
}

/** [n][doc ids as u32 × n][title tf as u16 × n][body tf as u16 × n], little-endian. */
export function encodePostings(
  docs: ArrayLike<number>,
  titleTf: ArrayLike<number>,
  bodyTf: ArrayLike<number>,
): Buffer {
  assertLittleEndian();
  const n = docs.length;
  const bytes = new ArrayBuffer(4 + n * 8);
  new Uint32Array(bytes, 0, 1)[0] = n;
  new Uint32Array(bytes, 4, n).set(docs);
  const title = new Uint16Array(bytes, 4 + n * 4, n);
  const body = new Uint16Array(bytes, 4 + n * 6, n);
  for (let i = 0; i < n; i += 1) {
    title[i] = Math.min(MAX_TF, titleTf[i] as number);
    body[i] = Math.min(MAX_TF, bodyTf[i] as number);
  }
  return Buffer.from(bytes);
}

export function decodePostings(data: Uint8Array): Postings {
  assertLittleEndian();
  const n = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0, true);
  // Copied into an aligned buffer: typed-array views need 4-byte alignment, a SQLite blob has none.
  const aligned = new Uint8Array(n * 8);
  aligned.set(data.subarray(4, 4 + n * 8));
  return {
    docs: new Uint32Array(aligned.buffer, 0, n),
    titleTf: new Uint16Array(aligned.buffer, n * 4, n),
    bodyTf: new Uint16Array(aligned.buffer, n * 6, n),
  };
}

/** What the ranking reads from an index. Document ids are below `maxId`; some may be unused. */
export interface RankSource {
  /** Documents in the index (drafts and scheduled articles included): BM25's N. */
  readonly count: number;
  readonly maxId: number;
  readonly avgTitle: number;
  readonly avgBody: number;
  titleLength(doc: number): number;
  bodyLength(doc: number): number;
  postings(term: string): Postings | undefined;
  /** Which of these documents hold the (lower-cased) phrase in their lower-cased title. */
  withTitlePhrase(docs: number[], phrase: string): ReadonlySet<number>;
  /**
   * Which of these documents hold the phrase in their lower-cased plain text. Asked for the best
   * candidates only, a batch at a time.
   */
  withPhrase(docs: number[], phrase: string): ReadonlySet<number>;
  /** Whether readers may find the document now (published, not a draft). */
  visible(doc: number): boolean;
  /** The final tie-breaker, the same however the index was built. */
  slug(doc: number): string;
}

export type RankedPage = { total: number; page: number; totalPages: number; docs: number[] };

const K1 = 1.2;
const B = 0.75;
const TITLE_WEIGHT = 4;
/**
 * The phrase test reads a body: it runs on at most this many of the best-scoring documents that
 * hold every word. A phrase match further down stays in the all-words tier (docs/adr/014).
 */
export const PHRASE_SCAN = 1000;
/** Documents whose texts are tested together. */
export const PHRASE_BATCH = 50;

function bm25(tf: number, length: number, averageLength: number): number {
  return tf === 0 ? 0 : (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / averageLength));
}

/** What a query asks for: its index terms, the words the reader typed, and the phrase. */
export function parseQuery(rawQuery: string) {
  const query = normalizeQuery(rawQuery);
  const words = queryWords(query);
  const terms = [...new Set([...indexTerms(query), ...words])];
  const phrase = query.replace(/\s+/g, '');
  const hasPhrase = !/\s/.test(query) && Array.from(phrase).length >= 2;
  return { query, words, terms, phrase, hasPhrase };
}

/** A binary heap of document ids, best first. */
class DocHeap {
  private readonly items: number[];
  constructor(
    items: number[],
    private readonly better: (a: number, b: number) => boolean,
  ) {
    this.items = items;
    for (let i = (items.length >> 1) - 1; i >= 0; i -= 1) this.down(i);
  }
  get size() {
    return this.items.length;
  }
  pop(): number | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      this.down(0);
    }
    return top;
  }
  private down(start: number) {
    const items = this.items;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let best = i;
      if (left < items.length && this.better(items[left] as number, items[best] as number))
        best = left;
      if (right < items.length && this.better(items[right] as number, items[best] as number))
        best = right;
      if (best === i) return;
      [items[i], items[best]] = [items[best] as number, items[i] as number];
      i = best;
    }
  }
}

// Reused between queries (ranking is synchronous, so one query at a time per process).
let scratch: { scores: Float64Array; words: Uint8Array } | undefined;
function scratchFor(size: number) {
  if (!scratch || scratch.scores.length < size) {
    scratch = { scores: new Float64Array(size), words: new Uint8Array(size) };
  }
  return scratch;
}

/**
 * One page of results, in tiers and then by BM25: the exact phrase in the title, then in the
 * body, then documents holding every word the reader typed, then those holding some. Title hits
 * weigh four times body hits. Only the documents the page needs are put in order.
 */
export function rankPage(
  source: RankSource,
  rawQuery: string,
  requestedPage: number,
  pageSize: number,
): RankedPage {
  const { words, terms, phrase, hasPhrase } = parseQuery(rawQuery);
  const empty = { total: 0, page: 1, totalPages: 1, docs: [] };
  if (terms.length === 0 || source.count === 0) return empty;
  const { scores, words: wordsFound } = scratchFor(source.maxId);
  const touched: number[] = [];
  const wordSet = new Set(words);
  try {
    for (const term of terms) {
      const list = source.postings(term);
      if (!list) continue;
      const isWord = wordSet.has(term);
      const df = list.docs.length;
      const idf = Math.log(1 + (source.count - df + 0.5) / (df + 0.5));
      for (let i = 0; i < df; i += 1) {
        const doc = list.docs[i] as number;
        const before = scores[doc] as number;
        // Every posting has a positive score, so zero means not seen yet.
        if (before === 0) touched.push(doc);
        scores[doc] =
          before +
          idf *
            (TITLE_WEIGHT *
              bm25(list.titleTf[i] as number, source.titleLength(doc), source.avgTitle) +
              bm25(list.bodyTf[i] as number, source.bodyLength(doc), source.avgBody));
        // A list holds a document once, so this counts distinct words.
        if (isWord) wordsFound[doc] = Math.min(255, (wordsFound[doc] as number) + 1);
      }
    }
    const allCount = Math.min(255, wordSet.size);
    let inTitle: number[] = [];
    let allWords: number[] = [];
    const some: number[] = [];
    for (const doc of touched) {
      if (!source.visible(doc)) continue;
      if (wordSet.size > 0 && wordsFound[doc] === allCount) allWords.push(doc);
      else some.push(doc);
    }
    if (hasPhrase && allWords.length > 0) {
      const titled = source.withTitlePhrase(allWords, phrase);
      if (titled.size > 0) {
        inTitle = allWords.filter((doc) => titled.has(doc));
        allWords = allWords.filter((doc) => !titled.has(doc));
      }
    }
    const total = inTitle.length + allWords.length + some.length;
    const totalPages = Math.max(1, Math.ceil(total / pageSize));
    const page = Math.min(requestedPage, totalPages);
    const start = (page - 1) * pageSize;
    const end = Math.min(total, start + pageSize);
    const better = (a: number, b: number) => {
      const difference = (scores[a] as number) - (scores[b] as number);
      return difference > 0 || (difference === 0 && source.slug(a) < source.slug(b));
    };
    const ordered: number[] = [];
    const take = (heap: DocHeap) => {
      while (ordered.length < end && heap.size > 0) ordered.push(heap.pop() as number);
    };
    take(new DocHeap(inTitle, better));
    if (ordered.length < end) {
      const heap = new DocHeap(allWords, better);
      if (hasPhrase) {
        // The phrase in the body first, best first; the other all-words documents after them.
        // Once the page holds enough phrase matches the rest need not be read: they come later.
        const inBody: number[] = [];
        const rest: number[] = [];
        let scanned = 0;
        while (heap.size > 0 && scanned < PHRASE_SCAN && ordered.length + inBody.length < end) {
          const batch: number[] = [];
          while (heap.size > 0 && batch.length < Math.min(PHRASE_BATCH, PHRASE_SCAN - scanned)) {
            batch.push(heap.pop() as number);
          }
          scanned += batch.length;
          const found = source.withPhrase(batch, phrase);
          for (const doc of batch) (found.has(doc) ? inBody : rest).push(doc);
        }
        ordered.push(...inBody, ...rest);
      }
      take(heap);
    }
    if (ordered.length < end) take(new DocHeap(some, better));
    return { total, page, totalPages, docs: ordered.slice(start, end) };
  } finally {
    for (const doc of touched) {
      scores[doc] = 0;
      wordsFound[doc] = 0;
    }
  }
}
