// Pure: the search index's posting lists and the ranking over them. The index lives on disk
// (lib/pipeline/search-writer.ts writes it, lib/search/sqlite-engine.ts reads it); this module
// only sees what a `RankSource` hands it, so the ranking is the same whatever stores the lists.
import { bit, bitmap, clearBit, nextBit, popCount, setBit } from './bitmap';
import { RESULTS_MAX } from './engine';
import { indexTerms, normalizeQuery, queryWords } from './tokenize';

const MAX_TF = 0xffff;

/**
 * One term's documents and its frequency in each document's title (with tags) and body, with
 * the bounds of its blocks: the ranking skips the documents of a block that cannot reach the
 * page without scoring them (docs/adr/014-search-index-on-disk.md).
 */
export type Postings = {
  docs: Uint32Array;
  titleTf: Uint16Array;
  bodyTf: Uint16Array;
  /**
   * Block i covers the ids after blockLast[i − 1] up to blockLast[i]; ascending, the last one at
   * least the list's last id.
   */
  blockLast: Uint32Array;
  /**
   * Per block two bounds, at the averages of the version that reads it: at 2·i at least
   * 4 · BM25(title) + BM25(body) (before the term's idf) of each of its postings with the term in
   * the title, at 2·i + 1 of each of the others. Title hits weigh four times, and a block's best
   * title hit would otherwise bound every document of it.
   */
  blockBound: Float32Array | Float64Array;
};

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
function assertLittleEndian() {
  if (!LITTLE_ENDIAN) throw new Error('search postings are little-endian; this machine is not');
}

const K1 = 1.2;
const B = 0.75;
const TITLE_WEIGHT = 4;

/** Postings per block of a stored list: a block is skipped or scored as a whole. */
export const BLOCK = 64;

/**
 * What a list's block bounds are computed with: the documents' term lengths (title at 2·i, body
 * at 2·i + 1, for the id firstId + i) and the averages the bounds assume (the segment's own).
 */
export type BoundLengths = {
  lengths: Uint32Array;
  firstId: number;
  avgTitle: number;
  avgBody: number;
};

/** The smallest float32 at or above `value` (a bound must not round down). */
function float32Above(value: number): number {
  const rounded = Math.fround(value);
  if (rounded >= value) return rounded;
  const bits = new Float32Array([rounded]);
  const view = new Uint32Array(bits.buffer);
  view[0] = (view[0] as number) + 1;
  return bits[0] as number;
}

/**
 * [n][doc ids as u32 × n][title tf as u16 × n][body tf as u16 × n], little-endian; with `bounds`,
 * then per block of BLOCK postings its last id (u32 × blocks) and then its two bounds (f32 × 2 ×
 * blocks, rounded up): the most any of its postings with the term in the title scores, and any of
 * the others, 4 · BM25(title) + BM25(body) at the given averages. A list without blocks (a segment
 * writer's runs) is read as one block without a bound.
 */
export function encodePostings(
  docs: ArrayLike<number>,
  titleTf: ArrayLike<number>,
  bodyTf: ArrayLike<number>,
  bounds?: BoundLengths,
): Buffer {
  assertLittleEndian();
  const n = docs.length;
  const blocks = bounds ? Math.ceil(n / BLOCK) : 0;
  const bytes = new ArrayBuffer(4 + n * 8 + blocks * 12);
  new Uint32Array(bytes, 0, 1)[0] = n;
  new Uint32Array(bytes, 4, n).set(docs);
  const title = new Uint16Array(bytes, 4 + n * 4, n);
  const body = new Uint16Array(bytes, 4 + n * 6, n);
  for (let i = 0; i < n; i += 1) {
    title[i] = Math.min(MAX_TF, titleTf[i] as number);
    body[i] = Math.min(MAX_TF, bodyTf[i] as number);
  }
  if (bounds) {
    const last = new Uint32Array(bytes, 4 + n * 8, blocks);
    const bound = new Float32Array(bytes, 4 + n * 8 + blocks * 4, 2 * blocks);
    const { lengths, firstId, avgTitle, avgBody } = bounds;
    const titleNorms = normsFor(avgTitle);
    const bodyNorms = normsFor(avgBody);
    for (let block = 0; block < blocks; block += 1) {
      let bestTitled = 0;
      let best = 0;
      const end = Math.min(n, (block + 1) * BLOCK);
      for (let i = block * BLOCK; i < end; i += 1) {
        const at = 2 * ((docs[i] as number) - firstId);
        const score =
          TITLE_WEIGHT * bm25(title[i] as number, lengths[at] as number, titleNorms, avgTitle) +
          bm25(body[i] as number, lengths[at + 1] as number, bodyNorms, avgBody);
        if ((title[i] as number) > 0) bestTitled = Math.max(bestTitled, score);
        else best = Math.max(best, score);
      }
      last[block] = docs[end - 1] as number;
      bound[2 * block] = float32Above(bestTitled);
      bound[2 * block + 1] = float32Above(best);
    }
  }
  return Buffer.from(bytes);
}

