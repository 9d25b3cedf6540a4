// npx tsx scripts/bench/bench-scale-server.ts — what the archive's size costs a running server
// (docs/benchmarks.md, issue 16). Needs a production build of the corpus (bench-scale.sh). One
// `next start`, then, one request at a time:
// - resident memory once the content and search indexes are loaded, and at the end;
// - the first render of old articles (never requested before, so rendered on demand);
// - the last page of the largest category and tag (deep page numbers), and an unknown article;
// - /search end to end: the 20 queries of bench-queries.ts, 20 rounds, the whole page read.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { siteConfig } from '../../config/site';
import { categoryUrl, tagUrl } from '../../lib/content/rules';
import { listIndex } from '../../lib/content/queries';
import { serverPid, waitFor } from './bench-server';
import { BENCH_QUERIES } from './bench-queries';
import { readLiveIndex } from './live-index';

const PORT = Number(process.env.BENCH_PORT || 4530);
const BASE = `http://127.0.0.1:${PORT}`;
const ROUNDS = Number(process.env.BENCH_ROUNDS || 20);

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

async function timed(path: string): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const response = await fetch(`${BASE}${path}`);
  await response.text();
  return { ms: performance.now() - started, status: response.status };
}

const pct = (samples: number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
};
const ms = (value: number) => `${value.toFixed(0)} ms`;

async function main() {
  const index = readLiveIndex();
  const now = Date.now();
  const published = index.articles
    .filter((article) => !article.draft && Date.parse(article.date) <= now)
    .sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
  const lists = listIndex(published);
  const server = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(PORT)],
    { stdio: 'ignore', env: { ...process.env, VIEWS_DB: `/tmp/bench-scale-views-${PORT}.db` } },
  );
  try {
    const started = performance.now();
    await waitFor(`${BASE}/api/health`);
    const pid = serverPid(server.pid ?? 0);
    const listening = performance.now() - started;
    // instrumentation.ts loads the content and search indexes right after start.
    await new Promise((resolve) => setTimeout(resolve, 8000));
    const loaded = rssMb(pid);
    let peak = loaded;
    const sample = () => (peak = Math.max(peak, rssMb(pid)));

    // Old articles: the oldest, and a sample from the older half, each requested once.
    const older = published.slice(Math.floor(published.length / 2));
    const sampleOld = Array.from(
      { length: 20 },
      (_, n) => older[Math.floor((n * older.length) / 20)],
    ).filter((article) => article !== undefined);
    const oldest = published.at(-1);
    // The route's code is loaded by the first article request of the process: not counted.
    if (published[0]) await timed(`/articles/${published[0].slug}`);
    const firstRenders: number[] = [];
    for (const article of oldest ? [oldest, ...sampleOld] : sampleOld) {
      const { ms: took, status } = await timed(`/articles/${article.slug}`);
      if (status !== 200) throw new Error(`${article.slug}: ${status}`);
      firstRenders.push(took);
      sample();
    }
    const again = oldest ? (await timed(`/articles/${oldest.slug}`)).ms : 0;

    const biggestCategory = [...lists.byCategory].sort((a, b) => b[1].length - a[1].length)[0];
    const biggestTag = lists.tags[0];
    const lastPage = (count: number) => Math.max(1, Math.ceil(count / siteConfig.pageSize));
    const deep: string[] = [];
    if (biggestCategory) {
      const pages = lastPage(biggestCategory[1].length);
      const result = await timed(categoryUrl(biggestCategory[0], pages));
      const past = await timed(categoryUrl(biggestCategory[0], pages + 1));
      deep.push(
        `category ${biggestCategory[0]} page ${pages}: ${ms(result.ms)} (${result.status}); page ${pages + 1}: ${ms(past.ms)} (${past.status})`,
      );
    }
    if (biggestTag) {
      const pages = lastPage(biggestTag.count);
      const result = await timed(tagUrl(biggestTag.tag, pages));
      deep.push(`tag ${biggestTag.tag} page ${pages}: ${ms(result.ms)} (${result.status})`);
    }
    const unknown = await timed('/articles/no-such-article-at-all');
    sample();

    const search: number[] = [];
    const firstRound: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const query of BENCH_QUERIES) {
        const { ms: took, status } = await timed(`/search?q=${encodeURIComponent(query)}`);
        if (status !== 200) throw new Error(`${query}: ${status}`);
        (round === 0 ? firstRound : search).push(took);
      }
      sample();
    }
    const all = [...firstRound, ...search];

    console.log(
      `### Server at ${index.articles.length} articles (load ${loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')} at the end)\n`,
    );
    console.log('| measure | value |\n| --- | --- |');
    console.log(`| listening after | ${ms(listening)} |`);
    console.log(
      `| RSS with content and search loaded → peak during the run → at the end | ${loaded} → ${peak} → ${rssMb(pid)} MB |`,
    );
    console.log(
      `| old article, first render (${firstRenders.length}: the oldest and 20 of the older half) | median ${ms(pct(firstRenders, 0.5))}, p95 ${ms(pct(firstRenders, 0.95))}, max ${ms(pct(firstRenders, 1))}; the oldest cached: ${ms(again)} |`,
    );
    for (const line of deep) console.log(`| deep list page | ${line} |`);
    console.log(`| unknown article (proxy 404) | ${ms(unknown.ms)} (${unknown.status}) |`);
    console.log(
      `| /search, ${ROUNDS} rounds × 20 queries, whole page | median ${ms(pct(all, 0.5))}, p95 ${ms(pct(all, 0.95))}, max ${ms(pct(all, 1))}; first round max ${ms(pct(firstRound, 1))} |`,
    );
  } finally {
    server.kill();
  }
}

void main();
