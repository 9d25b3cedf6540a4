// Pure: the search index's posting lists and the ranking over them. The index lives on disk
// (lib/pipeline/search-writer.ts writes it, lib/search/sqlite-engine.ts reads it); this module
// only sees what a `RankSource` hands it, so the ranking is the same whatever stores the lists.
import { RESULTS_MAX } from './engine';
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
  // Typed-array views need 4-byte alignment. A large blob has its own buffer, aligned: viewed
  // where it is (a common word's list is megabytes at 1,000,000 articles); others are copied.
  let bytes: ArrayBufferLike = data.buffer;
  let at = data.byteOffset + 4;
  if (at % 4 !== 0) {
    const aligned = new Uint8Array(n * 8);
    aligned.set(data.subarray(4, 4 + n * 8));
    [bytes, at] = [aligned.buffer, 0];
  }
  return {
    docs: new Uint32Array(bytes, at, n),
    titleTf: new Uint16Array(bytes, at + n * 4, n),
    bodyTf: new Uint16Array(bytes, at + n * 6, n),
  };
}

/** What the ranking reads from an index. Document ids are below `maxId`; some may be unused. */
export interface RankSource {
  /** Documents in the index (drafts and scheduled articles included): BM25's N. */
  readonly count: number;
  readonly maxId: number;
  readonly avgTitle: number;
  readonly avgBody: number;
  /** Term lengths by document id: the title's (with tags) at 2·id, the body's at 2·id + 1. */
  readonly lengths: Uint32Array;
  postings(term: string): Postings | undefined;
  /**
   * Those of these documents whose title may hold the (lower-cased) phrase: every one that does,
   * and as few others as the source can tell apart without reading titles.
   */
  titleCandidates(docs: Uint32Array, phrase: string): Uint32Array;
  /**
   * Which of these documents hold the phrase in their lower-cased title. Asked for the best
   * candidates only, a batch at a time.
   */
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

/**
 * BM25's length normalisation, k1 · (1 − b + b · length / average), for the lengths below
 * NORM_TABLE, computed once per average (a content version's): a posting then costs a lookup, not
 * a division. The same expression as a posting's, so scores are the same to the last bit.
 */
const NORM_TABLE = 4096;
const norms = new Map<number, Float64Array>();
function normsFor(averageLength: number): Float64Array {
  let table = norms.get(averageLength);
  if (!table) {
    if (norms.size >= 8) norms.clear();
    table = new Float64Array(NORM_TABLE);
    for (let length = 0; length < NORM_TABLE; length += 1)
      table[length] = K1 * (1 - B + (B * length) / averageLength);
    norms.set(averageLength, table);
  }
  return table;
}

/** tf · (k1 + 1) / (tf + k1 · (1 − b + b · length / average)), the norm from the table. */
function bm25(tf: number, length: number, table: Float64Array, averageLength: number): number {
  if (tf === 0) return 0;
  const norm =
    length < NORM_TABLE ? (table[length] as number) : K1 * (1 - B + (B * length) / averageLength);
  return (tf * (K1 + 1)) / (tf + norm);
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

/**
 * A tier's documents, handed out best first: by score, ties by slug. Only as many are put in
 * order as are taken. The next ones are found by score alone (the k-th best score is a threshold:
 * one pass over the rest with a small heap), and only those at or above it are sorted, so slugs
 * are read for ties among them, not for the ties of the whole tier.
 */
class Tier {
  private ordered: number[] = [];
  private at = 0;
  constructor(
    private rest: Uint32Array,
    private readonly scores: Float64Array,
    private readonly slug: (doc: number) => string,
  ) {}
  /** Documents not taken yet. */
  get size() {
    return this.ordered.length - this.at + this.rest.length;
  }
  /** The next `count` documents in order, fewer at the end of the tier. */
  take(count: number): number[] {
    if (this.ordered.length - this.at < count) this.order(count - (this.ordered.length - this.at));
    const taken = this.ordered.slice(this.at, this.at + count);
    this.at += taken.length;
    return taken;
  }
  /** Moves at least `count` more documents (all of them if fewer) from `rest` into `ordered`. */
  private order(count: number) {
    const { rest, scores } = this;
    if (rest.length === 0) return;
    // At least twice what was asked: a phrase scan takes batch after batch.
    const want = Math.max(count, 2 * this.ordered.length, 64);
    let next: Uint32Array;
    if (rest.length <= want) {
      next = rest;
      this.rest = new Uint32Array(0);
    } else {
      const threshold = kthBest(rest, scores, want);
      let above = 0;
      for (let i = 0; i < rest.length; i += 1)
        if ((scores[rest[i] as number] as number) >= threshold) above += 1;
      next = new Uint32Array(above);
      const below = new Uint32Array(rest.length - above);
      let a = 0;
      let b = 0;
      for (let i = 0; i < rest.length; i += 1) {
        const doc = rest[i] as number;
        if ((scores[doc] as number) >= threshold) next[a++] = doc;
        else below[b++] = doc;
      }
      this.rest = below;
    }
    // By score, then each run of equal scores by slug, each slug read once.
    const sorted = Array.from(next).sort((x, y) => (scores[y] as number) - (scores[x] as number));
    for (let from = 0; from < sorted.length;) {
      const score = scores[sorted[from] as number] as number;
      let to = from + 1;
      while (to < sorted.length && scores[sorted[to] as number] === score) to += 1;
      if (to - from > 1) {
        const run = sorted.slice(from, to).map((doc) => ({ doc, slug: this.slug(doc) }));
        run.sort((x, y) => (x.slug < y.slug ? -1 : x.slug > y.slug ? 1 : 0));
        run.forEach(({ doc }, at) => (sorted[from + at] = doc));
      }
      from = to;
    }
    if (this.at > 0) {
      this.ordered = this.ordered.slice(this.at);
      this.at = 0;
    }
    for (const doc of sorted) this.ordered.push(doc);
  }
}

/** The k-th best score among `docs` (k ≤ docs.length), with a min-heap of the k best so far. */
function kthBest(docs: Uint32Array, scores: Float64Array, k: number): number {
  const heap = new Float64Array(k);
  for (let i = 0; i < k; i += 1) heap[i] = scores[docs[i] as number] as number;
  const down = (start: number) => {
    let i = start;
    const value = heap[i] as number;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= k) break;
      if (child + 1 < k && (heap[child + 1] as number) < (heap[child] as number)) child += 1;
      if ((heap[child] as number) >= value) break;
      heap[i] = heap[child] as number;
      i = child;
    }
    heap[i] = value;
  };
  for (let i = (k >> 1) - 1; i >= 0; i -= 1) down(i);
  for (let i = k; i < docs.length; i += 1) {
    const score = scores[docs[i] as number] as number;
    if (score > (heap[0] as number)) {
      heap[0] = score;
      down(0);
    }
  }
  return heap[0] as number;
}

