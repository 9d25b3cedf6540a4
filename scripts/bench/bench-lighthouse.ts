// npx tsx scripts/bench/bench-lighthouse.ts — the site's mobile speed against the floor, side by
// side in one run (issue: mobile speed at the App Router's floor; issue 24: main-thread time).
//
// 1. Builds a bare Next 16 App Router page holding the same article (its title, cover through
//    next/image, and body; no lists, no header) in /tmp/news-bench-bare, from this checkout's
//    node_modules and the site's content build.
// 2. Serves it beside this checkout's production build (`npm run build` first, with the same
//    SITE_URL it runs with; BENCH_SITE_URL defaults to http://127.0.0.1:3460).
// 3. Runs Lighthouse (mobile defaults, simulated throttling) in Debian's Chromium, round-robin,
//    RUNS times (5), over the site's article, home, category and search pages and the bare page,
//    and the article and home page through Debian's nginx with deploy/nginx.conf (port 3462).
// 4. Prints min/median/max of the score, TBT and LCP per page, the machine's load average when
//    the runs start and end, and for the article and the bare page the main thread's breakdown
//    (Lighthouse's mainthread-work-breakdown and bootup-time audits, and its long tasks), as
//    medians; writes everything as JSON (BENCH_JSON, default /tmp/bench-lighthouse-<time>.json),
//    and the medians of a full quiet run to docs/benchmarks.md between the lighthouse markers.
//
// BENCH_PAGES=article,bare (keys below) measures only those pages; article-no-chunks, only
// when named, is the article with its script chunks blocked. BENCH_LOAD=1 runs the pages
// on a loaded machine: one busy-looping process per core, started after the servers are warm and
// before the first run, stopped after the last (its runs are never written to the docs).
// BENCH_TRACES=<dir> keeps each run's trace there. BENCH_BASELINE=<checkout> with
// BENCH_PAGES=…,baseline-article adds that checkout's article (its own build, on port 4230).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { nginxMain, nginxSite } from '../start/nginx-site';
import { buildBare, type Summary } from './bare-page';
import { startNext, stopGroup, waitFor } from './bench-server';
import { readLiveIndex } from './live-index';

const ROOT = process.cwd();
const RUNS = Number(process.env.RUNS || 5);
const SITE_PORT = 3460;
const BARE_PORT = 3461;
const SITE = `http://127.0.0.1:${SITE_PORT}`;
const BARE = `http://127.0.0.1:${BARE_PORT}`;
// The same site behind Debian's nginx with deploy/nginx.conf (static files from disk, page cache,
// gzip): the production layout of docs/deploy.md, one instance.
const NGINX_PORT = 3462;
const NGINX = `http://127.0.0.1:${NGINX_PORT}`;
const BASELINE = process.env.BENCH_BASELINE;
const BASELINE_PORT = 4230;
const SLUG = process.env.BENCH_SLUG || 'chengdu-wuhou-minzu-tuanjie';
const CHROME = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const BARE_DIR = path.join(tmpdir(), 'news-bench-bare');

function startNginx(): ChildProcess {
  const dir = path.join(tmpdir(), 'news-bench-nginx');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'temp'), { recursive: true });
  const site = path.join(dir, 'news.conf');
  writeFileSync(
    site,
    nginxSite(readFileSync(path.join(ROOT, 'deploy', 'nginx.conf'), 'utf8'), {
      listen: { host: '127.0.0.1', port: NGINX_PORT },
      instances: [`127.0.0.1:${SITE_PORT}`],
      paths: {
        pageCache: path.join(dir, 'pages'),
        cardCache: path.join(dir, 'cards'),
        static: path.join(ROOT, '.next', 'static'),
        public: path.join(ROOT, 'public'),
      },
    }),
  );
  const main = path.join(dir, 'nginx.conf');
  writeFileSync(main, nginxMain({ prefix: dir, site, root: process.getuid?.() === 0 }));
  return spawn(
    process.env.NGINX || '/usr/sbin/nginx',
    ['-p', dir, '-c', main, '-e', 'stderr', '-g', 'daemon off;'],
    { stdio: 'ignore', detached: true },
  );
}

