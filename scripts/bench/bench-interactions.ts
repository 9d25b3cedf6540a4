// npx tsx scripts/bench/bench-interactions.ts — Interaction to Next Paint, in the style of INP,
// for the article page's two controls against a bare Next page (issue 24).
//
// A phone (412×823, touch) with the CPU slowed 4× (Chromium's own throttling, as in a
// DevTools trace) opens the 栏目 menu, closes it, and opens the 分享 panel, each with a tap,
// on a fresh page RUNS times (5), round-robin with the bare page. The figures are the browser's
// Event Timing entries of each tap (pointerdown, pointerup, click: one interaction): input delay,
// processing (the listeners) and presentation (to the next frame), and their sum, the
// interaction's duration as INP counts it (rounded by the browser to 8 ms).
//
// The bare page has no menu: it is the bare Next page of bench-lighthouse.ts (the same article)
// with the site's own menu and share panel markup copied in before the title, without its CSS or
// any script: the floor for a <details> opening in an App Router page.
//
// Serves this checkout's production build (`npm run build` first, SITE_URL as for
// bench-lighthouse.ts) on 127.0.0.1:4220 and the bare page on 4221. BENCH_LOAD=1 runs it with
// one busy-looping process per core; BENCH_JSON names the JSON file of every run.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { buildBare, type Summary } from './bare-page';
import { startNext, stopGroup, waitFor } from './bench-server';
import { readLiveIndex } from './live-index';

const ROOT = process.cwd();
const RUNS = Number(process.env.RUNS || 5);
const SITE = 'http://127.0.0.1:4220';
const BARE = 'http://127.0.0.1:4221';
const SLUG = process.env.BENCH_SLUG || 'chengdu-wuhou-minzu-tuanjie';
const BARE_DIR = path.join(tmpdir(), 'news-bench-bare-controls');
const LOADED = Boolean(process.env.BENCH_LOAD && process.env.BENCH_LOAD !== '0');

const MENU = 'details.nav-menu > summary';
const SHARE = 'details.share > summary';
const steps = [
  { name: 'open the 栏目 menu', selector: MENU },
  { name: 'close it', selector: MENU },
  { name: 'open the 分享 panel', selector: SHARE },
] as const;

type Interaction = { delay: number; processing: number; presentation: number; duration: number };

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** The site's own 栏目 menu and share panel, as the article page serves them. */
async function controlsMarkup(): Promise<string> {
  const html = await (await fetch(`${SITE}/articles/${SLUG}`)).text();
  const menu = /<details class="nav-menu[^"]*">[\s\S]*?<\/details>/.exec(html)?.[0];
  const share = /<details class="share[^"]*">[\s\S]*?<\/details>/.exec(html)?.[0];
  if (!menu || !share) throw new Error('no 栏目 menu or share panel on the article page');
  return `${menu}\n${share}`;
}

/** One tap and the Event Timing entries of its interaction. */
async function tap(page: Page, selector: string): Promise<Interaction | undefined> {
  await page.evaluate(() => {
    const w = window as unknown as { __events: PerformanceEventTiming[] };
    w.__events = [];
  });
  await page.tap(selector);
  // Event Timing reports an interaction once its next frame is presented.
  await page.waitForTimeout(600);
  const entries = await page.evaluate(() =>
    (window as unknown as { __events: PerformanceEventTiming[] }).__events.map((entry) => ({
      // Not in TypeScript's DOM types yet.
      id: (entry as PerformanceEventTiming & { interactionId?: number }).interactionId ?? 0,
      start: entry.startTime,
      processingStart: entry.processingStart,
      processingEnd: entry.processingEnd,
      duration: entry.duration,
    })),
  );
  const own = entries.filter((entry) => entry.id > 0);
  if (own.length === 0) return undefined;
  const start = Math.min(...own.map((entry) => entry.start));
  const end = Math.max(...own.map((entry) => entry.start + entry.duration));
  const processingStart = Math.min(...own.map((entry) => entry.processingStart));
  const processingEnd = Math.max(...own.map((entry) => entry.processingEnd));
  return {
    delay: processingStart - start,
    processing: processingEnd - processingStart,
    presentation: Math.max(0, end - processingEnd),
    duration: end - start,
  };
}

const index = readLiveIndex() as { articles: Summary[] };
const article = index.articles.find((entry) => entry.slug === SLUG);
if (!article) throw new Error(`no article ${SLUG} in the content index`);
if (!existsSync('.next/BUILD_ID')) throw new Error('build the site first: npm run build');