export function decodePostings(data: Uint8Array): Postings {
  assertLittleEndian();
  const n = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0, true);
  const blocks = data.byteLength >= 4 + n * 8 + 12 ? Math.ceil(n / BLOCK) : 0;
  const size = n * 8 + blocks * 12;
  // Typed-array views need 4-byte alignment. A large blob has its own buffer, aligned: viewed
  // where it is (a common word's list is megabytes at 1,000,000 articles); others are copied.
  let bytes: ArrayBufferLike = data.buffer;
  let at = data.byteOffset + 4;
  if (at % 4 !== 0) {
    const aligned = new Uint8Array(size);
    aligned.set(data.subarray(4, 4 + size));
    [bytes, at] = [aligned.buffer, 0];
  }
  const docs = new Uint32Array(bytes, at, n);
  return {
    docs,
    titleTf: new Uint16Array(bytes, at + n * 4, n),
    bodyTf: new Uint16Array(bytes, at + n * 6, n),
    ...(blocks > 0
      ? {
          blockLast: new Uint32Array(bytes, at + n * 8, blocks),
          blockBound: new Float32Array(bytes, at + n * 8 + blocks * 4, 2 * blocks),
        }
      : // No blocks: one, which no bound lets the ranking skip.
        {
          blockLast: Uint32Array.of(n > 0 ? (docs[n - 1] as number) : 0),
          blockBound: Float64Array.of(Infinity, Infinity),
        }),
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
  /** The term's list, its block bounds at this source's averages. */
  postings(term: string): Postings | undefined;
  /**
   * Leaves in the set (a bitmap, as `visible`) those of its documents whose title may hold the
   * (lower-cased) phrase: every one that does, and as few others as the source can tell apart
   * without reading titles. Returns how many are left.
   */
  titleCandidates(bits: Uint32Array, phrase: string): number;
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
  /** Documents readers may find now (published, not drafts): bit id % 32 of word id >> 5. */
  readonly visible: Uint32Array;
  /** The final tie-breaker, the same however the index was built. */
  slug(doc: number): string;
}

export type RankedPage = { total: number; page: number; totalPages: number; docs: number[] };

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

/**
 * How much more than its stored bound a block may score at other averages. BM25 of a posting
 * grows with the average, by at most the ratio of the averages: with n = k1 · (1 − b + b · ℓ / a),
 * tf(k1 + 1) / (tf + n′) ≤ tf(k1 + 1) / (tf + n) · n / n′ and n / n′ ≤ a′ / a for a′ ≥ a.
 */
export function boundScale(
  stored: { avgTitle: number; avgBody: number },
  now: { avgTitle: number; avgBody: number },
): number {
  return Math.max(1, now.avgTitle / stored.avgTitle, now.avgBody / stored.avgBody);
}

export type ParsedQuery = {
  readonly query: string;
  readonly words: readonly string[];
  readonly terms: readonly string[];
  readonly phrase: string;
  readonly hasPhrase: boolean;
};
/** Queries parsed lately: a search parses its query twice (ranking, excerpts), jieba ~1 ms. */
const parsed = new Map<string, ParsedQuery>();
const PARSED_KEPT = 64;

