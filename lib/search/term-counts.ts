// Pure: what the compile step counts of an article for the search index: its terms and their
// frequencies. Apart from the ranking (postings.ts) because the compile step's code version hashes
// every file it imports (lib/pipeline/build-version.ts): a change to how search ranks or stores
// lists must not recompile every article (at 1,000,000 articles, about 100 minutes).
import { indexTerms } from './tokenize';

/** Per term: [frequency in the title and tags, frequency in the body]. */
export type TermCounts = Record<string, [number, number]>;

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
