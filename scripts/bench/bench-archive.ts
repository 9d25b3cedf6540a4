// npx tsx scripts/bench/bench-archive.ts NAME=DIR[,KEY=VALUE…] [NAME=DIR …] — the targets of
// issue 22 (docs/benchmarks.md), for checkouts that each hold a production build of one archive:
// `before=/work/old,CONTENT_INDEX_DIR=/tmp/idx-old after=.,CONTENT_INDEX_DIR=/tmp/idx-new`.
// KEY=VALUE pairs are the server's environment (SITE_URL must be the build's). Each checkout is
// started ROUNDS times (BENCH_ROUNDS, default 2), the checkouts alternating so that they share the
// machine's load; medians of the rounds are printed. Every URL comes from the server itself (the
// sitemaps and its pages), so checkouts with different content indexes compare alike.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { BENCH_QUERIES } from './bench-queries';
import { serverPid, startNext, stopGroup } from './bench-server';

const PORT = Number(process.env.BENCH_PORT || 4540);
const BASE = `http://127.0.0.1:${PORT}`;
const ROUNDS = Number(process.env.BENCH_ROUNDS || 2);
const SCHEMAS = path.resolve('e2e/schemas');

type Target = { name: string; dir: string; env: Record<string, string> };
type Result = Record<string, number>;

function parseTarget(spec: string): Target {
  const [head = '', ...pairs] = spec.split(',');
  const [name = '', dir = ''] = head.split('=');
  if (!name || !dir) throw new Error(`not NAME=DIR[,KEY=VALUE…]: ${spec}`);
  return {
    name,
    dir: path.resolve(dir),
    env: Object.fromEntries(pairs.map((p) => p.split('=', 2))),
  };
}

const statusMb = (pid: number, field: string) =>
  Math.round(
    Number(
      new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0,
    ) / 1024,
  );
const rssMb = (pid: number) => statusMb(pid, 'VmRSS');
/**
 * Where the resident memory is: anonymous (the JavaScript heap, native allocations, SQLite's page
 * caches) and file-backed (the program, its libraries, and files mapped into memory).
 */
const rssParts = (pid: number, prefix: string, result: Result) => {
  result[`${prefix}Anon`] = statusMb(pid, 'RssAnon');
  result[`${prefix}File`] = statusMb(pid, 'RssFile');
};

/** The server's own account of its memory (its metrics port: the site's port + 10,000), in MB. */
async function metricsMb(prefix: string, result: Result) {
  const text = await (await fetch(`http://127.0.0.1:${PORT + 10_000}/metrics`)).text();
  const value = (series: string) =>
    Math.round(Number(new RegExp(`^${series} (\\S+)$`, 'm').exec(text)?.[1] ?? 0) / 2 ** 20);
  result[`${prefix}Heap`] = value('nodejs_heap_size_used_bytes');
  result[`${prefix}External`] = value('nodejs_external_memory_bytes');
  result[`${prefix}PageCache`] = value('news_page_cache_bytes');
}

/** The middle value; for an even count, the mean of the two middle ones. */
const median = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

async function timed(url: string): Promise<{ ms: number; status: number; body: string }> {
  const started = performance.now();
  // Sitemaps name the build's SITE_URL: ask this server for the same path.
  const response = await fetch(`${BASE}${url.replace(/^https?:\/\/[^/]+/, '')}`);
  const body = await response.text();
  return { ms: performance.now() - started, status: response.status, body };
}

const pct = (samples: number[], p: number) =>
  [...samples].sort((a, b) => a - b)[
    Math.min(samples.length - 1, Math.floor(p * samples.length))
  ] ?? 0;
const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] ?? '');