/** What a query asks for: its index terms, the words the reader typed, and the phrase. */
export function parseQuery(rawQuery: string): ParsedQuery {
  const known = parsed.get(rawQuery);
  if (known) return known;
  const query = normalizeQuery(rawQuery);
  const words = queryWords(query);
  const terms = [...new Set([...indexTerms(query), ...words])];
  const phrase = query.replace(/\s+/g, '');
  const hasPhrase = !/\s/.test(query) && Array.from(phrase).length >= 2;
  const result = { query, words, terms, phrase, hasPhrase };
  if (parsed.size >= PARSED_KEPT) parsed.clear();
  parsed.set(rawQuery, result);
  return result;
}

/**
 * One pass over a term's list: its documents into `found` (and `member`, when given), and those
 * with the term in their title into `titled`.
 */
function markList(
  list: Postings,
  found: Uint32Array,
  titled: Uint32Array,
  member: Uint32Array | undefined,
) {
  const { docs, titleTf } = list;
  for (let i = 0; i < docs.length; i += 1) {
    const doc = docs[i] as number;
    setBit(found, doc);
    if (member) setBit(member, doc);
    if (titleTf[i] !== 0) setBit(titled, doc);
  }
}
/**
 * One term of the query, read document by document in id order, with the documents that hold it
 * in their title (a bitmap): their block bound is the title hits', the others' is lower.
 */
type Cursor = Postings & {
  idf: number;
  isWord: boolean;
  titled: Uint32Array;
  at: number;
  block: number;
};

/** The first index at or after `from` whose id is at least `doc`: galloping, then halving. */
function seek(docs: Uint32Array, from: number, doc: number): number {
  if (from >= docs.length || (docs[from] as number) >= doc) return from;
  let step = 1;
  let low = from;
  let high = from + 1;
  while (high < docs.length && (docs[high] as number) < doc) {
    low = high;
    step *= 2;
    high = low + step;
  }
  if (high > docs.length) high = docs.length;
  // docs[low] < doc, and docs[high] ≥ doc or high is the end.
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    if ((docs[middle] as number) < doc) low = middle;
    else high = middle;
  }
  return high;
}

/** A bound may be this much below a sum computed otherwise (rounding): skip only below it. */
const SLACK = 1 + 1e-9;

/**
 * Scores documents, one at a time in id order, and says for a run of ids the most any of them
 * can score (the sum of the terms' block bounds), and for one document the most it can score
 * (each term's bound for title hits or for the others), so that documents below the page are
 * skipped unscored, whole blocks at a time where they can be.
 */
