// SITE_URL=http://127.0.0.1:4450 npm run build && SITE_URL=http://127.0.0.1:4450 npx tsx scripts/bench/bench-cluster.ts
//
// The cluster of docs/deploy.md on this machine (scripts/start/cluster-processes.ts: Debian's
// nginx with deploy/nginx.conf, two instances, redis-server), measured with autocannon on the
// same two cores:
// 1. an article through nginx's page cache against nginx serving a static file of the same size
//    (the article's own bytes, from the public/ directory), alternated, in one run;
// 2. the article through nginx to both instances with nginx's page cache off, against one
//    instance directly (the same instance, the shared cache in Redis), and against one instance
//    alone with its in-process cache (no REDIS_URL), alternated;
// 3. views through nginx, 50 connections for 20 s, each request a new reader: errors, and the
//    views stored against those acknowledged (a load that waits for every answer, so the two
//    can be compared exactly).
// Ports 4450-4479. Waits (up to BENCH_WAIT_LOAD minutes, default 10) for a load average under 1.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { openRedisStore } from '../../lib/views/redis-store';
import { boundedLoad, percentile } from './bounded-load';
import { waitFor } from './bench-server';
import { startCluster } from '../start/cluster-processes';

const SITE_URL = process.env.SITE_URL?.trim() || 'http://127.0.0.1:4450';
const SLUG = 'chengdu-wuhou-minzu-tuanjie';
const ARTICLE = `/articles/${SLUG}`;
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const CONNECTIONS = 50;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

type Run = { rps: number; p50: number; p99: number; errors: number; bytes: number };

async function cannon(url: string): Promise<Run> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    bytes: result.throughput.average,
  };
}

/** Runs each target ROUNDS times, alternating, and keeps the runs by name. */
async function alternate(targets: Record<string, string>) {
  const runs: Record<string, Run[]> = Object.fromEntries(
    Object.keys(targets).map((name) => [name, []]),
  );
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, url] of Object.entries(targets)) {
      runs[name]?.push(await cannon(url));
      await sleep(1000);
    }
  }
  return runs;
}

function row(name: string, runs: Run[], base?: Run[]) {
  const rps = median(runs.map((run) => run.rps));
  const ratio = base ? ` | ${(rps / median(base.map((run) => run.rps))).toFixed(2)}×` : ' | 1.00×';
  return `| ${name} | ${Math.round(rps).toLocaleString('en')} (${runs.map((run) => Math.round(run.rps)).join(', ')}) | ${median(runs.map((run) => run.p50))} / ${median(runs.map((run) => run.p99))} ms | ${runs.reduce((sum, run) => sum + run.errors, 0)}${ratio} |`;
}

async function quiet() {
  const minutes = Number(process.env.BENCH_WAIT_LOAD ?? 10);
  const until = Date.now() + minutes * 60_000;
  while (loadavg()[0]! >= 1 && Date.now() < until) await sleep(10_000);
  console.log(`load average at start: ${load()}`);
}