const site = startNext(ROOT, 4220, {
  SITE_URL: process.env.BENCH_SITE_URL || process.env.SITE_URL || 'http://127.0.0.1:3460',
  VIEWS_DB: path.join(tmpdir(), 'bench-interactions-views.db'),
});
let bare: ChildProcess | undefined;
let load: ChildProcess[] = [];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  await waitFor(`${SITE}/api/health`);
  console.log('building the bare page with the same menu and share panel …');
  buildBare(ROOT, BARE_DIR, article, await controlsMarkup());
  bare = startNext(BARE_DIR, 4221);
  await waitFor(`${BARE}/`);
  const pages = [
    { key: 'article', name: 'this project: article', url: `${SITE}/articles/${SLUG}` },
    { key: 'bare', name: 'bare Next page, same menu and panel', url: `${BARE}/` },
  ];
  for (const { url } of pages) for (let i = 0; i < 2; i += 1) await (await fetch(url)).text();
  const loadBefore = loadAverage();
  if (LOADED) {
    load = Array.from({ length: cpus().length }, () =>
      spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore', detached: true }),
    );
    console.log(`machine loaded: ${load.length} busy-looping processes (one per core)`);
  }
  const started = new Date();
  const results = new Map<string, (Interaction | undefined)[][]>();
  for (let run = 0; run < RUNS; run += 1) {
    for (const { key, url } of pages) {
      const context = await browser.newContext({
        viewport: { width: 412, height: 823 },
        deviceScaleFactor: 1.75,
        isMobile: true,
        hasTouch: true,
      });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.goto(url, { waitUntil: 'networkidle' });
      // After the page script and the beacon: the page a reader taps once it has settled.
      await page.waitForTimeout(1000);
      await page.evaluate(() => {
        const w = window as unknown as { __events: PerformanceEventTiming[] };
        w.__events = [];
        new PerformanceObserver((list) =>
          w.__events.push(...(list.getEntries() as PerformanceEventTiming[])),
        ).observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
      });
      const list: (Interaction | undefined)[] = [];
      for (const step of steps) list.push(await tap(page, step.selector));
      const all = results.get(key) ?? [];
      all.push(list);
      results.set(key, all);
      await context.close();
    }
    console.log(`round ${run + 1} of ${RUNS} done (load average ${loadAverage()})`);
  }
  const loadAfter = loadAverage();
  for (const child of load) stopGroup(child);
  load = [];
  const rows: string[] = [];
  for (const { key, name } of pages) {
    steps.forEach((step, i) => {
      const taps = (results.get(key) ?? []).map((run) => run[i]);
      const seen = taps.filter((entry): entry is Interaction => Boolean(entry));
      const ms = (values: number[]) => `${Math.round(median(values))}`;
      const spread = (values: number[]) =>
        `${Math.round(Math.min(...values))} / **${Math.round(median(values))}** / ${Math.round(Math.max(...values))}`;
      rows.push(
        seen.length === 0
          ? `| ${name} | ${step.name} | under 16 ms in every run (no entry) | | | |`
          : `| ${name} | ${step.name} | ${spread(seen.map((t) => t.duration))} ms${seen.length < taps.length ? ` (${taps.length - seen.length} runs under 16 ms)` : ''} | ${ms(seen.map((t) => t.delay))} ms | ${ms(seen.map((t) => t.processing))} ms | ${ms(seen.map((t) => t.presentation))} ms |`,
      );
    });
  }
  console.log(
    [
      `Chromium, 412×823 touch, CPU 4× slower, ${RUNS} runs round-robin, ${LOADED ? 'machine loaded (one busy-looping process per core)' : 'machine not loaded by the benchmark'}; ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, load average ${loadBefore} at the start, ${loadAfter} at the end.`,
      '',
      '| page | tap | duration min / median / max | input delay | processing | presentation |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows,
    ].join('\n'),
  );
  const json =
    process.env.BENCH_JSON ||
    path.join(tmpdir(), `bench-interactions-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    json,
    JSON.stringify(
      {
        runs: RUNS,
        loaded: LOADED,
        loadBefore,
        loadAfter,
        started,
        steps,
        results: Object.fromEntries(results),
      },
      null,
      1,
    ),
  );
  console.log(`\nevery run: ${json}`);
} finally {
  for (const child of load) stopGroup(child);
  await browser.close();
  stopGroup(site);
  if (bare) stopGroup(bare);
}