class Scorer {
  private windowEnd = -1;
  private windowBound = 0;
  private readonly titleNorms: Float64Array;
  private readonly bodyNorms: Float64Array;
  /** Whether the document last scored holds every word among its body's terms. */
  bodyWise = false;
  /** Documents scored (for the tests: most are skipped). */
  scored = 0;
  constructor(
    private readonly cursors: Cursor[],
    private readonly source: RankSource,
    private readonly wordCount: number,
  ) {
    this.titleNorms = normsFor(source.avgTitle);
    this.bodyNorms = normsFor(source.avgBody);
  }
  /** From the first id again. */
  reset() {
    for (const cursor of this.cursors) {
      cursor.at = 0;
      cursor.block = 0;
    }
    this.windowEnd = -1;
  }
  /**
   * The most a document from `doc` to `end` can score; −1 when no term has postings at or after
   * `doc`. Moves each term to its block that holds `doc`.
   */
  bound(doc: number): number {
    if (doc <= this.windowEnd) return this.windowBound;
    let end = Infinity;
    let bound = 0;
    for (const cursor of this.cursors) {
      const { blockLast, blockBound } = cursor;
      while (cursor.block < blockLast.length && (blockLast[cursor.block] as number) < doc)
        cursor.block += 1;
      if (cursor.block === blockLast.length) continue;
      const titled = blockBound[2 * cursor.block] as number;
      const other = blockBound[2 * cursor.block + 1] as number;
      bound += cursor.idf * (titled > other ? titled : other);
      end = Math.min(end, blockLast[cursor.block] as number);
    }
    if (end === Infinity) return -1;
    this.windowEnd = end;
    this.windowBound = bound * SLACK;
    return this.windowBound;
  }
  /** The last id of the run `bound` was last asked about. */
  get end() {
    return this.windowEnd;
  }
  /** The most `doc` can score, within the run `bound` was last asked about. */
  docBound(doc: number): number {
    let bound = 0;
    for (const cursor of this.cursors) {
      if (cursor.block === cursor.blockLast.length) continue;
      const titled = bit(cursor.titled, doc);
      bound += cursor.idf * (cursor.blockBound[2 * cursor.block + 1 - titled] as number);
    }
    return bound * SLACK;
  }
  /** BM25 of the document, added term by term in the query's order (as every ranking of it). */
  score(doc: number): number {
    const { lengths, avgTitle, avgBody } = this.source;
    const { titleNorms, bodyNorms } = this;
    let score = 0;
    let bodyWords = 0;
    this.scored += 1;
    for (const cursor of this.cursors) {
      const at = seek(cursor.docs, cursor.at, doc);
      cursor.at = at;
      if (cursor.docs[at] !== doc) continue;
      const inTitle = cursor.titleTf[at] as number;
      const inBody = cursor.bodyTf[at] as number;
      const titleScore = bm25(inTitle, lengths[2 * doc] as number, titleNorms, avgTitle);
      const bodyScore = bm25(inBody, lengths[2 * doc + 1] as number, bodyNorms, avgBody);
      score = score + cursor.idf * (TITLE_WEIGHT * titleScore + bodyScore);
      if (cursor.isWord && inBody > 0) bodyWords += 1;
    }
    this.bodyWise = this.wordCount > 0 && bodyWords === this.wordCount;
    return score;
  }
}

type Scored = { doc: number; score: number; bodyWise: boolean };

/**
 * The best `k` documents of the set by score, and every other document tied with the k-th (any
 * document left out scores less). Documents are scored in id order while a min-heap keeps the k
 * best so far; once it is full, a run of ids whose bound is below its least score is skipped
 * unscored, and so is a document whose own bound is. Documents tied with that least score are
 * kept beside the heap.
 */
function topK(scorer: Scorer, set: Uint32Array, k: number): Scored[] {
  scorer.reset();
  const heap: Scored[] = [];
  let ties: Scored[] = [];
  const less = (a: number, b: number) => (heap[a] as Scored).score < (heap[b] as Scored).score;
  const swap = (a: number, b: number) => {
    const held = heap[a] as Scored;
    heap[a] = heap[b] as Scored;
    heap[b] = held;
  };
  const up = (start: number) => {
    for (let i = start; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!less(i, parent)) break;
      swap(i, parent);
      i = parent;
    }
  };
  const down = (start: number) => {
    for (let i = start; ;) {
      let child = 2 * i + 1;
      if (child >= heap.length) break;
      if (child + 1 < heap.length && less(child + 1, child)) child += 1;
      if (!less(child, i)) break;
      swap(i, child);
      i = child;
    }
  };
  for (let doc = nextBit(set, 0); doc !== -1;) {
    if (heap.length === k) {
      const bound = scorer.bound(doc);
      if (bound < 0) break;
      const least = (heap[0] as Scored).score;
      if (bound < least) {
        doc = nextBit(set, scorer.end + 1);
        continue;
      }
      if (scorer.docBound(doc) < least) {
        doc = nextBit(set, doc + 1);
        continue;
      }
    }
    const score = scorer.score(doc);
    const scored = { doc, score, bodyWise: scorer.bodyWise };
    if (heap.length < k) {
      heap.push(scored);
      up(heap.length - 1);
    } else {
      const least = (heap[0] as Scored).score;
      if (score > least) {
        const out = heap[0] as Scored;
        heap[0] = scored;
        down(0);
        const now = (heap[0] as Scored).score;
        // Ties of the least score stay only while it is still the least.
        ties = now === least ? [...ties, out] : [];
      } else if (score === least) ties.push(scored);
    }
    doc = nextBit(set, doc + 1);
  }
  // By score; a run of equal scores is put in slug order only when it is taken (Tier), so that
  // slugs are read for the page's ties, not for every tie of a tier scored whole.
  return [...heap, ...ties].sort((x, y) => y.score - x.score);
}