async function main() {
  const built = JSON.parse(readFileSync('.next/required-server-files.json', 'utf8')) as {
    config: { env: Record<string, string> };
  };
  if (built.config.env.NEWS_BUILD_SITE_URL !== SITE_URL) {
    throw new Error(`build with SITE_URL=${SITE_URL} npm run build first`);
  }
  await quiet();
  const out: string[] = [];
  const log = (line: string) => {
    out.push(line);
    console.log(line);
  };
  log(
    `autocannon ${CONNECTIONS} connections × ${SECONDS} s, ${ROUNDS} alternating rounds; medians (each round)`,
  );

  // 1. nginx's page cache against a static file of the same bytes.
  const publicDir = mkdtempSync(path.join(tmpdir(), 'bench-public-'));
  cpSync('public', publicDir, { recursive: true });
  const cluster = await startCluster({
    instances: 2,
    port: 4450,
    redisPort: 4459,
    // Every simulated reader comes from this machine's one address.
    env: { SITE_URL, VIEWS_ADDRESS_LIMIT: '1000000' },
    publicDir,
  });
  try {
    const html = Buffer.from(await (await fetch(`${cluster.url}${ARTICLE}`)).arrayBuffer());
    writeFileSync(path.join(publicDir, 'same-size.html'), html);
    const cached = await fetch(`${cluster.url}${ARTICLE}`);
    log(
      `\narticle: ${html.length} bytes; second request through nginx: X-Cache-Status ${cached.headers.get('x-cache-status')}`,
    );
    const first = await alternate({
      'article, nginx page cache': `${cluster.url}${ARTICLE}`,
      'static file, same size': `${cluster.url}/same-size.html`,
    });
    log(`load average after part 1: ${load()}`);
    log(
      '\n| what | req/s, median (rounds) | p50 / p99 | errors | ratio |\n| --- | --- | --- | --- | --- |',
    );
    log(
      row('static file of the same size, nginx from disk', first['static file, same size'] ?? []),
    );
    log(
      row(
        'article through nginx page cache',
        first['article, nginx page cache'] ?? [],
        first['static file, same size'],
      ),
    );

    // 3. Views through nginx.
    const store = openRedisStore(cluster.redisUrl);
    const before = (await store.totals([SLUG])).get(SLUG) ?? 0;
    const views = await boundedLoad({
      port: 4450,
      connections: 50,
      seconds: 20,
      next: (n) => ({
        method: 'POST',
        path: `/api/views/${SLUG}`,
        headers: {
          'user-agent': `Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1 bench-${n}`,
        },
      }),
    });
    const stored = ((await store.totals([SLUG])).get(SLUG) ?? 0) - before;
    await store.close();
    const acknowledged = views.statuses.POST?.[204] ?? 0;
    log(`\nviews through nginx, 50 connections × 20 s (load average after: ${load()})`);
    log(
      `answers by status: ${JSON.stringify(views.statuses)}; failures: ${JSON.stringify([...new Set(views.failures)])}`,
    );
    log(
      '| req/s | p50 / p99 | answers | failed or not 204 | acknowledged (204) | stored | equal |\n| --- | --- | --- | --- | --- | --- | --- |',
    );
    log(
      `| ${Math.round(views.total / views.seconds)} | ${percentile(views.latencies, 50).toFixed(0)} / ${percentile(views.latencies, 99).toFixed(0)} ms | ${views.total} | ${views.failures.length + views.total - acknowledged} | ${acknowledged} | ${stored} | ${stored === acknowledged ? 'yes' : 'NO'} |`,
    );
  } finally {
    await cluster.stop();
    rmSync(publicDir, { recursive: true, force: true });
  }

  // 2. Without nginx's page cache: two instances through nginx against one instance directly.
  await sleep(2000);
  const uncached = await startCluster({
    instances: 2,
    port: 4460,
    redisPort: 4469,
    env: { SITE_URL },
    nginxSite: (site) => site.replace('proxy_cache news_pages;', 'proxy_cache off;'),
  });
  // One instance as a single-server site runs: no REDIS_URL, pages in its own memory.
  const db = mkdtempSync(path.join(tmpdir(), 'bench-alone-'));
  const alone = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', '4470'],
    {
      env: {
        ...process.env,
        SITE_URL,
        REDIS_URL: '',
        VIEWS_STORE: 'sqlite',
        VIEWS_DB: path.join(db, 'views.db'),
      },
      stdio: 'ignore',
    },
  );
  await waitFor('http://127.0.0.1:4470/api/health');
  try {
    for (const url of [uncached.url, uncached.instances[0]?.url, 'http://127.0.0.1:4470']) {
      await fetch(`${url}${ARTICLE}`);
    }
    const second = await alternate({
      nginx: `${uncached.url}${ARTICLE}`,
      direct: `${uncached.instances[0]?.url}${ARTICLE}`,
      alone: `http://127.0.0.1:4470${ARTICLE}`,
    });
    log(`\nload average after part 2: ${load()}`);
    log(
      '\n| what | req/s, median (rounds) | p50 / p99 | errors | ratio |\n| --- | --- | --- | --- | --- |',
    );
    log(row('one instance directly (shared cache in Redis)', second.direct ?? []));
    log(row('nginx to two instances, page cache off', second.nginx ?? [], second.direct));
    log(row('one instance alone (cache in its memory)', second.alone ?? [], second.direct));
  } finally {
    await uncached.stop();
    alone.kill();
    rmSync(db, { recursive: true, force: true });
  }
  writeFileSync(path.join(tmpdir(), 'bench-cluster.md'), `${out.join('\n')}\n`);
}

await main();
