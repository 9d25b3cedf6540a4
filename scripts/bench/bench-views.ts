// npx tsx scripts/bench/bench-views.ts — POST /api/views/<slug> under autocannon (50 connections,
// 20 s, a new browser user agent per request) for each store, against a do-nothing route
// handler on the same server in the same run; then checks that the stored total equals the
// number of 204 answers. Then, with views spread over the catalogue, what the hot list costs the
// pages: home and article page as served (ISR, the hot list baked in and refreshed in the
// background) against the same pages re-rendered on every request (what a dynamic page would
// cost), and the ranking itself (a week of hourly buckets read and scored) timed in process.
// Needs a production build (npm run build) and redis-server.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { waitFor } from './bench-server';
import { readLiveIndex } from './live-index';
import { openRedisStore } from '../../lib/views/redis-store';
import { openSqliteStore } from '../../lib/views/sqlite-store';
import { hotScores, windowTotals } from '../../lib/hot/score';
import type { ViewStore } from '../../lib/views/store';

const DURATION = Number(process.env.BENCH_SECONDS || 20);
const CONNECTIONS = 50;
const SLUG = 'chengdu-wuhou-minzu-tuanjie';

function start(command: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(command, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
}

const PAGE_CONNECTIONS = 10;
const PAGE_SECONDS = Math.min(DURATION, 10);
const index = readLiveIndex();
const SLUGS = index.articles.filter((article) => !article.draft).map((article) => article.slug);
// Next's on-demand revalidation header: the page is rendered afresh for every request.
const PREVIEW_ID = (
  JSON.parse(readFileSync('.next/prerender-manifest.json', 'utf8')) as {
    preview: { previewModeId: string };
  }
).preview.previewModeId;

// A week of views over every article, so the hot list has real rankings to compute.
async function seed(store: ViewStore) {
  const now = Date.now();
  // In batches: the Redis store's short command timeout is meant for live requests.
  for (let batch = 0; batch < 5000; batch += 100) {
    const writes: Promise<boolean>[] = [];
    for (let i = batch; i < batch + 100; i += 1) {
      const slug = SLUGS[(i * 7) % SLUGS.length] ?? SLUG;
      const at = new Date(now - (i % 168) * 3_600_000);
      writes.push(store.recordView(slug, `seed-${i}`, at, 1800));
    }
    await Promise.all(writes);
  }
}

async function rankingMs(store: ViewStore): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 21; i += 1) {
    const started = performance.now();
    const at = new Date();
    const rows = await store.hourly(7 * 24, at);
    hotScores(rows, { at, windowHours: 24, halfLifeHours: 12 });
    windowTotals(rows, { at, windowHours: 24 });
    windowTotals(rows, { at, windowHours: 7 * 24 });
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return samples[10] ?? 0;
}

async function page(url: string, fresh: boolean) {
  const result = await autocannon({
    url,
    connections: PAGE_CONNECTIONS,
    duration: PAGE_SECONDS,
    headers: fresh ? { 'x-prerender-revalidate': PREVIEW_ID } : {},
  });
  return `${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms${result.errors + result.non2xx > 0 ? `, ${result.errors + result.non2xx} errors` : ''}`;
}

async function load(url: string, method: 'GET' | 'POST', varyAgent: boolean) {
  let n = 0;
  const result = await autocannon({
    url,
    method,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: varyAgent
      ? [
          {
            setupRequest: (request) => ({
              ...request,
              headers: {
                ...request.headers,
                'user-agent': `Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile Safari/604.1 visitor-${n++}`,
              },
            }),
          },
        ]
      : undefined,
  });
  const status204 = result.statusCodeStats?.['204']?.count ?? 0;
  return {
    rps: Math.round(result.requests.average),
    p99: result.latency.p99,
    p50: result.latency.p50,
    errors: result.errors + result.timeouts + result.non2xx,
    status204,
    // Requests still in flight when the run stopped: the server may count them, but their 204
    // never reached autocannon.
    inFlight: Math.max(0, (result.requests.sent ?? 0) - (result.requests.total ?? 0)),
  };
}