/**
 * A tier's documents, handed out best first: by score, ties by slug. Only as many are put in
 * order as are taken: the best k are found (topK), and when more are asked for, the best 8k, or
 * the whole tier once that is a quarter of it.
 */
class Tier {
  /** By score; runs of equal scores in slug order up to `resolved`. */
  private ordered: Scored[] = [];
  private resolved = 0;
  private at = 0;
  constructor(
    private readonly scorer: Scorer,
    private readonly set: Uint32Array,
    private readonly count: number,
    private readonly slug: (doc: number) => string,
  ) {}
  /** Documents not taken yet. */
  get size() {
    return this.count - this.at;
  }
  /** The next `count` documents in order, fewer at the end of the tier. */
  take(count: number): Scored[] {
    if (this.ordered.length - this.at < count && this.ordered.length < this.count) {
      // A phrase scan takes batch after batch, and each pass scores from the first id again:
      // eight times as many as the last pass (twice made six passes of a 1,000-document scan).
      // A quarter of the tier or more, all of it.
      let want = Math.max(this.at + count, 8 * this.ordered.length);
      if (want * 4 >= this.count) want = this.count;
      this.ordered = topK(this.scorer, this.set, want);
      this.resolved = 0;
    }
    const end = Math.min(this.ordered.length, this.at + count);
    this.resolve(end);
    const taken = this.ordered.slice(this.at, end);
    this.at = end;
    return taken;
  }
  /** Puts in slug order each run of equal scores that begins before `end`, each slug read once. */
  private resolve(end: number) {
    const { ordered } = this;
    while (this.resolved < end) {
      const from = this.resolved;
      const score = (ordered[from] as Scored).score;
      let to = from + 1;
      while (to < ordered.length && (ordered[to] as Scored).score === score) to += 1;
      if (to - from > 1) {
        const run = ordered.slice(from, to).map((entry) => ({ entry, slug: this.slug(entry.doc) }));
        run.sort((x, y) => (x.slug < y.slug ? -1 : x.slug > y.slug ? 1 : 0));
        run.forEach(({ entry }, at) => (ordered[from + at] = entry));
      }
      this.resolved = to;
    }
  }
}

// Reused between queries (ranking is synchronous, so one query at a time per process): bitmaps,
// an eighth of a byte a document each, four and one per term of the query. At most SCRATCH_KEPT
// are kept: a long query's others are made for it and dropped.
const SCRATCH_KEPT = 16;
let scratch: Uint32Array[] = [];
/** The length of every kept bitmap: the largest index's so far. */
let scratchWords = 0;
function bitmaps(count: number, maxId: number): Uint32Array[] {
  const words = bitmap(maxId).length;
  if (scratchWords < words) [scratch, scratchWords] = [[], words];
  while (scratch.length < Math.min(count, SCRATCH_KEPT))
    scratch.push(new Uint32Array(scratchWords));
  const made = Array.from({ length: count }, (_, at) =>
    at < scratch.length ? (scratch[at] as Uint32Array) : bitmap(maxId),
  );
  return made.map((bits) => bits.subarray(0, words));
}