async function weight(url: string) {
  // Bytes, not characters: most of the page is Chinese (three bytes each in UTF-8).
  const html = Buffer.from(await (await fetch(url)).arrayBuffer()).toString('utf8');
  const gz = (text: string) => zlib.gzipSync(text).length;
  const payload = [...html.matchAll(/<script[^>]*>self\.__next_f\.push\([\s\S]*?\)<\/script>/g)]
    .map((match) => match[0])
    .join('');
  return {
    html: Buffer.byteLength(html),
    htmlGz: gz(html),
    payload: Buffer.byteLength(payload),
    scripts: (payload.match(/<script/g) ?? []).length,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
const spread = (values: number[]) => ({
  min: Math.min(...values),
  median: median(values),
  max: Math.max(...values),
});
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** One busy-looping process per core, in a process group of its own (stopGroup). */
function startLoad(): ChildProcess[] {
  return Array.from({ length: cpus().length }, () =>
    spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore', detached: true }),
  );
}

type Item = Record<string, unknown>;
type Run = {
  perf: number;
  fcp: number;
  lcp: number;
  tbt: number;
  /** mainthread-work-breakdown: ms (×4, simulated CPU) by group. */
  groups: Record<string, number>;
  /** bootup-time: ms of script evaluation and of parse/compile by script URL. */
  scripts: Record<string, { total: number; scripting: number; parse: number }>;
  /** long-tasks: the simulated tasks over 50 ms, with their attribution and groups. */
  longTasks: { url: string; start: number; duration: number; groups: Record<string, number> }[];
};

function breakdown(audits: Record<string, { details?: unknown }>) {
  const items = (id: string) =>
    ((audits[id]?.details as { items?: Item[] } | undefined)?.items ?? []) as Item[];
  const groups: Record<string, number> = {};
  for (const item of items('mainthread-work-breakdown'))
    groups[String(item.group)] = Number(item.duration);
  const scripts: Run['scripts'] = {};
  for (const item of items('bootup-time')) {
    scripts[shortUrl(String(item.url))] = {
      total: Number(item.total),
      scripting: Number(item.scripting),
      parse: Number(item.scriptParseCompile),
    };
  }
  const debug = (
    audits['long-tasks']?.details as { debugData?: { urls?: string[]; tasks?: Item[] } } | undefined
  )?.debugData;
  const longTasks = (debug?.tasks ?? []).map((task) => {
    const { urlIndex, startTime, duration, ...rest } = task;
    return {
      url: shortUrl(debug?.urls?.[Number(urlIndex)] ?? ''),
      start: Number(startTime),
      duration: Number(duration),
      groups: Object.fromEntries(Object.entries(rest).map(([key, ms]) => [key, Number(ms)])),
    };
  });
  return { groups, scripts, longTasks };
}

// Chunk names without their origin: the same file on both servers reads the same.
const shortUrl = (url: string) => url.replace(/^https?:\/\/[^/]+/, '');

const index = readLiveIndex() as { articles: Summary[] };
const article = index.articles.find((entry) => entry.slug === SLUG);
if (!article) throw new Error(`no article ${SLUG} in the content index`);
if (!existsSync('.next/BUILD_ID')) throw new Error('build the site first: npm run build');
console.log('building the bare page …');
buildBare(ROOT, BARE_DIR, article);

const allPages = [
  { key: 'article', name: 'this project: article', url: `${SITE}/articles/${SLUG}` },
  { key: 'bare', name: 'bare Next page, same article', url: `${BARE}/` },
  {
    key: 'nginx-article',
    name: 'this project through nginx: article',
    url: `${NGINX}/articles/${SLUG}`,
  },
  { key: 'home', name: 'this project: home', url: `${SITE}/` },
  { key: 'category', name: 'this project: category', url: `${SITE}/category/shehui` },
  {
    key: 'search',
    name: 'this project: search',
    url: `${SITE}/search?q=${encodeURIComponent('民族团结')}`,
  },
  { key: 'nginx-home', name: 'this project through nginx: home', url: `${NGINX}/` },
  // Not in the default set: another checkout's build of the article (BENCH_BASELINE=<dir>, its
  // `npm run build` with the same SITE_URL), for before and after in one round-robin session.
  {
    key: 'baseline-article',
    name: `${BASELINE ? path.basename(BASELINE) : 'baseline'}: article`,
    url: `http://127.0.0.1:${BASELINE_PORT}/articles/${SLUG}`,
  },
  // Not in the default set: the article with its script chunks blocked (no hydration, no beacon),
  // what the page's own markup and CSS cost the main thread without the App Router's runtime.
  // Since ADR 030 pages load no chunks, so this is the article as it is; kept for a baseline.
  {
    key: 'article-no-chunks',
    name: 'this project: article, script chunks blocked',
    url: `${SITE}/articles/${SLUG}`,
    blocked: ['*/_next/static/chunks/*.js'],
  },
];
const only = process.env.BENCH_PAGES?.split(',').map((key) => key.trim());
const pages = only
  ? allPages.filter((page) => only.includes(page.key))
  : allPages.filter((page) => !page.blocked && page.key !== 'baseline-article');
if (pages.length === 0) throw new Error(`BENCH_PAGES names none of ${allPages.map((p) => p.key)}`);
const LOADED = Boolean(process.env.BENCH_LOAD && process.env.BENCH_LOAD !== '0');
const TRACES = process.env.BENCH_TRACES;
if (TRACES) mkdirSync(TRACES, { recursive: true });
const withNginx = pages.some((page) => page.key.startsWith('nginx'));
if (pages.some((page) => page.key === 'baseline-article') && !BASELINE)
  throw new Error('baseline-article needs BENCH_BASELINE=<a checkout with a build>');

const site = startNext(ROOT, SITE_PORT, {
  // The build's origin (the server refuses to start with another); as documented above, the
  // default is the address it is served on here.
  SITE_URL: process.env.BENCH_SITE_URL || process.env.SITE_URL || SITE,
});
const bare = startNext(BARE_DIR, BARE_PORT);
const nginx = withNginx ? startNginx() : undefined;
const baseline = BASELINE
  ? startNext(BASELINE, BASELINE_PORT, {
      SITE_URL: process.env.BENCH_SITE_URL || process.env.SITE_URL || SITE,
    })
  : undefined;
let load: ChildProcess[] = [];
const chrome = await chromeLauncher.launch({
  chromePath: CHROME,
  chromeFlags: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  await waitFor(`${SITE}/api/health`);
  await waitFor(`${BARE}/`);
  if (nginx) await waitFor(`${NGINX}/api/health`);
  if (baseline) await waitFor(`http://127.0.0.1:${BASELINE_PORT}/api/health`);
  // Warm both servers (rendered pages, optimised images) before measuring.
  for (const { url } of pages) for (let i = 0; i < 2; i += 1) await (await fetch(url)).text();
  const loadBefore = loadAverage();
  if (LOADED) {
    load = startLoad();
    console.log(`machine loaded: ${load.length} busy-looping processes (one per core)`);
  }
  const started = new Date();
  const runs = new Map<string, Run[]>();
  for (let run = 0; run < RUNS; run += 1) {
    for (const { key, name, url, blocked } of pages) {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance'],
        ...(blocked ? { blockedUrlPatterns: blocked } : {}),
      });
      const audits = result?.lhr.audits ?? {};
      const value = (id: string) => audits[id]?.numericValue ?? NaN;
      const list = runs.get(name) ?? [];
      list.push({
        perf: Math.round((result?.lhr.categories.performance?.score ?? 0) * 100),
        fcp: value('first-contentful-paint'),
        lcp: value('largest-contentful-paint'),
        tbt: value('total-blocking-time'),
        ...breakdown(audits),
      });
      runs.set(name, list);
      if (TRACES && key !== 'article-no-chunks' && result?.artifacts.Trace) {
        writeFileSync(
          path.join(TRACES, `${key}-${run + 1}.json`),
          JSON.stringify(result.artifacts.Trace),
        );
      }
    }
    console.log(`round ${run + 1} of ${RUNS} done (load average ${loadAverage()})`);
  }
  const loadAfter = loadAverage();
  for (const child of load) stopGroup(child);
  load = [];
  const rows: string[] = [];
  const spreadRows: string[] = [];
  const results: Record<string, unknown> = {};
  for (const { key, name, url } of pages) {
    const list = runs.get(name) ?? [];
    const w = await weight(url);
    const perf = spread(list.map((r) => r.perf));
    const tbt = spread(list.map((r) => r.tbt));
    const lcp = spread(list.map((r) => r.lcp));
    rows.push(
      `| ${name} | ${perf.median} | ${(median(list.map((r) => r.fcp)) / 1000).toFixed(2)} s | **${(lcp.median / 1000).toFixed(2)} s** | ${Math.round(tbt.median)} ms | ${(w.html / 1024).toFixed(1)} KB (${(w.htmlGz / 1024).toFixed(1)} KB) | ${(w.payload / 1024).toFixed(1)} KB, ${w.scripts} scripts |`,
    );
    const ms = (s: { min: number; median: number; max: number }) =>
      `${Math.round(s.min)} / **${Math.round(s.median)}** / ${Math.round(s.max)} ms`;
    const secs = (s: { min: number; median: number; max: number }) =>
      `${(s.min / 1000).toFixed(2)} / **${(s.median / 1000).toFixed(2)}** / ${(s.max / 1000).toFixed(2)} s`;
    spreadRows.push(
      `| ${name} | ${perf.min} / **${perf.median}** / ${perf.max} | ${ms(tbt)} | ${secs(lcp)} |`,
    );
    results[key] = { name, url, weight: w, perf, tbt, lcp, runs: list };
  }
  const medianBy = (list: Run[], pick: (run: Run) => Record<string, number>) => {
    const keys = [...new Set(list.flatMap((run) => Object.keys(pick(run))))];
    return Object.fromEntries(keys.map((k) => [k, median(list.map((run) => pick(run)[k] ?? 0))]));
  };
  const breakdownLines: string[] = [];
  for (const { key, name } of pages) {
    if (!['article', 'bare', 'article-no-chunks', 'baseline-article'].includes(key)) continue;
    const list = runs.get(name) ?? [];
    const groups = medianBy(list, (run) => run.groups);
    const scripts = medianBy(list, (run) =>
      Object.fromEntries(Object.entries(run.scripts).map(([url, s]) => [url, s.total])),
    );
    const tasks = list.map((run) => run.longTasks);
    breakdownLines.push(
      `${name}: main thread ${Math.round(Object.values(groups).reduce((a, b) => a + b, 0))} ms (simulated ×4, medians): ` +
        Object.entries(groups)
          .sort((a, b) => b[1] - a[1])
          .map(([group, ms]) => `${group} ${Math.round(ms)}`)
          .join(', '),
      `  scripts (bootup-time, total ms): ` +
        (Object.entries(scripts)
          .sort((a, b) => b[1] - a[1])
          .map(([url, ms]) => `${url} ${Math.round(ms)}`)
          .join(', ') || 'none over its threshold'),
      `  long tasks per run: ${tasks.map((t) => t.length).join(', ')}; in the median-TBT run: ` +
        (([...list].sort((a, b) => a.tbt - b.tbt)[Math.floor(list.length / 2)]?.longTasks ?? [])
          .map(
            (t) =>
              `${Math.round(t.duration)} ms at ${Math.round(t.start)} (${t.url || 'no script'}: ${Object.entries(
                t.groups,
              )
                .sort((a, b) => b[1] - a[1])
                .map(([group, ms]) => `${group} ${Math.round(ms)}`)
                .join(', ')})`,
          )
          .join('; ') || 'none'),
    );
  }
  const version = (await import('lighthouse/package.json', { with: { type: 'json' } })).default
    .version;
  const conditions = LOADED
    ? `machine loaded (one busy-looping process per core for the whole run)`
    : 'machine not loaded by the benchmark';
  const heading = `Lighthouse ${version}, mobile defaults, Debian Chromium, ${RUNS} runs round-robin, ${conditions}; ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, load average ${loadBefore} at the start, ${loadAfter} at the end.`;
  const table = [
    `${heading.replace(', machine', ', medians; machine')}`,
    '',
    '| page | perf | FCP | LCP | TBT | HTML (gzip) | inline RSC data |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
  console.log(table);
  console.log(
    [
      '',
      'min / median / max:',
      '',
      '| page | perf | TBT | LCP |',
      '| --- | --- | --- | --- |',
      ...spreadRows,
      '',
      ...breakdownLines,
    ].join('\n'),
  );
  const json =
    process.env.BENCH_JSON ||
    path.join(tmpdir(), `bench-lighthouse-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    json,
    JSON.stringify(
      { lighthouse: version, runs: RUNS, loaded: LOADED, loadBefore, loadAfter, started, results },
      null,
      1,
    ),
  );
  console.log(`\nevery run: ${json}`);
  if (!LOADED && !only) {
    const docs = readFileSync('docs/benchmarks.md', 'utf8');
    const start = '<!-- lighthouse:start -->';
    const end = '<!-- lighthouse:end -->';
    const block = `${start}\n${table}\n${end}`;
    writeFileSync(
      'docs/benchmarks.md',
      docs.includes(start)
        ? docs.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block)
        : `${docs.trimEnd()}\n\n## Mobile speed against the floor (issue: mobile speed)\n\nCommand: \`npx tsx scripts/bench/bench-lighthouse.ts\` (after \`npm run build\`).\n\n${block}\n`,
    );
  }
} finally {
  for (const child of load) stopGroup(child);
  await chrome.kill();
  stopGroup(site);
  stopGroup(bare);
  if (nginx) stopGroup(nginx);
  if (baseline) stopGroup(baseline);
}