async function main() {
  const port = 3197;
  const base = `http://127.0.0.1:${port}`;
  const rows: string[] = [];
  const pageRows: string[] = [];
  // The machine's floor: a bare node:http server that answers 204, under the same load. It shows
  // how much of the latency is the load generator and the machine rather than the site.
  const bare = start(
    process.execPath,
    [
      '-e',
      `require('node:http').createServer((q, s) => { s.statusCode = 204; s.end(); }).listen(${port}, '127.0.0.1')`,
    ],
    {},
  );
  let floor = '';
  try {
    await waitFor(`${base}/`);
    const result = await load(`${base}/`, 'POST', false);
    floor = `bare node:http 204 server: ${result.rps} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms`;
  } finally {
    bare.kill();
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (const store of ['sqlite', 'redis'] as const) {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-views-'));
    const redisPort = 6400;
    const redis =
      store === 'redis'
        ? start(
            'redis-server',
            ['--port', String(redisPort), '--save', '', '--appendonly', 'no'],
            {},
          )
        : undefined;
    // Every simulated reader comes from this machine's one address: the per-address limit
    // (SECURITY.md) would refuse them, and the counting path is what is measured.
    const env: Record<string, string> = {
      VIEWS_ADDRESS_LIMIT: '1000000',
      ...(store === 'redis'
        ? { VIEWS_STORE: 'redis', REDIS_URL: `redis://127.0.0.1:${redisPort}/0` }
        : { VIEWS_STORE: 'sqlite', VIEWS_DB: path.join(dir, 'views.db') }),
    };
    const server = start(
      process.execPath,
      ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(port)],
      env,
    );
    try {
      await waitFor(`${base}/api/health`);
      await fetch(`${base}/api/views/${SLUG}`, {
        method: 'POST',
        headers: { 'user-agent': 'Mozilla/5.0 warm-up browser 1' },
      });
      const noop = await load(`${base}/api/health`, 'POST', false);
      const views = await load(`${base}/api/views/${SLUG}`, 'POST', true);
      const reader =
        store === 'redis'
          ? openRedisStore(`redis://127.0.0.1:${redisPort}/0`)
          : openSqliteStore(path.join(dir, 'views.db'));
      const stored = ((await reader.totals([SLUG])).get(SLUG) ?? 0) - 1; // minus the warm-up view
      await seed(reader);
      const ranking = await rankingMs(reader);
      await reader.close();
      const other = SLUGS.find((slug) => slug !== SLUG) ?? SLUG;
      for (const [name, url] of [
        ['home', `${base}/`],
        ['article', `${base}/articles/${other}`],
      ] as const) {
        pageRows.push(
          `| ${store} | ${name} | ${await page(url, false)} | ${await page(url, true)} | ${ranking.toFixed(1)} ms |`,
        );
      }
      rows.push(
        `| ${store} | ${noop.rps} | ${views.rps} | ${Math.round((views.rps / noop.rps) * 100)}% | ${noop.p99} ms | ${views.p50} / ${views.p99} ms | ${views.errors} | ${views.status204} | ${views.inFlight} | ${stored} | ${stored >= views.status204 && stored <= views.status204 + views.inFlight ? 'yes' : 'NO'} |`,
      );
    } finally {
      server.kill();
      redis?.kill();
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  console.log(
    `POST /api/views/<slug>, autocannon ${CONNECTIONS} connections × ${DURATION} s, a new user agent per request\n`,
  );
  console.log(`Same load against a ${floor}\n`);
  console.log(
    '| store | no-op req/s | counted view req/s | ratio | no-op p99 | view p50 / p99 | errors | 204s | in flight at stop | stored | none lost |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
  console.log(
    `\nPages under the same servers, autocannon ${PAGE_CONNECTIONS} connections × ${PAGE_SECONDS} s, after ${SLUGS.length} articles got a week of views\n`,
  );
  console.log(
    '| store | page | as served (ISR, hot list baked in) | rendered on every request | hot list ranking, median |',
  );
  console.log('| --- | --- | --- | --- | --- |');
  for (const row of pageRows) console.log(row);
}

void main();