/** Documents scored by the last query (for the tests: most are skipped). */
export let lastScored = 0;

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
  lastScored = 0;
  if (terms.length === 0 || source.count === 0) return empty;
  const wordSet = new Set(words);
  const lists: { list: Postings; isWord: boolean }[] = [];
  for (const term of terms) {
    const list = source.postings(term);
    if (list && list.docs.length > 0) lists.push({ list, isWord: wordSet.has(term) });
  }
  const scratchBits = bitmaps(4 + lists.length, source.maxId);
  const [found, all, titled, word] = scratchBits as [
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
  ];
  const cursors = lists.map(({ list, isWord }, at): Cursor => {
    const df = list.docs.length;
    const idf = Math.log(1 + (source.count - df + 0.5) / (df + 0.5));
    const titledBits = scratchBits[4 + at] as Uint32Array;
    return { ...list, idf, isWord, titled: titledBits, at: 0, block: 0 };
  });
  try {
    // Found: holds some term; all: every word; titled: every word among the title's terms.
    const wordCursors = cursors.filter((cursor) => cursor.isWord);
    const everyWord = wordSet.size > 0 && wordCursors.length === wordSet.size;
    if (everyWord) all.fill(0xffffffff);
    for (const cursor of cursors) {
      const member = everyWord && cursor.isWord ? word : undefined;
      member?.fill(0);
      markList(cursor, found, cursor.titled, member);
      if (member)
        for (let i = 0; i < all.length; i += 1) all[i] = (all[i] as number) & (member[i] as number);
    }
    const { visible } = source;
    for (let i = 0; i < found.length; i += 1) {
      found[i] = (found[i] as number) & ((visible[i] as number) | 0);
      all[i] = (all[i] as number) & (found[i] as number);
    }
    if (everyWord && hasPhrase) {
      titled.set(all);
      for (const cursor of wordCursors)
        for (let i = 0; i < titled.length; i += 1)
          titled[i] = (titled[i] as number) & (cursor.titled[i] as number);
    }
    const total = popCount(found);
    const allCount = everyWord ? popCount(all) : 0;
    // The documents with some word but not all of them.
    for (let i = 0; i < found.length; i += 1) found[i] = (found[i] as number) & ~(all[i] as number);
    const shown = Math.min(total, RESULTS_MAX);
    const totalPages = Math.max(1, Math.ceil(shown / pageSize));
    const page = Math.min(requestedPage, totalPages);
    const start = (page - 1) * pageSize;
    const end = Math.min(shown, start + pageSize);
    const slug = (doc: number) => source.slug(doc);
    const scorer = new Scorer(cursors, source, wordSet.size);
    const ordered: number[] = [];
    const take = (tier: Tier) => {
      if (ordered.length < end)
        for (const { doc } of tier.take(end - ordered.length)) ordered.push(doc);
    };
    let allLeft = allCount;
    if (hasPhrase && everyWord && end > 0) {
      // The phrase in the title: its candidates are tested best first, a batch at a time, until
      // the page is full of matches. Those that hold it leave the all-words tier.
      const candidates = source.titleCandidates(titled, phrase);
      const tier = new Tier(scorer, titled, candidates, slug);
      while (ordered.length < end && tier.size > 0) {
        const batch = tier.take(Math.max(PHRASE_BATCH, end - ordered.length)).map(({ doc }) => doc);
        const holding = source.withTitlePhrase(batch, phrase);
        for (const doc of batch) {
          if (!holding.has(doc)) continue;
          ordered.push(doc);
          clearBit(all, doc);
          allLeft -= 1;
        }
      }
    }
    if (ordered.length < end && allLeft > 0) {
      const tier = new Tier(scorer, all, allLeft, slug);
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
          const holding = source.withPhrase(
            batch.filter((entry) => entry.bodyWise).map(({ doc }) => doc),
            phrase,
          );
          for (const { doc } of batch) (holding.has(doc) ? inBody : rest).push(doc);
        }
        for (const doc of inBody) ordered.push(doc);
        for (const doc of rest) ordered.push(doc);
      }
      take(tier);
    }
    if (ordered.length < end) take(new Tier(scorer, found, total - allCount, slug));
    lastScored = scorer.scored;
    return { total, page, totalPages, docs: ordered.slice(start, end) };
  } finally {
    for (const bits of scratchBits) bits.fill(0);
  }
}