function xsdValid(xml: string, schema: string): boolean {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-archive-'));
  try {
    writeFileSync(path.join(dir, 'file.xml'), xml);
    execFileSync(
      'xmllint',
      ['--noout', '--schema', path.join(SCHEMAS, schema), path.join(dir, 'file.xml')],
      {
        stdio: 'pipe',
      },
    );
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(target: Target): Promise<Result> {
  const started = performance.now();
  const server = startNext(target.dir, PORT, {
    VIEWS_DB: `/tmp/bench-archive-${target.name}.db`,
    ...target.env,
  });
  try {
    // Start to the first answer of the home page.
    for (;;) {
      try {
        if ((await fetch(`${BASE}/`)).status === 200) break;
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 120_000) throw new Error(`${target.name} did not answer`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const result: Result = { firstAnswerMs: performance.now() - started };
    const pid = serverPid(server.pid ?? 0);
    result.rssFirst = rssMb(pid);
    rssParts(pid, 'rssFirst', result);
    await metricsMb('rssFirst', result);

    // Every article URL, newest first, from the sitemaps (served and checked on the way).
    const index = await timed('/sitemap.xml');
    if (!xsdValid(index.body, 'siteindex.xsd')) throw new Error('the sitemap index is not valid');
    const files = locs(index.body);
    const articles: string[] = [];
    let slowestSitemap = 0;
    let invalid = 0;
    for (const file of files) {
      const { ms, body } = await timed(file);
      slowestSitemap = Math.max(slowestSitemap, ms);
      if (!xsdValid(body, 'sitemap-with-news.xsd')) invalid += 1;
      articles.push(...locs(body).filter((url) => /^https?:\/\/[^/]+\/articles\//.test(url)));
    }
    result.sitemapFiles = files.length;
    result.sitemapMaxMs = slowestSitemap;
    result.sitemapInvalid = invalid;
    result.articles = articles.length;
    const home = await timed('/');
    const categories = [
      ...new Set([...home.body.matchAll(/href="(\/category\/[^"#?]+)"/g)].map((m) => m[1] ?? '')),
    ];

    // Warm-up as the issue names it: home, 50 random articles, 10 category pages, 10 searches.
    const pick = () => articles[Math.floor(Math.random() * articles.length)] ?? '/';
    for (let n = 0; n < 50; n += 1) await timed(pick());
    for (const category of categories.slice(0, 10)) await timed(category);
    for (const query of BENCH_QUERIES.slice(0, 10))
      await timed(`/search?q=${encodeURIComponent(query)}`);
    result.rssWarm = rssMb(pid);
    rssParts(pid, 'rssWarm', result);
    await metricsMb('rssWarm', result);

    // Old articles, first render: 40 from the oldest half, spread evenly, each requested once.
    const older = articles.slice(Math.floor(articles.length / 2));
    const old: number[] = [];
    for (let n = 0; n < 40 && older.length > 0; n += 1) {
      old.push((await timed(older[Math.floor((n * older.length) / 40)] ?? '/')).ms);
    }
    result.oldP95 = pct(old, 0.95);

    // Search: 20 queries × 5 rounds, the whole page read.
    const search: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      for (const query of BENCH_QUERIES)
        search.push((await timed(`/search?q=${encodeURIComponent(query)}`)).ms);
    }
    result.searchP95 = pct(search, 0.95);

    // The deepest page of each channel on the home page: its last page number from its pagination.
    let deepest = 0;
    let deepestPage = 0;
    const withPage5000: string[] = [];
    for (const category of categories) {
      const first = await timed(category);
      const last = Math.max(
        1,
        ...[...first.body.matchAll(/\/page\/(\d+)"/g)].map((m) => Number(m[1])),
      );
      const { ms, status } = await timed(last > 1 ? `${category}/page/${last}` : category);
      if (status === 200 && ms > deepest) [deepest, deepestPage] = [ms, last];
      if (last >= 5000) withPage5000.push(category);
    }
    // The deep page: page 5,000 of each channel that has one (the slowest), first render.
    let page5000 = 0;
    for (const category of withPage5000)
      page5000 = Math.max(page5000, (await timed(`${category}/page/5000`)).ms);
    result.category5000Ms = page5000;
    result.deepCategoryMs = deepest;
    result.deepCategoryPage = deepestPage;
    result.rssEnd = rssMb(pid);
    return result;
  } finally {
    stopGroup(server);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function main() {
  const targets = process.argv.slice(2).map(parseTarget);
  if (targets.length === 0) throw new Error('usage: bench-archive.ts NAME=DIR[,KEY=VALUE…] …');
  const results = new Map<string, Result[]>(targets.map((t) => [t.name, []]));
  const loads: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const target of round % 2 === 0 ? targets : [...targets].reverse()) {
      loads.push(loadavg()[0] ?? 0);
      const result = await measure(target);
      console.error(`${target.name} round ${round + 1}: ${JSON.stringify(result)}`);
      results.get(target.name)?.push(result);
    }
  }
  const keys = Object.keys(results.get(targets[0]?.name ?? '')?.[0] ?? {});
  console.log(
    `medians of ${ROUNDS} rounds; load ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}\n`,
  );
  console.log(`| measure | ${targets.map((t) => t.name).join(' | ')} |`);
  console.log(`| --- | ${targets.map(() => '---').join(' | ')} |`);
  for (const key of keys) {
    const cells = targets.map((t) =>
      Math.round(median((results.get(t.name) ?? []).map((r) => r[key] ?? 0))),
    );
    console.log(`| ${key} | ${cells.join(' | ')} |`);
  }
}

void main();
