// node --conditions=react-server --import tsx scripts/bench/bench-search.ts — the live content
// version's search index (build it first, e.g. CONTENT_DIR=/tmp/corpus100k npm run content):
// its size, what opening it costs a process (time, RSS), and query latency in process for the 20
// queries of bench-queries.ts (everything /search does but rendering: tokenising, ranking, the
// publication filter, excerpts), 20 rounds; the first round is reported apart (its posting lists
// may not be in the page cache yet). Beside it, the floor of any ranking that reads every posting.
import { readFileSync, statSync } from 'node:fs';
import {
  CURRENT_FILE,
  SEARCH_SEGMENTS_DIR,
  versionFiles,
  type CurrentVersion,
} from '../../lib/content/paths';
import { excerptSegments } from '../../lib/search/highlight';
import { parseQuery, rankPage } from '../../lib/search/postings';
import { openSearchVersion } from '../../lib/search/sqlite-source';
import { BENCH_QUERIES } from './bench-queries';

const ROUNDS = Number(process.env.BENCH_ROUNDS || 20);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const { version } = JSON.parse(readFileSync(CURRENT_FILE, 'utf8')) as CurrentVersion;
const files = versionFiles(version);

global.gc?.();
const rssBefore = process.memoryUsage().rss;
let started = performance.now();
const search = openSearchVersion(files.search, SEARCH_SEGMENTS_DIR);
search.setVisible(search.visibleAt(Date.now(), false));
const openMs = performance.now() - started;
parseQuery('民族團結');
global.gc?.();
const rssAfter = process.memoryUsage().rss;

const first: number[] = [];
const warm: number[] = [];
// The floor of a ranking that reads every posting: each term's list read and its frequencies
// added up per document, nothing else (no BM25, tiers, order, phrase or excerpts). Alternating
// with the real thing, query by query.
const floor: number[] = [];
const sums = new Float64Array(search.source.maxId);
for (let round = 0; round < ROUNDS; round += 1) {
  for (const query of BENCH_QUERIES) {
    started = performance.now();
    const page = rankPage(search.source, query, 1, 20);
    const { query: normalized, words } = parseQuery(query);
    for (const doc of page.docs)
      excerptSegments(search.text(doc), [normalized.replace(/\s+/g, ''), ...words]);
    (round === 0 ? first : warm).push(performance.now() - started);
    started = performance.now();
    for (const term of parseQuery(query).terms) {
      const list = search.source.postings(term);
      if (!list) continue;
      for (let i = 0; i < list.docs.length; i += 1) {
        const doc = list.docs[i] as number;
        sums[doc] =
          (sums[doc] as number) + (list.titleTf[i] as number) + (list.bodyTf[i] as number);
      }
    }
    if (round > 0) floor.push(performance.now() - started);
    sums.fill(0);
  }
}
const pct = (samples: number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0).toFixed(1);
};
console.log(`### Search index of version ${version} (${search.source.count} articles)\n`);
console.log('| measure | value |\n| --- | --- |');
const onDisk = search.segments.reduce((sum, file) => sum + statSync(file).size, 0);
console.log(`| search segments on disk | ${search.segments.length}, ${mb(onDisk)} |`);
console.log(`| open in a process | ${openMs.toFixed(0)} ms, RSS +${mb(rssAfter - rssBefore)} |`);
console.log(`| first round (20 queries) | median ${pct(first, 0.5)} ms, max ${pct(first, 1)} ms |`);
console.log(
  `| ${ROUNDS - 1} more rounds, top 20 with excerpts | median ${pct(warm, 0.5)} ms, p95 ${pct(warm, 0.95)} ms, max ${pct(warm, 1)} ms |`,
);
console.log(
  `| the same rounds, every posting read and added up (the floor) | median ${pct(floor, 0.5)} ms, p95 ${pct(floor, 0.95)} ms, max ${pct(floor, 1)} ms |`,
);
