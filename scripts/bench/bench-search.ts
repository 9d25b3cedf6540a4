// npx tsx scripts/bench/bench-search.ts [count] — the search index at scale, from a generated corpus:
// build time and peak memory, size on disk and in memory, and query latency for 20 queries
// (median and p95 over repeated runs, in process: tokenising, ranking, publication filter and
// excerpts, i.e. everything /search does but rendering).
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { splitFrontMatter } from '../../lib/pipeline/front-matter';
import { compileBody } from '../../lib/pipeline/markdown/compile-body';
import { listSourceFiles } from '../../lib/pipeline/source-files';
import { excerptSegments } from '../../lib/search/highlight';
import {
  buildSearchIndex,
  searchIndex,
  type SearchDoc,
  type SearchIndex,
} from '../../lib/search/index';
import { normalizeQuery, queryWords } from '../../lib/search/tokenize';
import { BENCH_QUERIES } from './bench-queries';

const count = Number(process.argv[2] || 10_000);
const corpus = mkdtempSync(path.join(tmpdir(), 'bench-search-'));
execFileSync(
  'npx',
  ['tsx', 'scripts/bench/generate-articles.ts', '--count', String(count), '--out', corpus],
  { stdio: 'ignore' },
);

const docs: SearchDoc[] = [];
for (const file of listSourceFiles(path.join(corpus, 'articles'))) {
  const split = splitFrontMatter(readFileSync(path.join(corpus, 'articles', file), 'utf8'));
  const data = parse(split?.yaml ?? '') as { title: string; tags?: string[] };
  docs.push({
    slug: path.basename(file, '.md'),
    title: data.title,
    tags: data.tags ?? [],
    text: (await compileBody(split?.body ?? '')).text,
  });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
global.gc?.();
const before = process.memoryUsage().rss;
let started = performance.now();
const index = buildSearchIndex(docs);
const buildMs = performance.now() - started;
const peakRss = process.memoryUsage().rss;
const json = JSON.stringify(index);
const file = path.join(corpus, 'search.json');
writeFileSync(file, json);

global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
started = performance.now();
const loaded = JSON.parse(readFileSync(file, 'utf8')) as SearchIndex;
const loadMs = performance.now() - started;
global.gc?.();
const heapAfter = process.memoryUsage().heapUsed;

const queries = BENCH_QUERIES;
const samples: number[] = [];
const published = new Set(loaded.slugs);
for (let round = 0; round < 20; round += 1) {
  for (const query of queries) {
    const t = performance.now();
    const hits = searchIndex(loaded, query, (slug) => published.has(slug));
    const needles = [
      normalizeQuery(query).replace(/\s+/g, ''),
      ...queryWords(normalizeQuery(query)),
    ];
    for (const hit of hits.slice(0, 20)) excerptSegments(loaded.texts[hit.doc] ?? '', needles);
    samples.push(performance.now() - t);
  }
}
samples.sort((a, b) => a - b);
const pct = (p: number) =>
  (samples[Math.min(samples.length - 1, Math.floor(p * samples.length))] ?? 0).toFixed(1);

console.log(`### Search index, ${count} synthetic articles (${docs.length} documents)\n`);
console.log('| measure | value |\n| --- | --- |');
console.log(`| index build (jieba search mode + postings) | ${(buildMs / 1000).toFixed(1)} s |`);
console.log(`| process RSS before → after build | ${mb(before)} → ${mb(peakRss)} |`);
console.log(`| index on disk (JSON, incl. plain text for excerpts) | ${mb(json.length)} |`);
console.log(
  `| load in a server process | ${loadMs.toFixed(0)} ms, +${mb(heapAfter - heapBefore)} heap |`,
);
console.log(
  `| query latency, 20 queries × 20 rounds, top-20 excerpts | median ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${pct(1)} ms |`,
);