// Reused between queries (ranking is synchronous, so one query at a time per process).
let scratch:
  | {
      scores: Float64Array;
      words: Uint8Array;
      titleWords: Uint8Array;
      bodyWords: Uint8Array;
      touched: Uint32Array;
    }
  | undefined;
function scratchFor(size: number) {
  if (!scratch || scratch.scores.length < size) {
    scratch = {
      scores: new Float64Array(size),
      words: new Uint8Array(size),
      titleWords: new Uint8Array(size),
      bodyWords: new Uint8Array(size),
      touched: new Uint32Array(size),
    };
  }
  return scratch;
}

/**
 * One page of results, in tiers and then by BM25: the exact phrase in the title (each of its
 * words among the title's terms), then in the body (likewise), then documents holding every word
 * the reader typed, then those holding some. Title hits weigh four times body hits. Only the
 * documents the page needs are put in order, and pages stop at RESULTS_MAX results.
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
  const { scores, words: wordsFound, titleWords, bodyWords, touched } = scratchFor(source.maxId);
  let touchedCount = 0;
  const wordSet = new Set(words);
  const { lengths, avgTitle, avgBody } = source;
  const titleNorms = normsFor(avgTitle);
  const bodyNorms = normsFor(avgBody);
  try {
    for (const term of terms) {
      const list = source.postings(term);
      if (!list) continue;
      const isWord = wordSet.has(term) ? 1 : 0;
      const { docs, titleTf, bodyTf } = list;
      const df = docs.length;
      const idf = Math.log(1 + (source.count - df + 0.5) / (df + 0.5));
      for (let i = 0; i < df; i += 1) {
        const doc = docs[i] as number;
        const before = scores[doc] as number;
        // Every posting has a positive score, so zero means not seen yet.
        if (before === 0) touched[touchedCount++] = doc;
        const inTitle = titleTf[i] as number;
        const inBody = bodyTf[i] as number;
        const titleScore = bm25(inTitle, lengths[2 * doc] as number, titleNorms, avgTitle);
        const bodyScore = bm25(inBody, lengths[2 * doc + 1] as number, bodyNorms, avgBody);
        scores[doc] = before + idf * (TITLE_WEIGHT * titleScore + bodyScore);
        // A list holds a document once, so these count distinct words.
        if (isWord && (wordsFound[doc] as number) < 255) {
          wordsFound[doc] = (wordsFound[doc] as number) + 1;
          if (inTitle > 0) titleWords[doc] = (titleWords[doc] as number) + 1;
          if (inBody > 0) bodyWords[doc] = (bodyWords[doc] as number) + 1;
        }
      }
    }
    const allCount = Math.min(255, wordSet.size);
    const all = new Uint32Array(touchedCount);
    const some = new Uint32Array(touchedCount);
    // Documents with every word among their title's (and tags') terms: only their titles can
    // hold the phrase (a title that holds it as letters split otherwise, 宗教育人 for 教育,
    // does not count as holding the word).
    const titleWise = new Uint32Array(hasPhrase ? touchedCount : 0);
    let allLength = 0;
    let someLength = 0;
    let titleLength = 0;
    for (let i = 0; i < touchedCount; i += 1) {
      const doc = touched[i] as number;
      if (!source.visible(doc)) continue;
      if (wordSet.size > 0 && wordsFound[doc] === allCount) {
        all[allLength++] = doc;
        if (hasPhrase && titleWords[doc] === allCount) titleWise[titleLength++] = doc;
      } else some[someLength++] = doc;
    }
    const total = allLength + someLength;
    const shown = Math.min(total, RESULTS_MAX);
    const totalPages = Math.max(1, Math.ceil(shown / pageSize));
    const page = Math.min(requestedPage, totalPages);
    const start = (page - 1) * pageSize;
    const end = Math.min(shown, start + pageSize);
    const slug = (doc: number) => source.slug(doc);
    const ordered: number[] = [];
    const take = (tier: Tier) => {
      if (ordered.length < end)
        for (const doc of tier.take(end - ordered.length)) ordered.push(doc);
    };
    let allWords = all.subarray(0, allLength);
    const titled = new Set<number>();
    if (hasPhrase && titleLength > 0) {
      // The phrase in the title: its candidates are tested best first, a batch at a time, until
      // the page is full of matches. The all-words tier is only needed when every candidate has
      // been tested, and then it is every document that did not match.
      const candidates = new Tier(
        source.titleCandidates(titleWise.subarray(0, titleLength), phrase),
        scores,
        slug,
      );
      while (ordered.length < end && candidates.size > 0) {
        const batch = candidates.take(Math.max(PHRASE_BATCH, end - ordered.length));
        const found = source.withTitlePhrase(batch, phrase);
        for (const doc of batch) {
          if (!found.has(doc)) continue;
          ordered.push(doc);
          titled.add(doc);
        }
      }
    }
    if (ordered.length < end) {
      if (titled.size > 0) allWords = allWords.filter((doc) => !titled.has(doc));
      const tier = new Tier(allWords, scores, slug);
      if (hasPhrase) {
        // The phrase in the body first, best first; the other all-words documents after them.
        // Once the page holds enough phrase matches the rest need not be read: they come later.
        const inBody: number[] = [];
        const rest: number[] = [];
        let scanned = 0;
        while (tier.size > 0 && scanned < PHRASE_SCAN && ordered.length + inBody.length < end) {
          const batch = tier.take(Math.min(PHRASE_BATCH, PHRASE_SCAN - scanned));
          scanned += batch.length;
          // Only a body with every word among its terms is read (as for titles, above).
          const found = source.withPhrase(
            batch.filter((doc) => bodyWords[doc] === allCount),
            phrase,
          );
          for (const doc of batch) (found.has(doc) ? inBody : rest).push(doc);
        }
        for (const doc of inBody) ordered.push(doc);
        for (const doc of rest) ordered.push(doc);
      }
      take(tier);
    }
    take(new Tier(some.subarray(0, someLength), scores, slug));
    return { total, page, totalPages, docs: ordered.slice(start, end) };
  } finally {
    for (let i = 0; i < touchedCount; i += 1) {
      const doc = touched[i] as number;
      scores[doc] = 0;
      wordsFound[doc] = 0;
      titleWords[doc] = 0;
      bodyWords[doc] = 0;
    }
  }
}
